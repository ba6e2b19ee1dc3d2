/** One jest run for the whole monorepo; @swc/jest compiles with the same .swcrc as the build. */
const fs = require('node:fs');
const swcrc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));

const moduleNameMapper = {};
for (const [alias, [target]] of Object.entries(swcrc.jsc.paths)) {
  moduleNameMapper[`^${alias.replace(/[/]/g, '\\/')}$`] = `<rootDir>/${target}`;
}
// Its native binary is not installed; matrix-bot-sdk and matrix-appservice-bridge require it at import.
moduleNameMapper['^@matrix-org/matrix-sdk-crypto-nodejs$'] =
  '<rootDir>/test/support/crypto-nodejs-standin.ts';

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/bridges', '<rootDir>/test'].filter((p) =>
    fs.existsSync(p.replace('<rootDir>', __dirname)),
  ),
  testMatch: ['**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        ...swcrc,
        swcrc: false,
        jsc: { ...swcrc.jsc, baseUrl: __dirname },
        module: { ...swcrc.module, ignoreDynamic: true },
      },
    ],
  },
  moduleNameMapper,
  testTimeout: 30000,
  // Most suites wait on databases and sockets, so two workers on two cores beat jest's default of one.
  maxWorkers: 2,
};
