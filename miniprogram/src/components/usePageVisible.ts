import { useDidHide, useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';

/** Whether this page is on screen (not hidden behind another page, or the app in the background). */
export function usePageVisible(): boolean {
  const [visible, setVisible] = useState(true);
  useDidShow(() => setVisible(true));
  useDidHide(() => setVisible(false));
  return visible;
}

/** Calls `tick` every `ms` while `active` (keep `tick` stable, e.g. with useCallback). */
export function useIntervalWhile(active: boolean, tick: () => void, ms: number): void {
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(tick, ms);
    return () => clearInterval(timer);
  }, [active, tick, ms]);
}
