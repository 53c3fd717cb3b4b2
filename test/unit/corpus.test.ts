import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {Corpus, CorpusError, loadCorpus} from '../../src/core/index.js'
import {tokenize} from '../../src/core/text/tokens.js'

const made: string[] = []
after(() => made.forEach((dir) => fs.rmSync(dir, {recursive: true, force: true})))

function tempDir(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-corpus-'))
  made.push(dir)
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), {recursive: true})
    fs.writeFileSync(path.join(dir, name), content)
  }
  return dir
}

describe('corpus', () => {
  it('reads txt, md and html in nested folders and skips what it cannot use, with a note each', async () => {
    const dir = tempDir({
      'wire.txt': 'The council approved the budget on Monday by a vote of 7 to 2.\n',
      'notes/earlier.md': '# Earlier\n\nThe **previous** budget was [approved](https://example.com) in March.\n',
      'press/release.html': '<html><body><nav>Home News</nav><p>The mayor welcomed the vote.</p><script>var a = "secret plan";</script></body></html>',
      'scan.pdf': Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]),
      'blob.txt': Buffer.from([0x48, 0x00, 0x49]),
      'empty.md': '   \n',
      'latin1.txt': Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x61, 0x62]),
      'big.txt': 'x'.repeat(2000)
    })
    const corpus = await loadCorpus([dir], {cwd: dir, maxBytes: 1000})
    assert.deepEqual(corpus.sources.map((s) => s.path).sort(), ['notes/earlier.md', 'press/release.html', 'wire.txt'])
    const skipped = Object.fromEntries(corpus.skipped.map((s) => [s.path, s.reason]))
    assert.match(skipped['scan.pdf'], /unsupported file type/)
    assert.match(skipped['blob.txt'], /binary/)
    assert.match(skipped['empty.md'], /empty/)
    assert.match(skipped['latin1.txt'], /not UTF-8/)
    assert.match(skipped['big.txt'], /larger than/)
    const texts = corpus.sentences.map((s) => s.text)
    assert.ok(texts.includes('The previous budget was approved in March.'), texts.join(' | '))
    assert.ok(texts.includes('The mayor welcomed the vote.'))
    assert.ok(!texts.some((t) => /secret plan|Home News|example\.com/.test(t)))
  })

  it('keeps positions exact through a BOM, CRLF line ends and non-breaking spaces', async () => {
    const dir = tempDir({'a.txt': '\uFEFFHeadline here\r\n\r\nFirst line sentence.\r\nThe fund holds $3.2\u00a0million in reserve.\r\n'})
    const corpus = await loadCorpus([dir], {cwd: dir})
    const s = corpus.sentences.find((x) => x.text.includes('3.2'))
    assert.ok(s)
    assert.equal(s.line, 4)
    assert.equal(s.column, 1)
    assert.equal(corpus.sources[0].text.slice(s.start, s.end), 'The fund holds $3.2\u00a0million in reserve.')
    assert.deepEqual(s.tokens.map((t) => t.norm), ['the', 'fund', 'holds', '3.2', 'million', 'in', 'reserve'])
  })

  it('never takes page furniture as evidence', async () => {
    const dir = tempDir({
      'page.txt': 'Storm closes port\n\nAdvertisement\n\nThe port of Kell closed on Friday as the storm arrived.\n\nThe Coast Newsletter\n\nKeep up with everything happening on the coast.\n\nYou can unsubscribe at any time.\n\nLeave a Reply\n\nYour email address will not be published.\n'
    })
    const corpus = await loadCorpus([dir], {cwd: dir})
    assert.deepEqual(corpus.sentences.map((s) => s.text), ['Storm closes port', 'The port of Kell closed on Friday as the storm arrived.'])
  })

  it('fails with an actionable message for a missing folder, an empty folder or an unmatched glob', async () => {
    await assert.rejects(loadCorpus(['no-such-folder'], {cwd: os.tmpdir()}), (e: Error) => e instanceof CorpusError && /does not exist — pass --corpus DIR/.test(e.message))
    const empty = tempDir({'readme.pdf': Buffer.from([0])})
    await assert.rejects(loadCorpus([empty], {cwd: empty}), (e: Error) => e instanceof CorpusError && /holds no readable source.*readme\.pdf/.test(e.message))
    await assert.rejects(loadCorpus(['*.nothing'], {cwd: empty}), /matches no file/)
    await assert.rejects(loadCorpus([], {cwd: empty}), /no corpus given/)
  })

  it('updates the index when a source is added, changed or removed', () => {
    const corpus = new Corpus({cwd: '/w'})
    const query = tokenize('The bridge reopened after repairs costing $4 million.')
    assert.equal(corpus.search(query).length, 0)
    corpus.addFile('/w/a.txt', 'The bridge reopened on Sunday after repairs costing $4 million.')
    const v1 = corpus.version
    assert.equal(corpus.search(query)[0]?.sentence.source.path, 'a.txt')
    corpus.addFile('/w/a.txt', 'The library closed for a week.')
    assert.ok(corpus.version > v1)
    assert.equal(corpus.search(query).length, 0)
    assert.equal(corpus.sources.length, 1)
    assert.ok(corpus.removeFile('/w/a.txt'))
    assert.equal(corpus.sources.length, 0)
    assert.equal(corpus.sentences.length, 0)
  })
})

describe('sources report', () => {
  it('lists sentence pairs from different sources that disagree on a fact, with both places', async () => {
    const {compareSources} = await import('../../src/core/index.js')
    const dir = tempDir({
      'a.txt': 'The council approved the budget on Monday by a vote of 7 to 2.\n\nThe mayor did not attend the session.\n',
      'b.txt': 'The council approved the budget on Monday by a vote of 6 to 3.\n\nThe mayor attended the session.\n',
      'c.txt': 'Rain is expected all week in the valley.\n'
    })
    const corpus = await loadCorpus([dir], {cwd: dir})
    const found = compareSources(corpus).map((d) => `${d.kind}: ${d.a.evidence.path}:${d.a.evidence.line} ${d.a.words} | ${d.b.evidence.path}:${d.b.evidence.line} ${d.b.words}`)
    assert.deepEqual(found, [
      'quantity: a.txt:1 of 7 to | b.txt:1 of 6 to',
      'quantity: a.txt:1 to 2 | b.txt:1 to 3',
      'negation: a.txt:3 mayor did not attend the | b.txt:3 mayor attended the'
    ])
  })
})
