// Language server: runs the engine off the editor's thread, and the engine off the server's own thread
// (engine.ts, a worker holding the corpus), so hover, code actions and the status bar answer while an
// index builds or a check runs. Checks are throttled per document and results for an older version of
// the text are dropped; fixes and hovers read the diagnostics' data. Wiring only: detection lives in src/core.
import {createHash} from 'node:crypto'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {Worker} from 'node:worker_threads'
import {
  createConnection, DidChangeConfigurationNotification, FileChangeType, ProposedFeatures, TextDocuments, TextDocumentSyncKind,
  type Diagnostic, type InitializeParams
} from 'vscode-languageserver/node'
import {TextDocument} from 'vscode-languageserver-textdocument'
// Only the light parts of the core: the engine (checks, lexicons, tagger) lives in the worker's bundle.
import {addAccepted, displayUrl, isArchiveUrl} from '../core/config.js'
import {languageOf} from '../core/language.js'
import {DEFAULT_SETTINGS, validateSettings, type EditorSettings} from '../core/settings.js'
import type {CorroborateMessage, RuleId} from '../core/types.js'
import type {SourceDisagreement} from '../core/sources-report.js'
import type {CheckResult, CorpusState, EngineRequest} from './engine.js'
import {codeActions, FIX_ALL_KIND} from './actions.js'
import {toDiagnostic} from './diagnostics.js'
import {hoverFor} from './hover.js'
import {windows} from './windows.js'
import {capDiagnostics} from './diagnostics.js'
import {Project} from './project.js'
import {collectWhenIdle} from './idle-gc.js'
import {ARCHIVE_ARTICLE, SERVER_COMMANDS, STATUS, VISIBLE_RANGES, type ArchiveArticleResult, type StatusParams, type VisibleRangesParams} from './protocol.js'

const connection = createConnection(ProposedFeatures.all)
const documents = new TextDocuments(TextDocument)

/** The worker that holds the corpus and runs checks; started on first use, restarted if it dies. */
class Engine {
  #worker?: Worker
  #next = 0
  readonly #pending = new Map<number, {resolve: (value: unknown) => void; reject: (error: Error) => void}>()

  request<T>(request: EngineRequest): Promise<T> {
    const worker = (this.#worker ??= this.#start())
    const id = this.#next++
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, {resolve: resolve as (value: unknown) => void, reject})
      worker.postMessage({id, request})
    })
  }

  #start(): Worker {
    const worker = new Worker(fileURLToPath(new URL('./engine.cjs', import.meta.url)))
    worker.on('message', ({id, result, error}: {id: number; result?: unknown; error?: string}) => {
      const pending = this.#pending.get(id)
      this.#pending.delete(id)
      if (error) pending?.reject(new Error(error))
      else pending?.resolve(result)
    })
    worker.on('exit', (code) => {
      this.#worker = undefined
      const pending = [...this.#pending.values()]
      this.#pending.clear()
      for (const p of pending) p.reject(new Error(`the checking engine stopped (exit ${code})`))
      // It held the corpus: a new one loads it again.
      if (code !== 0 && !stopping) {
        connection.console.error(`Corroborate: the checking engine stopped (exit ${code}); re-indexing`)
        void reload()
      }
    })
    return worker
  }
}

const engine = new Engine()
let stopping = false
let project: Project | undefined
/** What the engine has indexed, as it last said. */
let corpusState: CorpusState = {loaded: false, sources: 0, sentences: 0, skipped: []}
/** Where the saved index goes: the extension's storage for this workspace (given at start-up). */
let storage: string | undefined
let trusted = false
let loading: Promise<void> | undefined
/** Latest diagnostics per document (for hover), and a generation counter that drops stale results. */
const published = new Map<string, Diagnostic[]>()
const generation = new Map<string, number>()
const timers = new Map<string, NodeJS.Timeout>()
const visible = new Map<string, Array<{start: number; end: number}>>()
const noticed = new Set<string>()
/** Drafts whose first check has not landed yet: the status bar says "checking…" until it has. */
const firstCheck = new Set<string>()
/** Drafts longer than this get a quick first pass over the visible part when first opened. */
const FIRST_PASS_CHARS = 30_000

connection.onInitialize((params: InitializeParams) => {
  const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri
  project = folder ? new Project(fileURLToPath(folder)) : undefined
  const init = params.initializationOptions as {trusted?: boolean; storage?: string} | undefined
  trusted = Boolean(init?.trusted)
  storage = init?.storage
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeActionProvider: {codeActionKinds: ['quickfix', FIX_ALL_KIND]},
      hoverProvider: true,
      executeCommandProvider: {commands: [SERVER_COMMANDS.checkDocument, SERVER_COMMANDS.reindex, SERVER_COMMANDS.sourcesReport, SERVER_COMMANDS.accept]}
    }
  }
})

