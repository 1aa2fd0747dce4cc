import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

const stub = (name: string) => fileURLToPath(new URL(`./test/stubs/${name}`, import.meta.url));

/** Component tests render pages in jsdom with small plain-DOM stand-ins for Taro's components and APIs. */
export default defineProject({
  esbuild: { jsx: 'automatic' },
  resolve: {
    alias: {
      '@tarojs/taro': stub('taro.ts'),
      '@tarojs/components': stub('components.tsx'),
    },
  },
  define: { 'process.env.TARO_ENV': JSON.stringify('h5') },
  test: {
    name: 'miniprogram',
    environment: 'jsdom',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'test/**/*.test.tsx'],
  },
});
