// Language server: runs the engine off the editor's thread. Checks are throttled per document and
// results for an older version of the text are dropped; fixes and hovers read the diagnostics'
// data. Wiring only: detection lives in src/core.
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {
  createConnection, DidChangeConfigurationNotification, FileChangeType, ProposedFeatures, TextDocuments, TextDocumentSyncKind,
  type Diagnostic, type InitializeParams
} from 'vscode-languageserver/node'
import {TextDocument} from 'vscode-languageserver-textdocument'
import {addAccepted, checkDraft, compareSources, DEFAULT_SETTINGS, languageOf, validateSettings, type CorroborateMessage, type EditorSettings, type RuleId} from '../core/index.js'
import {codeActions, FIX_ALL_KIND} from './actions.js'
import {toDiagnostic} from './diagnostics.js'
import {hoverFor} from './hover.js'
import {windows} from './windows.js'
import {capDiagnostics} from './diagnostics.js'
import {Project} from './project.js'
import {SERVER_COMMANDS, STATUS, VISIBLE_RANGES, type StatusParams, type VisibleRangesParams} from './protocol.js'

const connection = createConnection(ProposedFeatures.all)
const documents = new TextDocuments(TextDocument)

let project: Project | undefined
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
  trusted = Boolean((params.initializationOptions as {trusted?: boolean} | undefined)?.trusted)
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
  void connection.sendNotification(STATUS, params)
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
    status({state: 'indexing', sources: 0, skipped: []})
    const progress = await connection.window.createWorkDoneProgress().catch(() => undefined)
    progress?.begin('Corroborate: indexing sources', undefined, current.inputs.join(', ') || undefined)
    await current.load()
    progress?.done()
    const corpus = current.corpus
    if (!corpus) status({state: current.error ? 'error' : 'no-corpus', sources: 0, skipped: [], message: current.error})
    else status({state: 'ready', sources: corpus.sources.length, skipped: corpus.skipped, message: current.error})
    // The output channel tells what was indexed and skipped; the status bar carries any problem.
    connection.console.info(`Corroborate: ${corpus ? `${corpus.sources.length} sources indexed (${corpus.sentences.length} sentences)` : 'no sources'}${current.error ? ` — ${current.error}` : ''}`)
    for (const s of corpus?.skipped ?? []) connection.console.info(`Corroborate: skipped ${s.path}: ${s.reason}`)
  })()
  await loading
  for (const document of documents.all()) schedule(document, 0)
}

function isDraft(document: TextDocument): boolean {
  if (!/^(markdown|plaintext)$/.test(document.languageId) || !document.uri.startsWith('file:')) return false
  const file = fileURLToPath(document.uri)
  return !project?.isSource(file) && !file.endsWith('.json')
}

