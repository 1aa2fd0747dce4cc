import { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { LoadState } from './PageState';

/** Loads a page's data each time the page shows; `reload` is the retry button's action. */
export function useLoadOnShow<T>(load: () => Promise<T>): { state: LoadState<T>; reload: () => void } {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  const reload = useCallback(() => {
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    load().then(
      (data) => setState({ status: 'ready', data }),
      (error: unknown) => setState({ status: 'failed', message: (error as Error).message || '加载失败' }),
    );
  }, [load]);
  useDidShow(reload);
  return { state, reload };
}
