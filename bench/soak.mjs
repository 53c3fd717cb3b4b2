// Memory over an editing session: the language server over stdio gets 3,000 edits of a draft (each a
// new sentence, as typing makes) and is checked after each; prints the server's RSS along the way.
// Caches keyed by sentence text must stay bounded. Usage: node bench/soak.mjs [--edits 3000]
import {spawn} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {parseArgs} from 'node:util'
import {createMessageConnection, StreamMessageReader, StreamMessageWriter} from 'vscode-jsonrpc/node'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const {values} = parseArgs({options: {edits: {type: 'string', default: '3000'}}})
const edits = Number(values.edits)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-soak-'))
fs.cpSync(path.join(root, 'examples/sources'), path.join(dir, 'sources'), {recursive: true})
// Started as the extension starts it (--expose-gc: the server collects when the user pauses).
const child = spawn(process.execPath, ['--expose-gc', path.join(root, 'dist/server.cjs'), '--stdio'], {stdio: ['pipe', 'pipe', 'inherit']})
const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin))
connection.onRequest('workspace/configuration', () => [{checkDelayMs: 0}])
connection.onRequest(() => null)
let published = 0
connection.onNotification('textDocument/publishDiagnostics', () => void published++)
connection.listen()
await connection.sendRequest('initialize', {processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {}, initializationOptions: {trusted: true}})
await connection.sendNotification('initialized', {})
const rss = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) / 1024
const uri = pathToFileURL(path.join(dir, 'draft.md')).href
const base = fs.readFileSync(path.join(root, 'examples/draft.txt'), 'utf8').split('\n').slice(0, 20).join('\n')
await connection.sendNotification('textDocument/didOpen', {textDocument: {uri, languageId: 'markdown', version: 1, text: base}})
const wait = async (n) => { while (published < n) await new Promise((r) => setTimeout(r, 5)) }
await wait(1)
console.log(`edits  server RSS (MB)`)
console.log(`${'0'.padStart(5)}  ${rss().toFixed(0)}`)
for (let i = 1; i <= edits; i++) {
  const text = `${base}\n\nUpdate ${i}: the minister said ${i * 7} officials met on day ${i} of the talks in the capital.\n`
  const before = published
  await connection.sendNotification('textDocument/didChange', {textDocument: {uri, version: i + 1}, contentChanges: [{text}]})
  await wait(before + 1)
  if (i % Math.max(1, Math.floor(edits / 6)) === 0) {
    await new Promise((r) => setTimeout(r, 2500)) // a pause in typing
    console.log(`${String(i).padStart(5)}  ${rss().toFixed(0)}`)
  }
}
connection.dispose()
child.kill()
fs.rmSync(dir, {recursive: true, force: true})
