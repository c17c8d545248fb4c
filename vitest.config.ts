import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The CLI tests run bin/brochure, which runs the compiled code: compile first.
    globalSetup: ['tests/setup/compile.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
