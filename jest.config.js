/** @type {import('jest').Config} */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  // Jest 30 "soft-deletes" what a test file left on shared objects by wrapping it in a getter and setter, again for
  // every file a worker runs: an object shared across files (a native module's, set_message) gathered wrappers until a
  // setter overflowed the stack and a whole suite failed to run (CI, infra/supervisor.spec.ts). Off, as before Jest 30.
  testEnvironmentOptions: { globalsCleanup: 'off' },
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/{apps,libs,workflows,activities,infra,test}/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // One throwaway PostgreSQL cluster and one Temporal dev server for the whole run.
  setupFiles: ['<rootDir>/test/setup/quiet-temporal.ts'],
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  testTimeout: 60_000,
  maxWorkers: 2,
};
