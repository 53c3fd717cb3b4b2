// VS Code client: starts the language server, shows corpus state in the status bar, wires the
// commands. No detection logic here — everything the user sees comes from the server.
import * as vscode from 'vscode'
import {LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions} from 'vscode-languageclient/node'
import {ARCHIVE_ARTICLE, ARCHIVE_SCHEME, COMMANDS, SERVER_COMMANDS, STATUS, VISIBLE_RANGES, type ApplyFixArgs, type ArchiveArticleResult, type StatusParams} from '../server/protocol.js'

let client: LanguageClient | undefined
let last: StatusParams | undefined

/** The sources report, served read-only under its own scheme (no unsaved tab that asks to be saved). */
const REPORT_URI = vscode.Uri.parse('corroborate-report:/Corroborate%20sources%20report.md')
const reportProvider = new (class implements vscode.TextDocumentContentProvider {
  content = ''
  readonly changed = new vscode.EventEmitter<vscode.Uri>()
  readonly onDidChange = this.changed.event
  provideTextDocumentContent(): string {
    return this.content
  }
})()

/** Articles of the shared archive, read-only, fetched from the server by id (corroborate-archive:/path?id). */
const archiveProvider = new (class implements vscode.TextDocumentContentProvider {
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const result = (await client?.sendRequest(ARCHIVE_ARTICLE, {id: Number(uri.query)})) as ArchiveArticleResult | undefined
    if (!result) return 'Corroborate is not running.'
    return 'error' in result ? `Corroborate: ${result.error}` : result.text
  }
})()

/** What the extension exposes to other extensions (and its integration tests): the status it shows. */
export interface CorroborateApi {
  statusText(): string
  /** The last short confirmation a command gave (shown in the status bar for a few seconds). */
  lastFeedback(): string | undefined
}

let lastFeedback: string | undefined
function feedback(message: string) {
  lastFeedback = message
  vscode.window.setStatusBarMessage(message, 4000)
}

