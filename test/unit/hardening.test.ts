// Bounded work and honest state for hostile input: linear Markdown blanking, long drafts cut into
// windows even without blank lines, watcher events for odd paths, a deleted sources folder, and the
// disable comment placed after YAML front matter.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {TextDocument} from 'vscode-languageserver-textdocument'
import {blankMarkdown} from '../../src/core/corpus/extract.js'
import {checkDraft, Corpus, loadCorpus} from '../../src/core/index.js'
import {lemmas, relation} from '../../src/core/lexicon/index.js'
import {afterFrontMatter, codeActions, FIX_ALL_KIND} from '../../src/server/actions.js'
import {capDiagnostics} from '../../src/server/diagnostics.js'
import {hoverFor} from '../../src/server/hover.js'
import {Project} from '../../src/server/project.js'
import {windows} from '../../src/server/windows.js'

describe('hardening', () => {
  it('reads words named like JavaScript object members ("__proto__", "constructor") as words', () => {
    for (const word of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype']) {
      assert.doesNotThrow(() => relation(word, 'builder'), word)
      assert.ok(Array.isArray(lemmas(word)), word)
    }
    const corpus = new Corpus({cwd: '/p'})
    corpus.addFile('/p/sources/a.txt', 'The constructor said __proto__ and valueOf were paid 5 million dollars by the toString council.')
    const file = checkDraft({path: '/p/draft.txt', value: 'The builder said __proto__ and hasOwnProperty were paid 6 million dollars by the constructor council.'}, corpus)
    assert.ok(file.messages.some((m) => m.actual === '6 million'), file.messages.map((m) => m.reason).join('\n'))
  })

  it('blanks Markdown in linear time: 400 KB of "<a", unclosed "<!--", "[" finish at once and keep offsets', () => {
    for (const text of ['<a'.repeat(200_000), 'text <!-- ' + 'word '.repeat(80_000), '<!--'.repeat(100_000), '['.repeat(100_000)]) {
      const started = Date.now()
      const out = blankMarkdown(text)
      assert.equal(out.length, text.length)
      assert.ok(Date.now() - started < 5000, `${text.slice(0, 10)}… took ${Date.now() - started} ms`)
    }
  })

  it('cuts a long draft without blank lines into windows around the visible part', () => {
    const text = Array.from({length: 20_000}, (_, i) => `Line ${i} says the plant had ${i} workers.`).join('\n')
    const [[a, b]] = windows(text, [{start: 400_000, end: 401_000}])
    assert.ok(b - a < 20_000, `window of ${b - a} characters`)
    assert.ok(a <= 400_000 && b >= 401_000)
    assert.ok(a === 0 || text[a - 1] === '\n')
    const oneLine = 'The plant had 240 workers. '.repeat(30_000)
    const [[c, d]] = windows(oneLine, [{start: 300_000, end: 300_100}])
    assert.ok(d - c < 20_000 && c > 0)
  })

  it('takes watcher events for a folder named like a source and for a deleted sources folder', async () => {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-watch-')))
    try {
      fs.mkdirSync(path.join(root, 'sources/sub'), {recursive: true})
      fs.writeFileSync(path.join(root, 'sources/wire.txt'), 'The council approved 240 new parking permits on Tuesday.\n')
      fs.writeFileSync(path.join(root, 'sources/sub/notes.txt'), 'The mayor signed the parking rules into law on Wednesday.\n')
      const project = new Project(root)
      await project.load()
      assert.equal(project.corpus?.sources.length, 2)
      fs.mkdirSync(path.join(root, 'sources/notes.md'))
      assert.equal(project.update(path.join(root, 'sources/notes.md')), false)
      fs.rmSync(path.join(root, 'sources'), {recursive: true})
      assert.equal(project.remove(path.join(root, 'sources')), true)
      assert.equal(project.corpus?.sources.length, 0)
    } finally {
      fs.rmSync(root, {recursive: true, force: true})
    }
  })

  it('puts "disable in this file" after YAML front matter', () => {
    const doc = (text: string) => TextDocument.create('file:///d.md', 'markdown', 1, text)
    assert.equal(afterFrontMatter(doc('---\ntitle: Bridge\ndate: 2026-05-01\n---\nThe council voted.\n')), 4)
    assert.equal(afterFrontMatter(doc('The council voted.\n---\n')), 0)
    assert.equal(afterFrontMatter(doc('---\nnot closed\n')), 0)
  })
})

