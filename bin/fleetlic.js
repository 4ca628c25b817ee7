#!/usr/bin/env node
require('../dist/apps/cli/src/main.js'); // eslint-disable-line @typescript-eslint/no-require-imports
