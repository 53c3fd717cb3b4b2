// Bundles each entry point to CommonJS in dist/ (the extension host and `bin/` load CJS; this also
// inlines the ESM-only unified packages). Type-checking is separate: `npm run typecheck`.
import * as esbuild from 'esbuild'
import fs from 'node:fs'
import {fileURLToPath, pathToFileURL} from 'node:url'

const watch = process.argv.includes('--watch')
const production = process.argv.includes('--production')

/** Entry points that exist (layers are added over time; a missing one is skipped, not an error). */
const entries = {
  cli: 'src/cli/main.ts',
  server: 'src/server/server.ts',
  engine: 'src/server/engine.ts',
  extension: 'src/client/extension.ts'
}

const entryPoints = Object.fromEntries(Object.entries(entries).filter(([, file]) => fs.existsSync(file)))

/** wink-lexicon's word index (77,000 statements `words.x = n;`) and sense index (77,000 array literals), which
 * wink-lemmatizer requires, are replaced by stand-ins over the same data packed in the WordNet tables file
 * (src/core/lexicon/wink-lexicon.ts): evaluating the originals, even as one JSON string each, took ~170 ms of
 * CPU and 30 MB of every cold start. */
const standIns = {
  name: 'wink-lexicon-stand-ins',
  setup(build) {
    const module = fileURLToPath(new URL('src/core/lexicon/wink-lexicon.ts', import.meta.url))
    build.onLoad({filter: /wink-lexicon[\\/]src[\\/]wn-(words|word-senses)\.js$/}, async (args) => {
      const name = /wn-words\.js$/.test(args.path) ? 'words' : 'senses'
      return {contents: `module.exports = require(${JSON.stringify(module)}).${name};`, loader: 'js'}
    })
  }
}

export const options = {
  entryPoints,
  outdir: 'dist',
  outExtension: {'.js': '.cjs'},
  bundle: true,
  platform: 'node',
  target: 'node20',
  // Node 20 has RegExp property escapes (\p{L}); esbuild's table doubts it for some properties and would turn
  // every such literal into a `new RegExp(…)` built again on each call (2.5 million times while indexing).
  supported: {'regexp-unicode-property-escapes': true},
  format: 'cjs',
  external: ['vscode'],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  plugins: [standIns],
  // Prefer packages' ES module builds: jsonc-parser's UMD build loads its parts with a dynamic require.
  mainFields: ['module', 'main'],
  // import.meta.url has no meaning in a CJS bundle; map it to the bundle's own file URL.
  define: {'import.meta.url': 'importMetaUrl'},
  banner: {js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;"}
}

/** Data files the bundles read beside themselves (see scripts/build-lexicon.mjs). */
export const DATA_FILES = ['data/generated/wordnet.bin']

/** Copies the data files into a bundle's folder. */
export function copyData(outdir) {
  fs.mkdirSync(outdir, {recursive: true})
  for (const file of DATA_FILES) fs.copyFileSync(new URL(file, import.meta.url), `${outdir}/${file.split('/').pop()}`)
}

// Built when run (`node esbuild.mjs`), not when another script imports the options (bench/scale.ts).
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  copyData(options.outdir)
  if (watch) {
    const ctx = await esbuild.context(options)
    await ctx.watch()
  } else {
    await esbuild.build(options)
  }
}