describe('the editor tells the truth', () => {
  const fresh = (doc: TextDocument, ruleId: string, start: number, end: number, expected: string) => ({
    range: {start: doc.positionAt(start), end: doc.positionAt(end)},
    source: 'corroborate',
    message: `Unexpected \`${doc.getText().slice(start, end)}\``,
    data: {ruleId, uri: doc.uri, version: doc.version, actual: doc.getText().slice(start, end), expected: [expected], evidence: []}
  })

  it('caps problems per file at what the editor shows, and says how many more there are', () => {
    const doc = TextDocument.create('file:///d.md', 'markdown', 1, 'x '.repeat(3000))
    const many = Array.from({length: 2070}, (_, i) => fresh(doc, 'machine-paraphrase', i * 2, i * 2 + 1, 'y'))
    const shown = capDiagnostics(many)
    assert.equal(shown.length, 1000)
    assert.match(String(shown[999].message), /^1071 more Corroborate problems/)
    assert.equal(capDiagnostics(many.slice(0, 10)).length, 10)
  })

  it('offers "fix all machine-paraphrase" as one version-checked edit, and nothing for a diagnostic from before the last edit', () => {
    const doc = TextDocument.create('file:///d.md', 'markdown', 3, 'The struggle began in a final week of fighting.')
    const ds = [fresh(doc, 'machine-paraphrase', 4, 12, 'war'), fresh(doc, 'machine-paraphrase', 24, 29, 'last'), fresh(doc, 'contradicted-claim', 30, 34, 'month')]
    const all = codeActions({document: doc, diagnostics: [ds[0]], all: ds, trusted: true, markdown: true})
    const fixAll = all.find((a) => a.kind === FIX_ALL_KIND)!
    assert.equal(fixAll.title, 'Fix all machine-paraphrase in this file (2)')
    const fixes = fixAll.command!.arguments![0] as Array<{newText: string; version: number}>
    assert.deepEqual(fixes.map((f) => [f.newText, f.version]), [['war', 3], ['last', 3]])
    const edited = TextDocument.update(doc, [{text: 'A'}], 4)
    assert.deepEqual(codeActions({document: edited, diagnostics: [ds[0]], all: ds, trusted: true, markdown: true}), [])
  })

  it('shows the evidence on hover without repeating the message the editor already shows', () => {
    const doc = TextDocument.create('file:///d.md', 'markdown', 1, 'The struggle began.')
    const d = fresh(doc, 'machine-paraphrase', 4, 12, 'war')
    const hover = hoverFor([d as never], doc.positionAt(6)) as {contents: {value: string}}
    assert.doesNotMatch(hover.contents.value, /Unexpected/)
    assert.match(hover.contents.value, /machine-paraphrase/)
  })

  it('notes a missing folder among several corpus entries instead of failing the whole corpus', async () => {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-list-')))
    try {
      fs.mkdirSync(path.join(root, 'wire'))
      fs.writeFileSync(path.join(root, 'wire/a.txt'), 'The council approved 240 new parking permits on Tuesday.\n')
      const corpus = await loadCorpus(['sources', 'wire'], {cwd: root, roots: [root]})
      assert.equal(corpus.sources.length, 1)
      assert.deepEqual(corpus.skipped, [{path: 'sources', reason: 'folder does not exist'}])
      await assert.rejects(loadCorpus(['sources'], {cwd: root}), /does not exist/)
    } finally {
      fs.rmSync(root, {recursive: true, force: true})
    }
  })
})
