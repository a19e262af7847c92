#!/usr/bin/env node
// Thin launcher: the CLI lives in runner/cli.ts, compiled to dist/ by `npm run build`
// (run automatically by `npm ci` through the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const cli = new URL('../dist/runner/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('wasi-conformance: not built yet; run `npm run build` (or `make`) first\n');
  process.exit(2);
}
await import(cli.href);