connection.onInitialized(async () => {
  await connection.client.register(DidChangeConfigurationNotification.type, {section: 'corroborate'}).catch(() => undefined)
  await reload()
})

async function settings(): Promise<EditorSettings> {
  const raw = await connection.workspace.getConfiguration('corroborate').catch(() => undefined)
  const {settings, problems} = validateSettings(raw)
  for (const problem of problems) connection.console.warn(`Corroborate settings: ${problem}`)
  if (problems.length) void connection.window.showWarningMessage(`Corroborate: ${problems[0]}`)
  return settings
}

function status(params: StatusParams) {
  // Whatever the state, the archive's (reached or not, and why) goes with it once the sources are loaded.
  void connection.sendNotification(STATUS, corpusState.loaded && corpusState.archive && !params.archive ? {...params, archive: corpusState.archive} : params)
}

/** The archive as a check found it: when it went away or came back, the status bar says so. */
function archiveSeen(archive: CorpusState['archive']) {
  const before = corpusState.archive
  if (!archive || (before && before.connected === archive.connected && before.message === archive.message)) return
  corpusState = {...corpusState, archive}
  connection.console.info(`Corroborate: ${archiveLine(archive)}`)
  status({state: firstCheck.size ? 'checking' : 'ready', sources: corpusState.sources, skipped: corpusState.skipped})
}

function archiveLine(a: NonNullable<CorpusState['archive']>): string {
  return a.connected ? `shared archive ${a.url} (${a.sentences} sentences)` : `${a.message ?? `cannot use the archive ${a.url}`}; checking against the local sources alone`
}

/** (Re)load config and corpus, with a progress notification, then re-check open drafts. */
async function reload() {
  if (!project) {
    status({state: 'no-corpus', sources: 0, skipped: [], message: 'Open a folder to use Corroborate'})
    return
  }
  const current = project
  loading = (async () => {
    current.settings = await settings()
    current.loadConfig()
    status({state: 'indexing', sources: 0, skipped: []})
    const progress = await connection.window.createWorkDoneProgress().catch(() => undefined)
    progress?.begin('Corroborate: indexing sources', undefined, current.inputs.map((i) => (isArchiveUrl(i) ? displayUrl(i) : i)).join(', ') || undefined)
    try {
      corpusState = await engine.request<CorpusState>({type: 'load', root: current.root, settings: current.settings, cache: cacheFile(current)})
    } catch (error) {
      corpusState = {loaded: false, sources: 0, sentences: 0, skipped: [], error: (error as Error).message}
    }
    progress?.done()
    const message = current.error ?? corpusState.error
    if (!corpusState.loaded) status({state: message ? 'error' : 'no-corpus', sources: 0, skipped: [], message})
    else status({state: 'ready', sources: corpusState.sources, skipped: corpusState.skipped, message})
    // The output channel tells what was indexed and skipped; the status bar carries any problem.
    connection.console.info(`Corroborate: ${corpusState.loaded ? `${corpusState.sources} sources indexed (${corpusState.sentences} sentences)` : 'no sources'}${message ? ` — ${message}` : ''}`)
    for (const s of corpusState.skipped) connection.console.info(`Corroborate: skipped ${s.path}: ${s.reason}`)
    if (corpusState.archive) connection.console.info(`Corroborate: ${archiveLine(corpusState.archive)}`)
  })()
  await loading
  for (const document of documents.all()) schedule(document, 0)
}

/** The saved index of this workspace's corpus, in the extension's storage (none without storage). */
function cacheFile(current: Project): string | undefined {
  if (!storage) return undefined
  const key = createHash('sha1').update(JSON.stringify([current.root, ...current.inputs])).digest('hex').slice(0, 16)
  return path.join(storage, `index-${key}.v8`)
}

/** Sources edited since the index was saved are saved again once the editor has been idle a while. */
let saveTimer: NodeJS.Timeout | undefined
function saveWhenIdle() {
  clearTimeout(saveTimer)
  saveTimer = setTimeout(() => void engine.request({type: 'save'}).catch(() => undefined), 30_000)
}

function isDraft(document: TextDocument): boolean {
  if (!/^(markdown|plaintext)$/.test(document.languageId) || !document.uri.startsWith('file:')) return false
  const file = fileURLToPath(document.uri)
  return !project?.isSource(file) && !file.endsWith('.json')
}

function schedule(document: TextDocument, delay = project?.settings.checkDelayMs ?? DEFAULT_SETTINGS.checkDelayMs) {
  if (!published.has(document.uri) && isDraft(document) && corpusState.loaded) {
    firstCheck.add(document.uri)
    status({state: 'checking', sources: corpusState.sources, skipped: corpusState.skipped})
  }
  clearTimeout(timers.get(document.uri))
  const gen = (generation.get(document.uri) ?? 0) + 1
  generation.set(document.uri, gen)
  timers.set(document.uri, setTimeout(() => void check(document.uri, gen), delay))
}

