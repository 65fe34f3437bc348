// Two projects: fast pure tests beside the code (src/**/*.spec.ts) and those that need real I/O
// (SQLite files, the built service as a process) under test/. `npm test` runs both.
// ts-jest transpiles only (isolatedModules): `tsc` type-checks in `npm run build`.
const tsJest = ['ts-jest', { tsconfig: { isolatedModules: true }, diagnostics: false }];

module.exports = {
  // Hooks start services, brokers and databases: on a machine whose cores other work keeps busy a start
  // takes many seconds, so no hook or test is cut off at Jest's 5 s. Slow paths still fail, later.
  testTimeout: 90_000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      testMatch: ['<rootDir>/test/**/*.test.ts'],
    },
  ],
};
