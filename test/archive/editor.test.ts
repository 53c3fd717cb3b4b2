// The shared archive in the editor: the language server (over stdio, as VS Code drives it) reads a workspace's
// sources and a real PostgreSQL archive together ("corroborate.corpus": ["sources", "postgres://…"]); hover
// names the article (id, title, date) and links to its text, which the server hands out by id; an archive that
// cannot be reached, or a URL holding a password, leaves the local sources checking and says why in the status.
import assert from 'node:assert/strict'
import {spawn, type ChildProcess} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import net from 'node:net'
import {createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection} from 'vscode-jsonrpc/node'
import {ingest} from '../../src/core/corpus/archive/ingest.js'
import {postgresBin, startCluster, type Cluster} from './cluster.js'

const SERVER = path.resolve('dist/server.cjs')

interface Status {
  state: string
  sources: number
  archive?: {url: string; connected: boolean; sentences: number; message?: string}
}
interface Evidence {
  path: string
  line: number
  sentence: string
  archive?: {id: number; title?: string; date?: string; url: string}
}
interface Diagnostic {
  range: {start: {line: number; character: number}}
  relatedInformation?: Array<{location: {uri: string}}>
  data: {evidence: Evidence[]}
}

/** A language server on a workspace whose "corroborate.corpus" setting is `corpus`. */
async function startServer(dir: string, corpus: string[], env: Record<string, string> = {}) {
  const child: ChildProcess = spawn(process.execPath, [SERVER, '--stdio'], {stdio: ['pipe', 'pipe', 'inherit'], env: {...process.env, PGPASSFILE: path.join(dir, 'no-pgpass'), ...env}})
  const connection: MessageConnection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!))
  const statuses: Status[] = []
  const diagnostics = new Map<string, Diagnostic[]>()
  connection.onRequest('workspace/configuration', () => [{corpus}])
  connection.onRequest('client/registerCapability', () => null)
  connection.onRequest('window/workDoneProgress/create', () => null)
  connection.onRequest('window/showMessageRequest', () => null)
  connection.onNotification('corroborate/status', (p: Status) => void statuses.push(p))
  connection.onNotification('textDocument/publishDiagnostics', (p: {uri: string; diagnostics: Diagnostic[]}) => void diagnostics.set(p.uri, p.diagnostics))
  connection.onNotification('window/logMessage', () => undefined)
  connection.listen()
  await connection.sendRequest('initialize', {processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {}, initializationOptions: {trusted: true}})
  await connection.sendNotification('initialized', {})
  const open = async (name: string, text: string) => {
    const uri = pathToFileURL(path.join(dir, name)).href
    fs.writeFileSync(path.join(dir, name), text)
    await connection.sendNotification('textDocument/didOpen', {textDocument: {uri, languageId: 'plaintext', version: 1, text}})
    await waitFor(() => diagnostics.has(uri))
    return {uri, diagnostics: diagnostics.get(uri)!}
  }
  return {connection, statuses, open, stop: () => (connection.dispose(), child.kill())}
}

async function waitFor(test: () => boolean, ms = 60_000) {
  const end = Date.now() + ms
  while (!test()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 50))
  }
}

