/** Jest runs the TypeScript sources through SWC (type-checking is `npm run typecheck`, its own step). */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  setupFiles: ['<rootDir>/test/support/env.ts'],
  testTimeout: 30000,
  // Two files at a time on the 2-core CI machine (Jest's default there is one): most files wait on
  // sockets, child processes and Redis rather than compute, so two overlap their waits.
  maxWorkers: 2,
  // No file watching: CI runs once, and watchman can stall a run on a busy machine.
  watchman: false,
};
