// The language server's pure parts: the diagnostic adapter, code actions and hover, on a real
// engine result, without VS Code.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import {TextDocument} from 'vscode-languageserver-textdocument'
import {checkDraft, type CorroborateMessage} from '../../src/core/index.js'
import {codeActions} from '../../src/server/actions.js'
import {toDiagnostic} from '../../src/server/diagnostics.js'
import {hoverFor} from '../../src/server/hover.js'
import type {DiagnosticData} from '../../src/server/protocol.js'
import {corpusAt, ENGINE_FIXTURES} from './helpers.js'

const quotes = path.join(ENGINE_FIXTURES, 'quotes')

async function setup() {
  const file = path.join(quotes, 'errors.md')
  const text = fs.readFileSync(file, 'utf8')
  const document = TextDocument.create('file://' + file, 'markdown', 7, text)
  const result = checkDraft({path: file, value: text}, await corpusAt(path.join(quotes, 'sources')))
  const diagnostics = (result.messages as CorroborateMessage[]).map((m) => toDiagnostic(m, document))
  return {document, diagnostics}
}

describe('language server', () => {
  it('maps messages to diagnostics once: range, severity, linked rule, evidence as related information', async () => {
    const {document, diagnostics} = await setup()
    const altered = diagnostics.find((d) => d.code === 'altered-quote')!
    assert.equal(document.getText(altered.range), 'will never')
    assert.equal(altered.severity, 1)
    assert.match(altered.codeDescription!.href, /#altered-quote$/)
    assert.match(altered.relatedInformation![0].location.uri, /sources\/wire\.txt$/)
    const data = altered.data as DiagnosticData
    assert.equal(data.version, 7)
    assert.deepEqual(data.expected, ['may not'])
  })

  it('offers the source wording (preferred), attribution, open source, accept and disable', async () => {
    const {document, diagnostics} = await setup()
    const titles = (rule: string, trusted = true) =>
      codeActions({document, diagnostics: [diagnostics.find((d) => d.code === rule)!], trusted, markdown: true}).map((a) => `${a.isPreferred ? '*' : ''}${a.title}`)
    assert.deepEqual(titles('altered-quote'), [
      "*Replace with 'may not'",
      'Open source at this sentence (wire.txt:5)',
      'Accept here (record in .corroborate.json)',
      'Disable altered-quote in this file'
    ])
    assert.equal(titles('misattributed-quote')[0], '*Attribute to Ortiz')
  })

  it('never offers to write project files in an untrusted workspace', async () => {
    const {document, diagnostics} = await setup()
    const actions = codeActions({document, diagnostics, trusted: false, markdown: true})
    assert.ok(actions.length > 0)
    assert.ok(!actions.some((a) => a.title.startsWith('Accept here')))
  })

  it('offers no fix once the document has moved on from the version the fix was computed for', async () => {
    const {document, diagnostics} = await setup()
    const newer = TextDocument.update(document, [{text: 'Update: '}], 8)
    const titles = codeActions({document: newer, diagnostics, trusted: true, markdown: true}).map((a) => a.title)
    assert.ok(!titles.some((t) => t.startsWith('Replace with') || t.startsWith('Attribute to') || t.startsWith('Accept here')), titles.join(' | '))
  })

  it('hovers with the source sentence, the changed words in bold, and the speaker', async () => {
    const {document, diagnostics} = await setup()
    const altered = diagnostics.find((d) => d.code === 'altered-quote')!
    const hover = hoverFor(diagnostics, altered.range.start)!
    const value = (hover.contents as {value: string}).value
    assert.match(value, /\*\*Corroborate · altered-quote\*\*/)
    assert.match(value, /\[test\/unit\/fixtures-engine\/quotes\/sources\/wire\.txt:5\]\(file:\/\/.*wire\.txt#L5,1\) — Ana Ruiz/)
    assert.match(value, /\*\*may not\*\* need/)
    assert.equal(hoverFor(diagnostics, {line: 0, character: 0}), undefined)
    void document
  })
})

describe('project loading in the editor', () => {
  it('explains a missing sources folder with the editor remedy, and loads sources named in the config file', async () => {
    const {Project} = await import('../../src/server/project.js')
    const os = await import('node:os')
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-project-'))
    try {
      const empty = new Project(root)
      await empty.load()
      assert.equal(empty.corpus, undefined)
      assert.match(empty.error!, /corpus folder '.*sources' does not exist — create it .*"corroborate\.corpus"/)
      fs.mkdirSync(path.join(root, 'refs'))
      fs.writeFileSync(path.join(root, 'refs', 'a.txt'), 'The council approved the budget on Monday.\n')
      fs.writeFileSync(path.join(root, '.corroborate.json'), JSON.stringify({corpus: ['refs'], rules: {'unsupported-claim': 'off'}}))
      const project = new Project(root)
      await project.load()
      assert.equal(project.corpus?.sources.length, 1)
      assert.ok(project.isSource(path.join(root, 'refs', 'a.txt')))
      assert.ok(!project.isSource(path.join(root, 'draft.md')))
      assert.equal(project.rules?.['unsupported-claim'], 'off')
    } finally {
      fs.rmSync(root, {recursive: true, force: true})
    }
  })
})
