#!/usr/bin/env node
// The `casetrail` command. The TypeScript is compiled by `npm ci` (prepare) and `npm run build`.
require('reflect-metadata');
require('../dist/cli/main').runCli(process.argv);
