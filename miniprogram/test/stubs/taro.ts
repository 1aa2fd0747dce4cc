import { useEffect } from 'react';

/** A tiny stand-in for @tarojs/taro in jsdom: storage in memory, UI calls recorded, requests answered by tests. */
const storage = new Map<string, unknown>();
export const recorded = { toasts: [] as string[], navigations: [] as string[], modals: [] as string[] };
type Handler = (options: { url: string; method?: string; data?: unknown; header?: Record<string, string> }) => unknown;
let requestHandler: Handler = () => ({ statusCode: 404, data: {} });

export function answerRequests(handler: Handler): void {
  requestHandler = handler;
}

export function resetTaro(): void {
  storage.clear();
  recorded.toasts.length = 0;
  recorded.navigations.length = 0;
  recorded.modals.length = 0;
  requestHandler = () => ({ statusCode: 404, data: {} });
}

const Taro = {
  getStorageSync: (key: string) => storage.get(key) ?? '',
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
  showToast: async ({ title }: { title: string }) => void recorded.toasts.push(title),
  showModal: async ({ content }: { content: string }) => {
    recorded.modals.push(content);
    return { confirm: true, cancel: false };
  },
  navigateTo: async ({ url }: { url: string }) => void recorded.navigations.push(url),
  redirectTo: async ({ url }: { url: string }) => void recorded.navigations.push(url),
  reLaunch: async ({ url }: { url: string }) => void recorded.navigations.push(url),
  switchTab: async ({ url }: { url: string }) => void recorded.navigations.push(url),
  navigateBack: async () => void recorded.navigations.push('back'),
  getCurrentPages: () => [] as Array<{ route: string }>,
  request: async (options: Parameters<Handler>[0]) => requestHandler(options),
  addInterceptor: () => undefined,
  setClipboardData: async () => undefined,
};

export function useDidShow(callback: () => void): void {
  useEffect(callback, []);
}
export function useRouter() {
  return { params: {} as Record<string, string> };
}

export default Taro;
