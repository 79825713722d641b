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
  // A worker that holds more than this after a file is replaced before the next one. Nothing stays
  // open at the end of a run (the event loop of each worker is empty within 5 ms of Jest's end
  // message), but a worker that ran ~60 files holds ~1 GB (each file loads googleapis and Bolt into
  // its own sandbox), and Node took 600-900 ms to tear that heap down: longer than the 500 ms Jest
  // waits, hence "A worker process has failed to exit gracefully and has been force exited".
  workerIdleMemoryLimit: '384MB',
  // No file watching: CI runs once, and watchman can stall a run on a busy machine.
  watchman: false,
};
