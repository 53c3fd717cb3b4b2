// The saved index: a reload gives the same findings as reading every source again, after a source is
// changed, deleted or added, and a corrupt or old file is rebuilt with a one-line note.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import v8 from 'node:v8'
import {checkDraft, loadCorpus, type CorroborateMessage} from '../../src/core/index.js'

const DRAFT = fs.readFileSync('examples/draft.txt', 'utf8')

function findings(corpus: Awaited<ReturnType<typeof loadCorpus>>): string[] {
  const file = checkDraft({path: '/cache-test/draft.txt', value: DRAFT}, corpus)
  return (file.messages as CorroborateMessage[]).map((m) => `${m.ruleId} ${m.fatal} ${m.actual} → ${(m.expected ?? []).join('|')} @ ${m.data?.evidence?.[0]?.path ?? ''}:${m.data?.evidence?.[0]?.line ?? ''}`).sort()
}

describe('saved index', () => {
  let dir: string
  let sources: string
  let cache: string
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-cache-')))
    sources = path.join(dir, 'sources')
    cache = path.join(dir, 'cache', 'index.v8')
    fs.cpSync('examples/sources', sources, {recursive: true})
  })
  afterEach(() => fs.rmSync(dir, {recursive: true, force: true}))

  const fresh = () => loadCorpus([sources], {cwd: dir})
  const cached = (notes: string[] = []) => loadCorpus([sources], {cwd: dir, cache, note: (line) => notes.push(line)})

  it('reloads with the same findings, reading no source whose size and time are unchanged', async () => {
    const first = findings(await cached())
    assert.ok(fs.existsSync(cache))
    const saved = fs.statSync(cache).mtimeMs
    const again = await cached()
    assert.deepEqual(findings(again), first)
    assert.equal(fs.statSync(cache).mtimeMs, saved, 'an unchanged corpus does not rewrite its index')
    assert.deepEqual(findings(again), findings(await fresh()))
  })

  it('follows a source changed, deleted or added since it was saved', async () => {
    await cached()
    const [a, b] = fs.readdirSync(sources).sort()
    const text = fs.readFileSync(path.join(sources, a), 'utf8')
    // A figure changed in place: same length, so only the content hash tells.
    fs.writeFileSync(path.join(sources, a), text.replace(/\d/, (d) => String((Number(d) + 1) % 10)))
    assert.deepEqual(findings(await cached()), findings(await fresh()))
    fs.rmSync(path.join(sources, b))
    assert.deepEqual(findings(await cached()), findings(await fresh()))
    fs.writeFileSync(path.join(sources, 'added.txt'), 'The ministers met in Astana on Tuesday and agreed a new trade corridor.')
    const reloaded = await cached()
    assert.deepEqual(findings(reloaded), findings(await fresh()))
    assert.equal(reloaded.sources.length, fs.readdirSync(sources).length)
  })

  it('keeps sentence texts the source files hold out of the index, and reads a changed source\'s old ones from the texts file beside it', async () => {
    await cached()
    const [a, b] = fs.readdirSync(sources).sort()
    // A stretch of one sentence of a plain-text source: in the texts file, not in the index.
    const phrase = fs.readFileSync(path.join(sources, a), 'utf8').split('\n').find((line) => line.length > 60 && /^[\x20-\x7e]+$/.test(line))!.slice(0, 40)
    // V8 writes a string one byte a character, or two when any character needs it.
    const holds = (file: string) => ['latin1', 'utf16le'].some((encoding) => fs.readFileSync(file).toString(encoding as BufferEncoding).includes(phrase))
    assert.ok(holds(`${cache}.texts`))
    assert.ok(!holds(cache))
    fs.appendFileSync(path.join(sources, a), '\n\nA paragraph added after the index was saved.')
    fs.rmSync(path.join(sources, b))
    const notes: string[] = []
    assert.deepEqual(findings(await cached(notes)), findings(await fresh()))
    assert.deepEqual(notes, [])
  })

  it('rebuilds with a one-line note when a source changed and the texts file is gone', async () => {
    await cached()
    fs.rmSync(`${cache}.texts`)
    const [a] = fs.readdirSync(sources).sort()
    fs.writeFileSync(path.join(sources, a), fs.readFileSync(path.join(sources, a), 'utf8').replace(/\d/, (d) => String((Number(d) + 1) % 10)))
    const notes: string[] = []
    assert.deepEqual(findings(await cached(notes)), findings(await fresh()))
    assert.equal(notes.length, 1)
    assert.match(notes[0], /incomplete; rebuilding/)
    assert.deepEqual(findings(await cached()), findings(await fresh()))
  })

  it('rebuilds a corrupt saved index with a one-line note', async () => {
    const expected = findings(await cached())
    fs.writeFileSync(cache, 'not an index')
    const notes: string[] = []
    assert.deepEqual(findings(await cached(notes)), expected)
    assert.equal(notes.length, 1)
    assert.match(notes[0], /unreadable; rebuilding/)
    assert.deepEqual(findings(await cached()), expected)
  })

  it('rebuilds an index saved by an earlier version (a plain v8 serialisation) with a one-line note', async () => {
    const expected = findings(await cached())
    fs.writeFileSync(cache, v8.serialize({format: 'corroborate-index-5', sources: {}}))
    const notes: string[] = []
    assert.deepEqual(findings(await cached(notes)), expected)
    assert.deepEqual(notes.map((n) => /another version/.test(n)), [true])
  })

  it('rebuilds a saved index cut short with a one-line note', async () => {
    const expected = findings(await cached())
    const bytes = fs.readFileSync(cache)
    fs.writeFileSync(cache, bytes.subarray(0, bytes.length - 64))
    const notes: string[] = []
    assert.deepEqual(findings(await cached(notes)), expected)
    assert.deepEqual(notes.map((n) => /unreadable; rebuilding/.test(n)), [true])
  })

  it('goes on without saving, with a one-line note, when the index cannot be written', async () => {
    const blocked = path.join(dir, 'a-file')
    fs.writeFileSync(blocked, '')
    const notes: string[] = []
    const corpus = await loadCorpus([sources], {cwd: dir, cache: path.join(blocked, 'index.v8'), note: (line) => notes.push(line)})
    assert.deepEqual(findings(corpus), findings(await fresh()))
    assert.equal(notes.length, 1)
    assert.match(notes[0], /could not save the index/)
  })
})

