#!/usr/bin/env node
// `npx switchboard <command>`: compiles the sources (about a second), then runs the CLI.
const { execSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
execSync('npm run build --silent', { cwd: root, stdio: 'inherit' });
require(join(root, 'dist/apps/homeserver/src/cli/cli.js')).runCli(process.argv);
