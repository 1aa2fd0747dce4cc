import { Button, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './PageState.css';

export type LoadState<T> = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; data: T };

interface Props<T> {
  state: LoadState<T>;
  onRetry: () => void;
  /** Shown when the data is ready but has nothing to show. */
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}

/** The three states every page has: loading, failure with a retry button, and ready (or empty). */
export function PageState<T>({ state, onRetry, isEmpty, empty, children }: Props<T>) {
  if (state.status === 'loading') return <View className="page-state">加载中…</View>;
  if (state.status === 'failed')
    return (
      <View className="page-state">
        <View className="page-state-message">{state.message}</View>
        <Button className="btn-secondary" size="mini" onClick={onRetry}>
          重新加载
        </Button>
      </View>
    );
  if (isEmpty?.(state.data)) return <View className="page-state">{empty ?? '暂无记录'}</View>;
  return <>{children(state.data)}</>;
}
