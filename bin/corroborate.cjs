#!/usr/bin/env node
// Thin launcher: the CLI is bundled to dist/ by `npm run build` (run automatically by `npm ci` via `prepare`).
const path = require('node:path')
const fs = require('node:fs')
const bundle = path.join(__dirname, '..', 'dist', 'cli.cjs')
if (!fs.existsSync(bundle)) {
  console.error('corroborate: the CLI is not built yet. Run `npm run build` (or `npm ci`) in ' + path.join(__dirname, '..'))
  process.exit(2)
}
require(bundle)