describe("a reloaded index's search for sources", () => {
  it("gives search's sources in its order, ties included, without building any source's sentences", async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-sources-')))
    try {
      // Forty notes of one harbour story: the same sentence in many of them (hits tied by score, ordered by
      // place), other sentences shared by some, and a line of each note's own.
      const sources = path.join(dir, 'sources')
      fs.mkdirSync(sources)
      const lines = ['The harbour board approved the new sea wall on Monday.', 'Fishing crews said the storm season had been the worst in a decade.', 'The council will meet the port authority about dredging costs.']
      for (let k = 0; k < 40; k++) {
        const picked = lines.filter((_, i) => (k + i) % (i + 2) === 0)
        // Some notes repeat the first line further down: hits tied within one source, ordered by offset.
        const again = k % 5 === 0 ? [lines[0]] : []
        fs.writeFileSync(path.join(sources, `note-${String(k).padStart(2, '0')}.txt`), [...picked, `Clerk ${k} filed ledger ${k * 7} for the harbour board.`, ...again].join('\n\n') + '\n')
      }
      const cache = path.join(dir, 'index.v8')
      await loadCorpus([sources], {cwd: dir, cache})
      const corpus = await loadCorpus([sources], {cwd: dir, cache})
      const {tokenize} = await import('../../src/core/text/tokens.js')
      const {sourcesOfHits} = await import('../../src/core/quotes/source-quotes.js')
      const queries = [...lines, 'the harbour board filed the sea wall ledger', 'storm costs for fishing crews', 'clerk 12 ledger 84'].map((q) => tokenize(q))
      const unbuilt = () => corpus.sources.filter((s) => (s as {rows?: unknown}).rows !== undefined).length
      assert.equal(unbuilt(), 40)
      const quick = queries.map((tokens) => corpus.searchSources(tokens, 30, 10).map((s) => s.path))
      assert.equal(unbuilt(), 40, 'searchSources built sentences')
      const full = queries.map((tokens) => sourcesOfHits(corpus.search(tokens, 30), 10).map((s) => s.path))
      assert.ok(unbuilt() < 40)
      assert.deepEqual(quick, full)
      assert.ok(full.some((paths) => paths.length === 10), 'a query reaches more than ten sources')
      // The places that order ties, read without building, are the built sentences' own.
      const hits = (c: typeof corpus, tokens: ReturnType<typeof tokenize>, n: number) => c.search(tokens, n).map((h) => `${h.sentence.source.path}:${h.sentence.start}`)
      const built = await loadCorpus([sources], {cwd: dir})
      for (let n = 1; n <= 4; n++) assert.deepEqual(hits(await loadCorpus([sources], {cwd: dir, cache}), queries[0], n), hits(built, queries[0], n), `limit ${n}`)
    } finally {
      fs.rmSync(dir, {recursive: true, force: true})
    }
  })
})
