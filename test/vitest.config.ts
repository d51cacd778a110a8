import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    // End-to-end tests run the built CLI (dist/), so build once before any test.
    globalSetup: ['test/build.global-setup.ts'],
    // Generous: end-to-end tests spawn the CLI, servers and Chromium, and a loaded 2-core machine is slow.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
