import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The packaged layout has its own run: npm run test:package (vitest.package.config.ts).
    exclude: ['test/package/**', '**/node_modules/**'],
    environment: 'node',
    // A limit stops a hang; it is never a deadline a loaded machine could miss (tests wait for events, not clocks:
    // ci-under-load.md). Two minutes: the slowest test, on a fresh clone beside a CPU-heavy job, takes a quarter of it.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores: more workers only make the sharp and onnxruntime tests fight over them.
    maxWorkers: 2,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
