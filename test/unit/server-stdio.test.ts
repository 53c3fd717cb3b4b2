// The language server over stdio, as an editor drives it: bad settings and bad documents are notes,
// never a dead server.
import assert from 'node:assert/strict'
import {spawn, type ChildProcess} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection} from 'vscode-jsonrpc/node'
import {ROOT} from './helpers.js'

const SERVER = path.join(ROOT, 'dist/server.cjs')

describe('language server over stdio', function () {
  this.timeout(60_000)
  let dir: string
  let child: ChildProcess
  let connection: MessageConnection
  const diagnostics = new Map<string, unknown[]>()
  const warnings: string[] = []
  const statuses: string[] = []
  const logs: string[] = []

  before(async function () {
    if (!fs.existsSync(SERVER)) this.skip() // built by `npm run build` (npm test builds first)
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-lsp-'))
    fs.mkdirSync(path.join(dir, 'sources'))
    fs.writeFileSync(path.join(dir, 'sources/wire.txt'), 'The council approved 240 new parking permits on Tuesday, the city clerk said.\n')
    fs.writeFileSync(path.join(dir, 'sources/scan.pdf'), '%PDF')
    child = spawn(process.execPath, [SERVER, '--stdio'], {stdio: ['pipe', 'pipe', 'inherit']})
    connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!))
    // Settings a user could type into settings.json by mistake.
    connection.onRequest('workspace/configuration', () => [{corpus: 'sources', rules: ['loud'], maxDraftChars: 'big', checkDelayMs: null}])
    connection.onRequest('client/registerCapability', () => null)
    connection.onRequest('window/workDoneProgress/create', () => null)
    connection.onRequest('window/showMessageRequest', (p: {message: string}) => {
      warnings.push(p.message)
      return null
    })
    connection.onNotification('textDocument/publishDiagnostics', (p: {uri: string; diagnostics: unknown[]}) => {
      diagnostics.set(p.uri, p.diagnostics)
      statuses.push('published')
    })
    connection.onNotification('corroborate/status', (p: {state: string}) => {
      statuses.push(p.state)
    })
    connection.onNotification('window/logMessage', (p: {message: string}) => {
      logs.push(p.message)
    })
    connection.listen()
    await connection.sendRequest('initialize', {processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {}, initializationOptions: {trusted: true, storage: path.join(dir, '.storage')}})
    await connection.sendNotification('initialized', {})
  })

  after(() => {
    connection?.dispose()
    child?.kill()
    if (dir) fs.rmSync(dir, {recursive: true, force: true})
  })

  const waitFor = async (test: () => boolean, ms = 20_000) => {
    const end = Date.now() + ms
    while (!test()) {
      if (Date.now() > end) throw new Error('timed out')
      await new Promise((r) => setTimeout(r, 50))
    }
  }

  it('reads wrong-typed settings as defaults with a note, survives a document without text, and goes on checking', async () => {
    await waitFor(() => warnings.some((w) => /corroborate\.rules/.test(w)))
    const broken = pathToFileURL(path.join(dir, 'broken.md')).href
    await connection.sendNotification('textDocument/didOpen', {textDocument: {uri: broken, languageId: 'markdown', version: 1, text: null}})
    const draft = pathToFileURL(path.join(dir, 'draft.md')).href
    await connection.sendNotification('textDocument/didOpen', {textDocument: {uri: draft, languageId: 'markdown', version: 1, text: 'The council approved 420 new parking permits on Tuesday, the city clerk said.\n'}})
    await waitFor(() => (diagnostics.get(draft)?.length ?? 0) > 0)
    assert.equal(child.exitCode, null)
    assert.match(JSON.stringify(diagnostics.get(draft)), /420/)
  })

  it('says "checking" until the first result, then "ready"; logs what it indexed and skipped', async () => {
    await waitFor(() => statuses.lastIndexOf('ready') > statuses.indexOf('published'))
    const checking = statuses.indexOf('checking')
    assert.ok(checking >= 0 && checking < statuses.indexOf('published'), statuses.join(' '))
    assert.ok(logs.some((l) => /1 sources indexed/.test(l)), logs.join('\n'))
    assert.ok(logs.some((l) => /skipped sources\/scan\.pdf: unsupported file type/.test(l)), logs.join('\n'))
  })

  it('saves the index of the sources in the storage the editor gives it, for the next start', async () => {
    await waitFor(() => statuses.includes('ready'))
    const saved = fs.existsSync(path.join(dir, '.storage')) ? fs.readdirSync(path.join(dir, '.storage')) : []
    assert.equal(saved.filter((f) => /^index-[0-9a-f]+\.v8$/.test(f)).length, 1, saved.join(', '))
  })
})
