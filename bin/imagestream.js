#!/usr/bin/env node
// The `imagestream` CLI. Runs the compiled sources: `npm run build` in a checkout (npm install does it).
'use strict';
require('../dist/src/cli/main.js').main();