async function check(uri: string, gen: number) {
  try {
    await checkNow(uri, gen)
  } catch (error) {
    // One bad document never takes the server down: say so in the log and leave its squiggles.
    connection.console.error(`Corroborate: could not check ${uri}: ${error instanceof Error ? error.stack : String(error)}`)
    // Nor does it leave the status bar saying "checking…" for ever.
    settle(uri)
  }
}

/** This document will get no first result (it failed or is gone): stop waiting for it. */
function settle(uri: string) {
  if (firstCheck.delete(uri) && firstCheck.size === 0 && corpusState.loaded) status({state: 'ready', sources: corpusState.sources, skipped: corpusState.skipped})
}

async function checkNow(uri: string, gen: number) {
  await loading
  const document = documents.get(uri)
  if (!document) return settle(uri)
  if (generation.get(uri) !== gen || !project) return
  if (!isDraft(document) || !corpusState.loaded) {
    publish(document, [])
    return
  }
  const text = document.getText()
  if (typeof text !== 'string') return settle(uri)
  const filePath = fileURLToPath(uri)
  const relativePath = project.configFile ? path.relative(path.dirname(project.configFile), filePath).split(path.sep).join('/') : undefined
  const options = {language: languageOf(filePath), rules: project.rules, accepted: project.config.accepted, relativePath}
  const run = async (ranges?: Array<[number, number]>) => {
    const result = await engine.request<CheckResult>({type: 'check', filePath, text, ranges, options})
    archiveSeen(result.archive)
    return result.parts.flatMap((part) => part.messages.map((m) => toDiagnostic(m as CorroborateMessage, document, part.base)))
  }
  let diagnostics: Diagnostic[]
  if (text.length > project.maxDraftChars) {
    // A huge draft: check only the paragraphs around what is on screen.
    if (!noticed.has(uri)) {
      noticed.add(uri)
      void connection.window.showInformationMessage(`Corroborate: this draft is longer than ${project.maxDraftChars} characters; checking the paragraphs around the visible part only.`)
    }
    diagnostics = await run(windows(text, visible.get(uri) ?? [{start: 0, end: 0}]))
  } else {
    // A long draft opened for the first time: squiggles for what is on screen first, then the rest
    // (the second pass reuses the alignments the first one cached).
    if (text.length > FIRST_PASS_CHARS && !published.has(uri)) {
      const first = await run(windows(text, visible.get(uri) ?? [{start: 0, end: 0}]))
      if (generation.get(uri) !== gen || documents.get(uri)?.version !== document.version) return
      publish(document, first)
      if (generation.get(uri) !== gen) return
    }
    diagnostics = await run()
  }
  if (generation.get(uri) !== gen || documents.get(uri)?.version !== document.version) return // stale: a newer check is coming
  publish(document, diagnostics)
}

function publish(document: TextDocument, diagnostics: Diagnostic[]) {
  collectWhenIdle()
  const shown = capDiagnostics(diagnostics)
  published.set(document.uri, shown)
  void connection.sendDiagnostics({uri: document.uri, version: document.version, diagnostics: shown})
  settle(document.uri)
}

documents.onDidOpen((e) => schedule(e.document, 0))
documents.onDidChangeContent((e) => schedule(e.document))
documents.onDidClose((e) => {
  clearTimeout(timers.get(e.document.uri))
  firstCheck.delete(e.document.uri)
  published.delete(e.document.uri)
  generation.delete(e.document.uri)
  void connection.sendDiagnostics({uri: e.document.uri, diagnostics: []})
})

connection.onDidChangeConfiguration(() => void reload())

connection.onDidChangeWatchedFiles(async ({changes}) => {
  await loading
  if (!project) return
  // A config edit (an accept, a severity) re-reads the config; only a changed corpus re-indexes.
  if (changes.some((c) => path.basename(fileURLToPath(c.uri)) === '.corroborate.json')) {
    const inputsChanged = project.reloadConfig()
    await engine.request({type: 'reloadConfig'}).catch(() => undefined)
    if (inputsChanged) return reload()
    for (const document of documents.all()) schedule(document, 0)
    return
  }
  const sources = changes.map((c) => ({file: fileURLToPath(c.uri), deleted: c.type === FileChangeType.Deleted})).filter((c) => c.deleted || project!.isSource(c.file))
  if (!sources.length) return
  const {changed, problems, state} = await engine.request<{changed: boolean; problems: string[]; state: CorpusState}>({type: 'update', changes: sources})
  for (const problem of problems) connection.console.warn(`Corroborate: ${problem}`)
  if (!state.loaded) return reload() // the first source appeared
  corpusState = state
  if (changed) {
    saveWhenIdle()
    status({state: 'ready', sources: corpusState.sources, skipped: corpusState.skipped})
    for (const document of documents.all()) schedule(document, 0)
  }
})

