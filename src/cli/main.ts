// `corroborate` command line: the same engine as the editor, for newsroom CI.
// Exit status: 0 no error-severity message, 1 at least one, 2 usage or input error.
import fs from 'node:fs'
import os from 'node:os'
import {createHash} from 'node:crypto'
import path from 'node:path'
import {Command, Option} from 'commander'
import fg from 'fast-glob'
import {VFile} from 'vfile'
import {ArchiveError, ConfigError, displayUrl, findConfigFile, isArchiveUrl, loadConfig, resolveCorpusInputs, type ProjectConfig} from '../core/config.js'
import {CorpusError, decodeText, loadCorpus, type Corpus} from '../core/corpus/corpus.js'
import type {ArchiveReader} from '../core/corpus/archive/reader.js'
import type {CombinedReader} from '../core/corpus/archive/combined.js'
import {toJson} from './json.js'
import {toSarif} from './sarif.js'
import {printable, toText} from './text.js'
import pkg from '../../package.json' with {type: 'json'}

const {version} = pkg

class UsageError extends Error {}

// What only some commands use is loaded when they first need it: the checks (with their lexicons, tagger and
// WordNet: ~0.6 s of a cold start) for `check` and `sources`, the database client for an archive. `index`
// needs neither.
const engine = () => import('../core/processor.js')
const archiveClient = async () => ({...(await import('../core/corpus/archive/connect.js')), ...(await import('../core/corpus/archive/reader.js')), ...(await import('../core/corpus/archive/combined.js'))})

/** The longest draft one command-line check takes (about 300,000 words): time and memory stay bounded. */
const MAX_DRAFT_CHARS = 2_000_000

interface CheckFlags {
  corpus?: string[]
  allowOutsideCorpus?: boolean
  format: 'text' | 'json' | 'sarif'
  config?: string
  exit: boolean
  quiet?: boolean
  cache: boolean
}

function readConfig(flags: {config?: string}, cwd: string): {config: ProjectConfig; file?: string} {
  const file = flags.config ? path.resolve(cwd, flags.config) : findConfigFile(cwd)
  if (flags.config && !fs.existsSync(file!)) throw new UsageError(`config file '${flags.config}' does not exist — check the --config path`)
  return file ? {config: loadConfig(file), file} : {config: {}}
}

/** Where the CLI saves the index of a corpus: the user's cache folder, one file per corpus (the folders
 * named, resolved), so the next run reads no source it has not changed. */
export function indexCacheFile(inputs: string[], cwd: string): string {
  const base = process.env.CORROBORATE_CACHE_DIR || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'corroborate')
  const key = createHash('sha1').update(JSON.stringify(inputs.map((i) => path.resolve(cwd, i)).sort())).digest('hex').slice(0, 16)
  return path.join(base, `index-${key}.v8`)
}

async function openCorpus(flags: {corpus?: string[]; config?: string; allowOutsideCorpus?: boolean; cache?: boolean}, cwd: string): Promise<Opened> {
  const {config, file} = readConfig(flags, cwd)
  let inputs = flags.corpus ?? []
  // A config without "corpus" means its "sources" folder, as in the editor.
  if (!inputs.length && file) inputs = resolveCorpusInputs(config, file)
  const archives = inputs.filter(isArchiveUrl)
  const folders = inputs.filter((input) => !isArchiveUrl(input))
  if (archives.length) {
    const {assertNoPassword, openPool, ArchiveReader, ARCHIVE_IDS, CombinedReader} = await archiveClient()
    if (!flags.corpus?.length) for (const url of archives) assertNoPassword(url, file ?? 'the config file')
    if (archives.length > 1) throw new UsageError('one shared archive at a time — pass one postgres:// URL to --corpus (beside any folders)')
    // Local sources beside the archive are read first: a missing folder is said before the database is asked.
    const local = folders.length ? await openFolders(folders, flags, cwd, file) : undefined
    const pool = await openPool(archives[0], {max: 2})
    try {
      const archive = await new ArchiveReader(pool, archives[0], {idOffset: local ? ARCHIVE_IDS : 0}).open()
      return {archive: local ? new CombinedReader(local, archive) : archive, url: archive.url, pool, config, configFile: file}
    } catch (error) {
      await pool.end()
      throw error
    }
  }
  if (!inputs.length) throw new UsageError('no corpus given — pass --corpus DIR (your folder of reference sources) or set "corpus" in .corroborate.json')
  return {corpus: await openFolders(inputs, flags, cwd, file), config, configFile: file}
}

