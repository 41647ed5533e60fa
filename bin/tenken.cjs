#!/usr/bin/env node
'use strict';
// The `tenken` command. The CLI is built into dist/ by `npm install` (the prepare script) or `npm run build`.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const entry = join(__dirname, '..', 'dist', 'cli.cjs');
if (!existsSync(entry)) {
  process.stderr.write('tenken: the app is not built yet; run `npm run build` in ' + join(__dirname, '..') + '\n');
  process.exit(1);
}
require(entry);