;(postgresBin() || process.env.CI ? describe : describe.skip)('shared archive in the editor (language server, PostgreSQL)', function () {
  this.timeout(120_000)
  let cluster: Cluster
  let dir: string
  let url: string
  let local: string[]
  let archived: string[]

  before(async function () {
    if (!fs.existsSync(SERVER)) this.skip() // built by `npm run build` (npm test builds first)
    cluster = await startCluster()
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-editor-archive-')))
    // Two sources in the workspace, the other two only in the archive.
    const all = fs.readdirSync('examples/sources').sort()
    local = all.slice(0, 2)
    archived = all.slice(2)
    fs.mkdirSync(path.join(dir, 'sources'))
    fs.mkdirSync(path.join(dir, 'wire'))
    for (const f of local) fs.copyFileSync(path.join('examples/sources', f), path.join(dir, 'sources', f))
    for (const f of archived) fs.copyFileSync(path.join('examples/sources', f), path.join(dir, 'wire', f))
    url = cluster.database('editor')
    await ingest(url, path.join(dir, 'wire'))
    fs.rmSync(path.join(dir, 'wire'), {recursive: true})
  })
  after(() => {
    cluster?.stop()
    if (dir) fs.rmSync(dir, {recursive: true, force: true})
  })

  it('checks against the workspace sources and the archive together; hover names the article and opens its text', async () => {
    const server = await startServer(dir, ['sources', url])
    try {
      await waitFor(() => server.statuses.some((s) => s.state === 'ready'))
      const ready = server.statuses.find((s) => s.state === 'ready')!
      assert.equal(ready.sources, 2)
      assert.ok(ready.archive?.connected && ready.archive.sentences > 0, JSON.stringify(ready))
      assert.equal(ready.archive.url, url)
      const {uri, diagnostics} = await server.open('draft.txt', fs.readFileSync('examples/draft.txt', 'utf8'))
      const evidence = diagnostics.flatMap((d) => d.data.evidence)
      assert.ok(evidence.some((e) => local.some((f) => e.path === `sources/${f}`) && !e.archive), 'evidence from the workspace')
      const fromArchive = diagnostics.find((d) => d.data.evidence.some((e) => e.archive))
      assert.ok(fromArchive, 'evidence from the archive')
      const e = fromArchive.data.evidence.find((x) => x.archive)!
      assert.ok(archived.some((f) => e.path === `wire/${f}`), e.path)
      assert.ok(e.archive!.id > 0 && e.archive!.title && /^\d{4}-\d\d-\d\d$/.test(e.archive!.date!), JSON.stringify(e.archive))
      // Related information points at the article, not at a file that is not on this machine.
      assert.ok(fromArchive.relatedInformation!.some((r) => r.location.uri === `corroborate-archive:/${e.path}?${e.archive!.id}`), JSON.stringify(fromArchive.relatedInformation))
      const hover = await server.connection.sendRequest<{contents: {value: string}}>('textDocument/hover', {textDocument: {uri}, position: fromArchive.range.start})
      assert.match(hover.contents.value, new RegExp(`shared archive\\): \\[wire/[^\\]]+\\]\\(command:corroborate\\.openSource\\?[^)]+\\) — article ${e.archive!.id}, “`))
      assert.ok(hover.contents.value.includes(e.archive!.date!))
      // The link's article, by id: its whole text, where the evidence's sentence stands on its line.
      const article = await server.connection.sendRequest<{path: string; text: string}>('corroborate/archiveArticle', {id: e.archive!.id})
      assert.equal(article.path, e.path)
      assert.equal(article.text, fs.readFileSync(path.join('examples/sources', path.basename(e.path)), 'utf8'))
      assert.ok(article.text.split('\n')[e.line - 1].replace(/\s+/g, ' ').includes(e.sentence.slice(0, 30)))
      const missing = await server.connection.sendRequest<{error: string}>('corroborate/archiveArticle', {id: 999_999})
      assert.match(missing.error, /holds no article 999999/)
      // A typed URI's odd id is no article either, and the archive stays connected for the next check.
      for (const id of [null, -3, 1.5, 'x']) assert.match((await server.connection.sendRequest<{error: string}>('corroborate/archiveArticle', {id})).error, /holds no article/)
      const again = await server.open('draft-again.txt', fs.readFileSync('examples/draft.txt', 'utf8'))
      assert.ok(again.diagnostics.some((d) => d.data.evidence.some((x) => x.archive)))
    } finally {
      server.stop()
    }
  })

  it('goes on with the workspace sources when the archive cannot be reached, and says so in the status', async () => {
    const unreachable = url.replace(/:\d+\//, ':1/')
    const server = await startServer(dir, ['sources', unreachable])
    try {
      await waitFor(() => server.statuses.some((s) => s.state === 'ready'))
      const ready = server.statuses.find((s) => s.state === 'ready')!
      assert.equal(ready.archive?.connected, false)
      assert.match(ready.archive!.message!, /^cannot use the archive postgres:\/\/corroborate@127\.0\.0\.1:1\/editor \(connection refused/)
      const {diagnostics} = await server.open('draft2.txt', fs.readFileSync('examples/draft.txt', 'utf8'))
      const evidence = diagnostics.flatMap((d) => d.data.evidence)
      assert.ok(evidence.length > 0 && evidence.every((e) => !e.archive && local.some((f) => e.path === `sources/${f}`)))
    } finally {
      server.stop()
    }
  })

  it('never holds a check on a database that takes connections but does not answer (tried again in the background)', async () => {
    // A server that accepts and then says nothing, as a host half-gone behind a VPN does.
    const silent = net.createServer(() => undefined)
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const port = (silent.address() as net.AddressInfo).port
    const server = await startServer(dir, ['sources', `postgres://desk@127.0.0.1:${port}/archive`], {CORROBORATE_ARCHIVE_RETRY_MS: '500'})
    try {
      // The first try, when the sources load, gives up after the connection timeout.
      await waitFor(() => server.statuses.some((s) => s.state === 'ready'))
      assert.match(server.statuses.find((s) => s.state === 'ready')!.archive!.message!, /timed out/)
      await new Promise((r) => setTimeout(r, 600))
      // Now a try is due with every check: it goes on in the background while the check answers at once.
      const started = Date.now()
      const {diagnostics} = await server.open('draft3.txt', fs.readFileSync('examples/draft.txt', 'utf8'))
      assert.ok(Date.now() - started < 5_000, `the check waited ${Date.now() - started} ms`)
      assert.ok(diagnostics.length > 0)
    } finally {
      server.stop()
      silent.close()
    }
  })

  it('never uses a password written into the settings, and says where to put it instead', async () => {
    const server = await startServer(dir, ['sources', url.replace('corroborate@', 'corroborate:secret@')])
    try {
      await waitFor(() => server.statuses.some((s) => s.state === 'ready'))
      const ready = server.statuses.find((s) => s.state === 'ready')!
      assert.equal(ready.archive?.connected, false)
      assert.match(ready.archive!.message!, /"corroborate\.corpus" holds the archive's password — remove it: the password comes from PGPASSWORD or ~\/\.pgpass/)
      assert.ok(!JSON.stringify(server.statuses).includes('secret'))
    } finally {
      server.stop()
    }
  })
})