/** Folders of sources, through the saved index. */
async function openFolders(inputs: string[], flags: {corpus?: string[]; allowOutsideCorpus?: boolean; cache?: boolean}, cwd: string, file: string | undefined): Promise<Corpus> {
  // Folders the user names with --corpus are read where they are: the user said so. A repository's
  // config alone may only name sources inside the current folder or its own folder, unless the user
  // passes --allow-outside-corpus. (Links inside a corpus folder never lead out of it either way.)
  const roots = flags.corpus?.length ? undefined : [cwd, ...(file ? [path.dirname(file)] : [])]
  const cache = flags.cache === false ? undefined : indexCacheFile(inputs, cwd)
  const corpus = await loadCorpus(inputs, {cwd, roots, allowOutside: flags.allowOutsideCorpus, cache})
  for (const s of corpus.skipped) process.stderr.write(`note: skipped ${printable(s.path)}: ${printable(s.reason)}\n`)
  return corpus
}

/** Sources on disk (an embedded index), or the shared archive. */
type Opened =
  | {corpus: Corpus; config: ProjectConfig; configFile?: string}
  | {archive: ArchiveReader | CombinedReader; url: string; pool: import('pg').Pool; config: ProjectConfig; configFile?: string}

async function readDrafts(patterns: string[], cwd: string): Promise<VFile[]> {
  const files: VFile[] = []
  for (const pattern of patterns) {
    const literal = path.resolve(cwd, pattern)
    const paths = fs.existsSync(literal) ? [pattern] : fg.isDynamicPattern(pattern) ? await fg(pattern, {cwd, onlyFiles: true}) : [pattern]
    if (!paths.length) throw new UsageError(`no draft matches '${pattern}' — check the path or pattern`)
    for (const p of paths.sort()) {
      let bytes: Buffer
      try {
        bytes = fs.readFileSync(path.resolve(cwd, p))
      } catch (error) {
        throw new UsageError(`cannot read draft '${printable(p)}' (${(error as NodeJS.ErrnoException).code ?? String(error)}) — check the path`)
      }
      // Offsets are UTF-16 code units into the text as an editor shows it: a BOM is dropped.
      const value = decodeText(bytes)
      if (value === undefined) throw new UsageError(`draft '${printable(p)}' is not text (binary, or an encoding other than UTF-8 or UTF-16) — save it as UTF-8`)
      if (value.length > MAX_DRAFT_CHARS) throw new UsageError(`draft '${printable(p)}' has ${value.length} characters, more than the ${MAX_DRAFT_CHARS} one check takes — split it into parts`)
      files.push(new VFile({path: p, value, cwd}))
    }
  }
  return files
}

