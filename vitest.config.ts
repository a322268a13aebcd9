import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

// Three projects: pure unit tests (node), panel component tests (happy-dom), and end-to-end
// tests in real Chromium and Firefox against the lab (node, serial, long timeouts).
export default defineConfig({
  plugins: [preact()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['src/**/*.test.ts', 'lab/**/*.test.ts', 'scripts/**/*.test.ts'],
          // A hang guard, not a speed check: property tests share two cores with the rest of the suite.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: { name: 'ui', environment: 'happy-dom', include: ['src/**/*.test.tsx'], testTimeout: 30_000 },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
