import { defineConfig } from 'vitest/config';

/** `npm run test:package`: the packaged layout, built with electron-builder and a stand-in runtime (slow). */
export default defineConfig({
  test: {
    include: ['test/package/**/*.test.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 300_000,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
