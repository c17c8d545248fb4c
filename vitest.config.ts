import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The CLI tests run bin/brochure, which runs the compiled code: compile first.
    globalSetup: ['tests/setup/compile.ts'],
    testTimeout: 120_000,
    // In CI also a JSON report, from which .ci/run prints a plain "N passed, N failed" line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.ci/test-results.json' }]] : ['default'],
    hookTimeout: 180_000,
  },
});
