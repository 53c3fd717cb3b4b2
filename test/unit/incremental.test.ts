// A source saved while the draft is open: the next check keeps what it worked out for sentences the change
// does not bear on (corpus/change.ts) and must find exactly what a fresh check against the new sources finds —
// a source added, taken out, or edited (a figure changed).
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import {checkDraft, Corpus, type CorroborateMessage} from '../../src/core/index.js'

const CASES = [
  {sources: 'test/unit/fixtures-engine/fire/sources', draft: 'test/unit/fixtures-engine/fire/errors.txt'},
  {sources: 'test/unit/fixtures-engine/council/sources', draft: 'test/unit/fixtures-engine/council/errors.md'},
  {sources: 'test/fixtures/transit/sources', draft: 'test/fixtures/transit/drafts/errors.md'},
  {sources: 'examples/sources', draft: 'examples/draft.txt'}
]

const files = (dir: string) => fs.readdirSync(dir).map((f) => path.resolve(dir, f)).filter((f) => fs.statSync(f).isFile()).sort()

function findings(corpus: Corpus, draft: string): string[] {
  const file = checkDraft({path: path.resolve(draft), value: fs.readFileSync(draft, 'utf8')}, corpus)
  return (file.messages as CorroborateMessage[]).map((m) => `${m.ruleId} ${m.fatal} ${m.actual} → ${(m.expected ?? []).join('|')} @${m.place && 'start' in m.place ? m.place.start.offset : ''}`).sort()
}

function corpusOf(sources: Array<[string, string | Uint8Array]>): Corpus {
  const corpus = new Corpus({cwd: '/incremental'})
  for (const [file, text] of sources) corpus.addFile(file, text)
  return corpus
}

describe('a check after a source is saved', () => {
  for (const {sources, draft} of CASES.filter((c) => fs.existsSync(c.sources) && fs.existsSync(c.draft))) {
    const all = files(sources).map((f): [string, Uint8Array] => [f, fs.readFileSync(f)])
    it(`finds what a fresh check finds for ${draft}, a source added, taken out or edited`, () => {
      for (let k = 0; k < all.length; k++) {
        const [late, bytes] = all[k]
        const others = all.filter((_, j) => j !== k)
        // Added while the draft was open.
        const live = corpusOf(others)
        findings(live, draft)
        live.addFile(late, bytes)
        assert.deepEqual(findings(live, draft), findings(corpusOf(all), draft), `${late} added`)
        // Taken out again.
        live.removeFile(late)
        assert.deepEqual(findings(live, draft), findings(corpusOf(others), draft), `${late} taken out`)
        // Edited: every figure moved.
        live.addFile(late, bytes)
        findings(live, draft)
        const edited = Buffer.from(bytes).toString('utf8').replace(/\d+/g, (n) => String(Number(n) + 7))
        live.addFile(late, edited)
        assert.deepEqual(findings(live, draft), findings(corpusOf([...others, [late, edited]]), draft), `${late} edited`)
      }
    })
  }
})
