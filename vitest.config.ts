import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // End-to-end tests start Chromium; two cores are shared with it.
    testTimeout: 60_000,
    // Many files build a whole example board in beforeAll: each build now also prints every
    // meeting's minutes, so a loaded machine needs longer than one test.
    hookTimeout: 120_000,
    maxWorkers: 2,
    // `npm test` reports the lines the in-process tests reach (the end-to-end tests' child
    // processes are not counted) and fails below the floor.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'coverage',
      thresholds: { lines: 84 },
    },
  },
});
