// Two projects: fast pure tests beside the code (src/**/*.spec.ts) and those that need real I/O
// (SQLite files, the built service as a process) under test/. `npm test` runs both.
// ts-jest transpiles only (isolatedModules): `tsc` type-checks in `npm run build`.
const tsJest = ['ts-jest', { tsconfig: { isolatedModules: true }, diagnostics: false }];

module.exports = {
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
