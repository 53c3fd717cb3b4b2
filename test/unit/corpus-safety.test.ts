// What the corpus reads: nothing outside its folders (links out, "../private", absolute paths need the
// user's say-so), every file once however links loop, and one bad file is a note, not a failed run.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {CorpusError, loadCorpus} from '../../src/core/index.js'

let dir: string
beforeEach(() => (dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-safety-')))))
afterEach(() => fs.rmSync(dir, {recursive: true, force: true}))

function project() {
  const root = path.join(dir, 'project')
  fs.mkdirSync(path.join(root, 'sources/sub'), {recursive: true})
  fs.writeFileSync(path.join(root, 'sources/wire.txt'), 'The council approved 240 new parking permits on Tuesday.\n')
  fs.writeFileSync(path.join(root, 'sources/sub/notes.md'), 'The mayor signed the parking rules into law on Wednesday.\n')
  fs.mkdirSync(path.join(dir, 'private'))
  fs.writeFileSync(path.join(dir, 'private/creds.txt'), 'aws_secret_access_key = NOT-A-REAL-SECRET-BUT-PRIVATE\n')
  return root
}

const texts = (corpus: Awaited<ReturnType<typeof loadCorpus>>) => corpus.sentences.map((s) => s.text).join('\n')

describe('corpus safety', () => {
  it('skips a link that leads out of the corpus folder, with a note, and never shows its text', async () => {
    const root = project()
    fs.symlinkSync(path.join(dir, 'private/creds.txt'), path.join(root, 'sources/creds.txt'))
    fs.symlinkSync(path.join(dir, 'private'), path.join(root, 'sources/private-folder'))
    const corpus = await loadCorpus(['sources'], {cwd: root, roots: [root]})
    assert.doesNotMatch(texts(corpus), /SECRET/)
    assert.ok(corpus.skipped.some((s) => /creds\.txt/.test(s.path) && /outside the corpus folder/.test(s.reason)), JSON.stringify(corpus.skipped))
    assert.ok(corpus.skipped.some((s) => /private-folder/.test(s.path)), JSON.stringify(corpus.skipped))
    assert.equal(corpus.sources.length, 2)
  })

  it('reads each file once through links inside the corpus, and does not hang on link loops', async () => {
    const root = project()
    fs.symlinkSync(path.join(root, 'sources/sub'), path.join(root, 'sources/sub/again'))
    fs.symlinkSync(path.join(root, 'sources'), path.join(root, 'sources/sub/up'))
    fs.symlinkSync(path.join(root, 'sources/wire.txt'), path.join(root, 'sources/wire-link.txt'))
    fs.symlinkSync(path.join(root, 'sources/a.txt'), path.join(root, 'sources/b.txt'))
    fs.symlinkSync(path.join(root, 'sources/b.txt'), path.join(root, 'sources/a.txt'))
    const started = Date.now()
    const corpus = await loadCorpus(['sources'], {cwd: root, roots: [root]})
    assert.ok(Date.now() - started < 5000)
    assert.equal(corpus.sources.length, 2)
    assert.ok(corpus.skipped.some((s) => /a\.txt|b\.txt/.test(s.path) && /broken or a loop/.test(s.reason)), JSON.stringify(corpus.skipped))
  })

  it('refuses a corpus outside the project ("../private", an absolute path, "../**/*.txt") unless the user allows it', async () => {
    const root = project()
    for (const input of ['../private', path.join(dir, 'private'), '../**/*.txt', path.join(dir, 'private/creds.txt')]) {
      await assert.rejects(loadCorpus([input], {cwd: root, roots: [root]}), (e: Error) => e instanceof CorpusError && /is outside/.test(e.message), input)
    }
    const allowed = await loadCorpus(['../private'], {cwd: root, roots: [root], allowOutside: true})
    assert.equal(allowed.sources.length, 1)
  })

  it('refuses a glob whose braces expand past reason, quickly', async () => {
    const root = project()
    const pattern = 'sources/' + '{a,b,c,d}'.repeat(12) + '.txt'
    await assert.rejects(loadCorpus([pattern], {cwd: root, roots: [root]}), /expands to more than/)
  })

  it('skips one source the HTML parser cannot take (nested thousands deep) and indexes the rest', async () => {
    const root = project()
    fs.writeFileSync(path.join(root, 'sources/deep.html'), '<html><body>' + '<div>'.repeat(20000) + 'Deep text that is here.' + '</div>'.repeat(20000) + '</body></html>')
    const corpus = await loadCorpus(['sources'], {cwd: root, roots: [root]})
    assert.ok(corpus.sources.length >= 2)
    assert.match(texts(corpus), /240 new parking permits/)
  })
})
