import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    // Warnings from models under test go through onWarning handlers; anything on console.warn is a leak.
    onConsoleLog: () => true,
  },
});