export async function activate(context: vscode.ExtensionContext): Promise<CorroborateApi> {
  const module = context.asAbsolutePath('dist/server.cjs')
  const serverOptions: ServerOptions = {
    // --expose-gc: the server collects garbage when the user pauses, so its memory returns to what it
    // really holds instead of growing with every keystroke's discarded results.
    run: {module, transport: TransportKind.ipc, options: {execArgv: ['--expose-gc']}},
    debug: {module, transport: TransportKind.ipc, options: {execArgv: ['--nolazy', '--inspect=6019']}}
  }
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{scheme: 'file', language: 'markdown'}, {scheme: 'file', language: 'plaintext'}],
    synchronize: {
      configurationSection: 'corroborate',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.txt,*.text,*.md,*.markdown,*.html,*.htm,*.xhtml,.corroborate.json}')
    },
    // The saved index of the sources lives in the extension's storage for this workspace.
    initializationOptions: {trusted: vscode.workspace.isTrusted, storage: (context.storageUri ?? context.globalStorageUri).fsPath},
    // Hovers link an archive's article through this command (it has no file to link to); no other command.
    markdown: {isTrusted: {enabledCommands: [COMMANDS.openSource]}}
  }
  client = new LanguageClient('corroborate', 'Corroborate', serverOptions, clientOptions)

  const statusItem = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 50)
  statusItem.name = 'Corroborate'
  statusItem.command = COMMANDS.sourcesReport
  statusItem.text = '$(sync~spin) Corroborate: starting'
  statusItem.show()
  context.subscriptions.push(statusItem)

  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.checkDocument, async () => {
      const document = vscode.window.activeTextEditor?.document
      if (!document || document.uri.scheme !== 'file') {
        void vscode.window.showInformationMessage('Corroborate checks saved Markdown and text files: save this one first.')
        return
      }
      await client?.sendRequest('workspace/executeCommand', {command: SERVER_COMMANDS.checkDocument, arguments: [document.uri.toString()]})
      feedback(`Corroborate: checking ${vscode.workspace.asRelativePath(document.uri)}…`)
    }),
    vscode.commands.registerCommand(COMMANDS.reindex, async () => {
      await client?.sendRequest('workspace/executeCommand', {command: SERVER_COMMANDS.reindex, arguments: []})
      feedback(`Corroborate: re-indexed ${last?.sources ?? 0} sources`)
    }),
    vscode.commands.registerCommand(COMMANDS.sourcesReport, async () => {
      // A read-only view (no "save?" prompt), shown as rendered Markdown with links to each source line.
      reportProvider.content = ((await client?.sendRequest('workspace/executeCommand', {command: SERVER_COMMANDS.sourcesReport, arguments: []})) as string | undefined) ?? 'Corroborate is not running.'
      reportProvider.changed.fire(REPORT_URI)
      await vscode.commands.executeCommand('markdown.showPreview', REPORT_URI).then(undefined, async () => {
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(REPORT_URI), {preview: true})
      })
    }),
    vscode.workspace.registerTextDocumentContentProvider(REPORT_URI.scheme, reportProvider),
    vscode.workspace.registerTextDocumentContentProvider(ARCHIVE_SCHEME, archiveProvider),
    vscode.commands.registerCommand(COMMANDS.setUpSources, async (given?: vscode.Uri[]) => {
      const folder = vscode.workspace.workspaceFolders?.[0]
      // Folders may be given (from another command or a test); otherwise the user picks them.
      const picked = given?.length ? given : await vscode.window.showOpenDialog({canSelectFolders: true, canSelectFiles: false, canSelectMany: true, defaultUri: folder?.uri, openLabel: 'Use as sources'})
      if (!picked?.length) return
      const corpus = picked.map((uri) => (folder ? vscode.workspace.asRelativePath(uri, false) : uri.fsPath))
      await vscode.workspace.getConfiguration('corroborate').update('corpus', corpus, vscode.ConfigurationTarget.Workspace)
      feedback(`Corroborate: sources set to ${corpus.join(', ')}`)
    }),
    vscode.commands.registerCommand(COMMANDS.applyFixes, async (fixes: ApplyFixArgs[]) => {
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === fixes[0]?.uri)
      if (!document || fixes.some((f) => f.version !== document.version)) {
        void vscode.window.showWarningMessage('Corroborate: the text changed since these fixes were computed, so they were not applied. Try again on the fresh result.')
        return false
      }
      const edit = new vscode.WorkspaceEdit()
      for (const f of fixes) edit.replace(document.uri, new vscode.Range(document.positionAt(f.start), document.positionAt(f.end)), f.newText)
      return vscode.workspace.applyEdit(edit)
    }),
    vscode.commands.registerCommand(COMMANDS.openSource, async (file: string, line: number, column = 1) => {
      // A file's path, or an archive article's URI (its text comes from the server).
      const document = await vscode.workspace.openTextDocument(file.startsWith(`${ARCHIVE_SCHEME}:`) ? vscode.Uri.parse(file) : vscode.Uri.file(file))
      const at = new vscode.Position(Math.max(0, line - 1), Math.max(0, column - 1))
      await vscode.window.showTextDocument(document, {selection: new vscode.Range(at, document.lineAt(at.line).range.end), preview: true})
    }),
    vscode.commands.registerCommand(COMMANDS.applyFix, async (args: ApplyFixArgs) => {
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === args.uri)
      if (!document || document.version !== args.version) {
        void vscode.window.showWarningMessage('Corroborate: the text changed since this fix was computed, so it was not applied. Try again on the fresh result.')
        return false
      }
      const edit = new vscode.WorkspaceEdit()
      edit.replace(document.uri, new vscode.Range(document.positionAt(args.start), document.positionAt(args.end)), args.newText)
      return vscode.workspace.applyEdit(edit)
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => client?.sendNotification('corroborate/trust', {trusted: true})),
    vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
      const document = e.textEditor.document
      void client?.sendNotification(VISIBLE_RANGES, {
        uri: document.uri.toString(),
        ranges: e.visibleRanges.map((r) => ({start: document.offsetAt(r.start), end: document.offsetAt(r.end)}))
      })
    })
  )

  const problems = () => vscode.languages.getDiagnostics().reduce((n, [, ds]) => n + ds.filter((d) => d.source === 'corroborate').length, 0)
  const render = () => {
    if (!last) return
    const count = problems()
    const skipped = last.skipped.length ? `, ${last.skipped.length} skipped` : ''
    // The shared archive beside the folders: "+ archive", or that it cannot be reached (local sources go on).
    const archive = !last.archive ? '' : last.archive.connected ? ' + archive' : ' · $(warning) archive unavailable'
    const active = vscode.window.activeTextEditor?.document
    statusItem.command = COMMANDS.sourcesReport
    if (last.state === 'indexing') statusItem.text = '$(sync~spin) Corroborate: indexing sources…'
    else if (last.state === 'checking') statusItem.text = `$(sync~spin) Corroborate: ${last.sources} sources${skipped}${archive} · checking…`
    else if (last.state === 'ready' && active && active.uri.scheme !== 'file' && /^(markdown|plaintext)$/.test(active.languageId)) {
      statusItem.text = `$(book) Corroborate: ${last.sources} sources · not checked (save the file to check it)`
    } else if (last.state === 'ready') statusItem.text = `$(book) Corroborate: ${last.sources} sources${skipped}${archive} · ${count} problem${count === 1 ? '' : 's'}`
    else {
      // No sources here (any folder without a sources/ folder): quiet until the user asks.
      statusItem.text = '$(book) Corroborate: set up sources…'
      statusItem.command = COMMANDS.setUpSources
    }
    statusItem.tooltip = last.message ?? [
      `${last.sources} sources indexed${skipped}.`,
      ...(last.archive ? [last.archive.connected ? `Shared archive ${last.archive.url}: ${last.archive.sentences} sentences.` : `${last.archive.message ?? `Cannot use the archive ${last.archive.url}`}. Checking against the local sources alone; tried again in the background every 30 s.`] : []),
      ...last.skipped.slice(0, 10).map((s) => `Skipped ${s.path}: ${s.reason}`),
      'Click for the sources report.'
    ].join('\n')
  }
  context.subscriptions.push(vscode.languages.onDidChangeDiagnostics(render), vscode.window.onDidChangeActiveTextEditor(render))

  // Registered before start so the first status (sent while indexing) is not missed. No pop-ups: the
  // status bar and the output channel say what is going on.
  context.subscriptions.push(client.onNotification(STATUS, (params: StatusParams) => {
    last = params
    render()
  }))
  await client.start()
  return {statusText: () => statusItem.text, lastFeedback: () => lastFeedback}
}

export async function deactivate(): Promise<void> {
  await client?.stop()
}
