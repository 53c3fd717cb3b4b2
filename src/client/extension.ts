// VS Code client: starts the language server, shows corpus state in the status bar, wires the
// commands. No detection logic here — everything the user sees comes from the server.
import * as vscode from 'vscode'
import {LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions} from 'vscode-languageclient/node'
import {COMMANDS, SERVER_COMMANDS, STATUS, VISIBLE_RANGES, type ApplyFixArgs, type StatusParams} from '../server/protocol.js'

let client: LanguageClient | undefined

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('dist/server.cjs')
  const serverOptions: ServerOptions = {
    run: {module, transport: TransportKind.ipc},
    debug: {module, transport: TransportKind.ipc, options: {execArgv: ['--nolazy', '--inspect=6019']}}
  }
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{scheme: 'file', language: 'markdown'}, {scheme: 'file', language: 'plaintext'}],
    synchronize: {
      configurationSection: 'corroborate',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.txt,*.text,*.md,*.markdown,*.html,*.htm,*.xhtml,.corroborate.json}')
    },
    initializationOptions: {trusted: vscode.workspace.isTrusted}
  }
  client = new LanguageClient('corroborate', 'Corroborate', serverOptions, clientOptions)

  const statusItem = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 50)
  statusItem.name = 'Corroborate'
  statusItem.command = COMMANDS.sourcesReport
  statusItem.text = '$(sync~spin) Corroborate: starting'
  statusItem.show()
  context.subscriptions.push(statusItem)

  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.checkDocument, () => {
      const uri = vscode.window.activeTextEditor?.document.uri.toString()
      return client?.sendRequest('workspace/executeCommand', {command: SERVER_COMMANDS.checkDocument, arguments: [uri]})
    }),
    vscode.commands.registerCommand(COMMANDS.reindex, () => client?.sendRequest('workspace/executeCommand', {command: SERVER_COMMANDS.reindex, arguments: []})),
    vscode.commands.registerCommand(COMMANDS.sourcesReport, async () => {
      const content = (await client?.sendRequest('workspace/executeCommand', {command: SERVER_COMMANDS.sourcesReport, arguments: []})) as string | undefined
      const document = await vscode.workspace.openTextDocument({language: 'markdown', content: content ?? 'Corroborate is not running.'})
      await vscode.window.showTextDocument(document, {preview: true})
    }),
    vscode.commands.registerCommand(COMMANDS.openSource, async (file: string, line: number, column = 1) => {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file))
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
  let last: StatusParams | undefined
  const render = () => {
    if (!last) return
    const count = problems()
    const skipped = last.skipped.length ? `, ${last.skipped.length} skipped` : ''
    if (last.state === 'indexing') statusItem.text = '$(sync~spin) Corroborate: indexing sources…'
    else if (last.state === 'ready') statusItem.text = `$(book) Corroborate: ${last.sources} sources${skipped} · ${count} problem${count === 1 ? '' : 's'}`
    else statusItem.text = '$(warning) Corroborate: no sources'
    statusItem.tooltip = last.message ?? [
      `${last.sources} sources indexed${skipped}.`,
      ...last.skipped.slice(0, 10).map((s) => `Skipped ${s.path}: ${s.reason}`),
      'Click for the sources report.'
    ].join('\n')
  }
  context.subscriptions.push(vscode.languages.onDidChangeDiagnostics(render))

  // Registered before start so the first status (sent while indexing) is not missed.
  context.subscriptions.push(client.onNotification(STATUS, (params: StatusParams) => {
    last = params
    render()
    if (params.state === 'error' && params.message) void vscode.window.showErrorMessage(`Corroborate: ${params.message}`)
  }))
  await client.start()
}

export async function deactivate(): Promise<void> {
  await client?.stop()
}