connection.onNotification(VISIBLE_RANGES, (params: VisibleRangesParams) => {
  visible.set(params.uri, params.ranges)
  const document = documents.get(params.uri)
  if (document && project && document.getText().length > project.maxDraftChars) schedule(document, 0)
})

connection.onNotification('corroborate/trust', (params: {trusted: boolean}) => {
  trusted = params.trusted
})

connection.onCodeAction((params) => {
  const document = documents.get(params.textDocument.uri)
  if (!document) return []
  return codeActions({document, diagnostics: params.context.diagnostics, all: published.get(document.uri), trusted, markdown: document.languageId === 'markdown'})
})

// The text of an archive's article, for the client to show read-only (hover links and "open source").
connection.onRequest(ARCHIVE_ARTICLE, async ({id}: {id: number}): Promise<ArchiveArticleResult> => {
  await loading
  try {
    return (await engine.request<{path: string; title?: string; text: string} | null>({type: 'article', id})) ?? {error: `the archive holds no article ${id} (any more): it may have been removed since this check`}
  } catch (error) {
    return {error: (error as Error).message.split('\n')[0]}
  }
})

connection.onHover((params) => hoverFor(published.get(params.textDocument.uri) ?? [], params.position))

connection.onExecuteCommand(async (params) => {
  const [first, ruleId, text] = (params.arguments ?? []) as [string, RuleId, string]
  switch (params.command) {
    case SERVER_COMMANDS.checkDocument: {
      const document = first ? documents.get(first) : undefined
      if (document) schedule(document, 0)
      return null
    }
    case SERVER_COMMANDS.reindex:
      await reload()
      return null
    case SERVER_COMMANDS.sourcesReport:
      await loading
      return sourcesReport(await engine.request<{state: CorpusState; disagreements: SourceDisagreement[]; sources: Array<{path: string; absPath: string; sentences: number}>}>({type: 'sources'}))
    case SERVER_COMMANDS.accept: {
      if (!trusted || !project) return null // an untrusted workspace is read, never written
      const file = project.acceptFile
      const draft = fileURLToPath(first)
      try {
        addAccepted(file, {rule: ruleId, text, file: path.relative(path.dirname(file), draft).split(path.sep).join('/')}, {root: project.root})
      } catch (error) {
        void connection.window.showErrorMessage(`Corroborate: ${(error as Error).message}`)
        return null
      }
      // One accept changes the config, not the sources: no re-index.
      const inputsChanged = project.reloadConfig()
      await engine.request({type: 'reloadConfig'}).catch(() => undefined)
      if (inputsChanged) await reload()
      else for (const document of documents.all()) schedule(document, 0)
      return null
    }
  }
  return null
})

/** A Markdown link that opens the source at the sentence's line. */
function link(e: {path: string; absPath: string; line: number; column: number}): string {
  return `[${e.path}:${e.line}](${pathToFileURL(e.absPath).href}#L${e.line},${e.column})`
}

function sourcesReport({state, disagreements: found, sources}: {state: CorpusState; disagreements: SourceDisagreement[]; sources: Array<{path: string; absPath: string; sentences: number}>}): string {
  if (!state.loaded) return `# Corroborate: sources\n\nNo corpus loaded${project?.error || state.error ? `: ${project?.error ?? state.error}` : ''}.\n`
  const lines = [`# Corroborate: sources report`, '', `${state.sources} sources, ${state.sentences} sentences.`, '']
  if (state.archive) lines.push(`Shared archive: ${archiveLine(state.archive)}. Where the sources disagree is worked out for the local sources only.`, '')
  if (state.skipped.length) {
    lines.push('## Skipped', '')
    for (const s of state.skipped) lines.push(`- \`${s.path}\`: ${s.reason}`)
    lines.push('')
  }
  lines.push(`## Where the sources disagree (${found.length})`, '')
  if (!found.length) lines.push('No disagreements found.')
  for (const d of found) {
    lines.push(`- **${d.kind}**`, `  - ${link(d.a.evidence)} — “${d.a.words}”`, `  - ${link(d.b.evidence)} — “${d.b.words}”`)
  }
  lines.push('', '## Sources', '')
  for (const s of sources) lines.push(`- [${s.path}](${pathToFileURL(s.absPath).href}) (${s.sentences} sentences)`)
  return lines.join('\n') + '\n'
}

connection.onShutdown(async () => {
  stopping = true
  clearTimeout(saveTimer)
  await engine.request({type: 'save'}).catch(() => undefined)
})

documents.listen(connection)
connection.listen()
