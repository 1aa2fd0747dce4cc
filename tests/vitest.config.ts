import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'tests',
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'artifacts/**'],
    globalSetup: ['../server/test/support/globalSetup.ts'],
    setupFiles: ['support/cspGuard.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
