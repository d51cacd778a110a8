import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    // End-to-end tests run the built CLI (dist/), so build once before any test.
    globalSetup: ['test/build.global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
