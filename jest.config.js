/** Jest runs the TypeScript sources directly through swc (ESM). Worker threads and the CLI
 *  run the built JS in dist/, so `make test` builds first. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'es6' },
    }],
  },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/{reference,suites,runner,reports,test,bench}/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // npm run mutate's sandbox copy of the project (a second package.json and every test file)
  modulePathIgnorePatterns: ['<rootDir>/.stryker-tmp/'],
  testTimeout: 60000,
};