async function check(drafts: string[], flags: CheckFlags): Promise<number> {
  const cwd = process.cwd()
  const opened: Opened = await openCorpus(flags, cwd)
  const {config, configFile} = opened
  const options = (file: VFile) => ({
    rules: config.rules,
    accepted: config.accepted,
    relativePath: configFile ? path.relative(path.dirname(configFile), path.resolve(cwd, file.path)).split(path.sep).join('/') : undefined
  })
  const files: VFile[] = []
  const {checkDraft} = await engine()
  const client = 'archive' in opened ? await archiveClient() : undefined
  try {
    for (const file of await readDrafts(drafts, cwd)) {
      files.push('archive' in opened ? await client!.checkAgainstArchive({path: file.path, value: String(file.value), cwd}, opened.archive, options(file)) : checkDraft(file, opened.corpus, options(file)))
    }
  } finally {
    if ('pool' in opened) await opened.pool.end()
  }
  const combined = (reader: ArchiveReader | CombinedReader): reader is CombinedReader => client !== undefined && reader instanceof client.CombinedReader
  const corpus = 'archive' in opened ? {sources: {length: opened.archive.sources.length}, sentenceCount: combined(opened.archive) ? opened.archive.archive.sentenceCount : opened.archive.sentenceCount} : opened.corpus
  if (flags.format === 'json') process.stdout.write(toJson(files) + '\n')
  else if (flags.format === 'sarif') process.stdout.write(toSarif(files, version, cwd) + '\n')
  else {
    process.stdout.write(toText(files, {quiet: flags.quiet, color: process.stdout.isTTY}) + '\n')
    process.stderr.write('archive' in opened
      ? combined(opened.archive)
        ? `checked against ${opened.archive.local.sources.length} local source${opened.archive.local.sources.length === 1 ? '' : 's'} (${opened.archive.local.sentenceCount} sentences) and the archive ${opened.url} (${opened.archive.archive.sentenceCount} sentences; ${opened.archive.archive.sources.length} article${opened.archive.archive.sources.length === 1 ? '' : 's'} read)\n`
        : `checked against the archive ${opened.url} (${corpus.sentenceCount} sentences; ${corpus.sources.length} article${corpus.sources.length === 1 ? '' : 's'} read)\n`
      : `checked against ${corpus.sources.length} source${corpus.sources.length === 1 ? '' : 's'} (${corpus.sentenceCount} sentences)\n`)
  }
  const errors = files.some((f) => f.messages.some((m) => m.fatal === true))
  return errors && flags.exit ? 1 : 0
}

async function sources(flags: {corpus?: string[]; config?: string; format: string; allowOutsideCorpus?: boolean}): Promise<number> {
  const opened: Opened = await openCorpus(flags, process.cwd())
  if ('archive' in opened) {
    await opened.pool.end()
    throw new UsageError('the sources report reads folders of sources, not a shared archive — pass --corpus DIR')
  }
  const {corpus} = opened
  const {compareSources} = await import('../core/sources-report.js')
  const found = compareSources(corpus)
  if (flags.format === 'json') {
    process.stdout.write(JSON.stringify(found, null, 2) + '\n')
    return 0
  }
  process.stdout.write(`${corpus.sources.length} sources, ${corpus.sentenceCount} sentences, ${found.length} disagreement${found.length === 1 ? '' : 's'}\n`)
  for (const d of found) {
    process.stdout.write(`\n${d.kind}:\n  ${d.a.evidence.path}:${d.a.evidence.line}  “${d.a.words}”\n  ${d.b.evidence.path}:${d.b.evidence.line}  “${d.b.words}”\n`)
  }
  return 0
}

/** Ingests folders of sources into the shared archive: only what changed is written, files gone are removed. */
async function index(flags: {corpus?: string[]; into: string; collection?: string}): Promise<number> {
  if (!isArchiveUrl(flags.into)) throw new UsageError(`--into '${flags.into}' is not an archive — give a postgres:// URL (the password comes from PGPASSWORD or ~/.pgpass)`)
  if (!flags.corpus?.length) throw new UsageError('no sources given — pass --corpus DIR (a folder of sources to ingest)')
  if (flags.collection && flags.corpus.length > 1) throw new UsageError('--collection names one folder\'s articles — ingest one --corpus folder at a time with it')
  const cwd = process.cwd()
  for (const folder of flags.corpus) {
    const abs = path.resolve(cwd, folder)
    if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) throw new UsageError(`corpus folder '${folder}' does not exist — pass --corpus DIR pointing at the sources to ingest`)
    const tty = process.stderr.isTTY
    const {ingest} = await import('../core/corpus/archive/ingest.js')
    const result = await ingest(flags.into, abs, {
      cwd,
      collection: flags.collection,
      note: (line) => process.stderr.write(`${printable(line)}\n`),
      // Progress: one line rewritten in place on a terminal, a line per step in a log.
      progress: (done, total) => process.stderr.write(`${tty ? '\r' : ''}ingesting ${printable(folder)}: ${done}/${total} articles${tty ? '' : '\n'}`)
    })
    if (tty) process.stderr.write('\n')
    const rate = result.seconds > 0 ? Math.round((result.added + result.updated + result.unchanged) / result.seconds) : 0
    process.stdout.write(`${displayUrl(flags.into)} · ${result.collection}: ${result.added} added, ${result.updated} updated, ${result.removed} removed, ${result.unchanged} unchanged${result.skipped ? `, ${result.skipped} skipped` : ''} (${result.seconds.toFixed(1)} s, ${rate} articles/s)\n`)
  }
  return 0
}