function schedule(document: TextDocument, delay = project?.settings.checkDelayMs ?? DEFAULT_SETTINGS.checkDelayMs) {
  if (!published.has(document.uri) && isDraft(document) && project?.corpus) {
    firstCheck.add(document.uri)
    status({state: 'checking', sources: project.corpus.sources.length, skipped: project.corpus.skipped})
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
  if (firstCheck.delete(uri) && firstCheck.size === 0 && project?.corpus) status({state: 'ready', sources: project.corpus.sources.length, skipped: project.corpus.skipped})
}

async function checkNow(uri: string, gen: number) {
  await loading
  const document = documents.get(uri)
  if (!document) return settle(uri)
  if (generation.get(uri) !== gen || !project) return
  if (!isDraft(document) || !project.corpus) {
    publish(document, [])
    return
  }
  const text = document.getText()
  if (typeof text !== 'string') return settle(uri)
  const filePath = fileURLToPath(uri)
  const relativePath = project.configFile ? path.relative(path.dirname(project.configFile), filePath).split(path.sep).join('/') : undefined
  const options = {language: languageOf(filePath), rules: project.rules, accepted: project.config.accepted, relativePath}
  let diagnostics: Diagnostic[]
  if (text.length > project.maxDraftChars) {
    // A huge draft: check only the paragraphs around what is on screen.
    if (!noticed.has(uri)) {
      noticed.add(uri)
      void connection.window.showInformationMessage(`Corroborate: this draft is longer than ${project.maxDraftChars} characters; checking the paragraphs around the visible part only.`)
    }
    diagnostics = []
    for (const [start, end] of windows(text, visible.get(uri) ?? [{start: 0, end: 0}])) {
      const file = checkDraft({path: filePath, value: text.slice(start, end)}, project.corpus, options)
      diagnostics.push(...(file.messages as CorroborateMessage[]).map((m) => toDiagnostic(m, document, start)))
    }
  } else {
    // A long draft opened for the first time: squiggles for what is on screen first, then the rest
    // (the second pass reuses the alignments the first one cached).
    if (text.length > FIRST_PASS_CHARS && !published.has(uri)) {
      const first: Diagnostic[] = []
      for (const [start, end] of windows(text, visible.get(uri) ?? [{start: 0, end: 0}])) {
        const file = checkDraft({path: filePath, value: text.slice(start, end)}, project.corpus, options)
        first.push(...(file.messages as CorroborateMessage[]).map((m) => toDiagnostic(m, document, start)))
      }
      if (generation.get(uri) !== gen) return
      publish(document, first)
      await new Promise((resolve) => setImmediate(resolve)) // let newer edits in before the long pass
      if (generation.get(uri) !== gen) return
    }
    const file = checkDraft({path: filePath, value: text}, project.corpus, options)
    diagnostics = (file.messages as CorroborateMessage[]).map((m) => toDiagnostic(m, document))
  }
  if (generation.get(uri) !== gen || documents.get(uri)?.version !== document.version) return // stale: a newer check is coming
  publish(document, diagnostics)
}

/** After a pause in checking, a full garbage collection (when the client started us with --expose-gc):
 * each check leaves the last version's analysis behind, and V8 would otherwise keep growing the heap. */
let idleCollect: NodeJS.Timeout | undefined
function collectWhenIdle() {
  const gc = (globalThis as {gc?: () => void}).gc
  if (!gc) return
  clearTimeout(idleCollect)
  idleCollect = setTimeout(gc, 2000)
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
    if (project.reloadConfig()) return reload()
    for (const document of documents.all()) schedule(document, 0)
    return
  }
  let changed = false
  for (const change of changes) {
    const file = fileURLToPath(change.uri)
    // One odd event (a folder, an unreadable file) never drops the rest of the batch.
    try {
      if (change.type === FileChangeType.Deleted) changed = project.remove(file) || changed
      else changed = project.update(file) || changed
    } catch (error) {
      connection.console.warn(`Corroborate: ${file}: ${(error as Error).message}`)
    }
  }
  if (!project.corpus && changes.length) return reload() // the first source appeared
  if (changed && project.corpus) {
    status({state: 'ready', sources: project.corpus.sources.length, skipped: project.corpus.skipped})
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
      return sourcesReport()
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
      if (project.reloadConfig()) await reload()
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

function sourcesReport(): string {
  const corpus = project?.corpus
  if (!corpus) return `# Corroborate: sources\n\nNo corpus loaded${project?.error ? `: ${project.error}` : ''}.\n`
  const lines = [`# Corroborate: sources report`, '', `${corpus.sources.length} sources, ${corpus.sentences.length} sentences.`, '']
  if (corpus.skipped.length) {
    lines.push('## Skipped', '')
    for (const s of corpus.skipped) lines.push(`- \`${s.path}\`: ${s.reason}`)
    lines.push('')
  }
  const found = compareSources(corpus)
  lines.push(`## Where the sources disagree (${found.length})`, '')
  if (!found.length) lines.push('No disagreements found.')
  for (const d of found) {
    lines.push(`- **${d.kind}**`, `  - ${link(d.a.evidence)} — “${d.a.words}”`, `  - ${link(d.b.evidence)} — “${d.b.words}”`)
  }
  lines.push('', '## Sources', '')
  for (const s of corpus.sources) lines.push(`- [${s.path}](${pathToFileURL(s.absPath).href}) (${s.sentences.length} sentences)`)
  return lines.join('\n') + '\n'
}

documents.listen(connection)
connection.listen()
