import { defineConfig } from 'vitest/config';

/** `npm test` at the root runs every workspace's project; `npm test -w <workspace>` runs one. */
export default defineConfig({
  test: {
    projects: ['shared', 'server', 'miniprogram', 'tests'],
  },
});