const collect = (value: string, previous: string[] = []) => [...previous, value]

export async function main(argv: string[]): Promise<number> {
  const program = new Command()
    .name('corroborate')
    .description('Check drafts against your own folder of reference sources.')
    .version(version)
    .exitOverride()
    .configureOutput({writeErr: (s) => process.stderr.write(s)})
  let status = 0
  program
    .command('check')
    .description('check drafts (Markdown or plain text) against the sources')
    .argument('<draft...>', 'draft files or globs')
    .option('--corpus <dir|file|glob>', 'reference sources (repeatable; default: "corpus" in .corroborate.json)', collect)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .option('--config <file>', 'project config file (default: nearest .corroborate.json)')
    .option('--allow-outside-corpus', 'let the config file name sources outside the current folder and its own folder')
    .option('--no-exit', 'exit 0 even when errors are found (usage errors still exit 2)')
    .option('--quiet', 'text format: do not list files without messages')
    .option('--no-cache', 'do not read or save the index of the sources (saved in ~/.cache/corroborate, or $CORROBORATE_CACHE_DIR)')
    .action(async (drafts: string[], flags: CheckFlags) => {
      status = await check(drafts, flags)
    })
  program
    .command('sources')
    .description('report where the sources disagree with each other')
    .option('--corpus <dir|file|glob>', 'reference sources (repeatable)', collect)
    .option('--config <file>', 'project config file')
    .option('--allow-outside-corpus', 'let the config file name sources outside the current folder and its own folder')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--no-cache', 'do not read or save the index of the sources')
    .action(async (flags) => {
      status = await sources(flags)
    })
  program
    .command('index')
    .description('ingest folders of sources into a shared archive in PostgreSQL (only changes are written)')
    .requiredOption('--into <url>', 'the archive: postgres://user@host/database (password from PGPASSWORD or ~/.pgpass)')
    .option('--corpus <dir>', 'folder of sources to ingest (repeatable)', collect)
    .option('--collection <name>', 'name the folder\'s articles are kept under (default: the folder\'s name)')
    .action(async (flags) => {
      status = await index(flags)
    })
  if (argv.length === 0) {
    process.stderr.write(`${program.helpInformation()}\ncorroborate: no command given — run 'corroborate check --corpus DIR draft.md'\n`)
    return 2
  }
  try {
    await program.parseAsync(argv, {from: 'user'})
    return status
  } catch (error) {
    const code = (error as {code?: string}).code
    if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') return 0
    if (code?.startsWith('commander.')) return 2 // commander already printed what is wrong
    if (error instanceof UsageError || error instanceof CorpusError || error instanceof ConfigError || error instanceof ArchiveError) {
      process.stderr.write(`corroborate: ${printable(error.message)}\n`)
      return 2
    }
    throw error
  }
}

// exitCode, not exit(): on a pipe, stdout is written asynchronously and exit() would cut a long report.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error) => {
    process.stderr.write(`corroborate: internal error: ${error instanceof Error ? error.stack : String(error)}\n`)
    process.exitCode = 2
  }
)
