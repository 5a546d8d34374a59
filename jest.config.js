/** Jest runs TypeScript through ts-jest in transpile-only mode: `npm run typecheck` does the type check once. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { isolatedModules: true, diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFiles: ['<rootDir>/test/setup/quiet-temporal.ts'],
  testTimeout: 30_000,
  maxWorkers: 2,
};
