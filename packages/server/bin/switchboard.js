#!/usr/bin/env node
// The `switchboard` command on plain Node: the compiled CLI (`npm run build` writes dist/; the
// repository's `npm install` runs it through the root `prepare` script).
import '../dist/cli/main.js';
