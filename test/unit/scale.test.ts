// Findings must not depend on the size of the archive: the same draft checked against its sources alone
// and against its sources among many unrelated ones (here the other fixtures' sources, copied with their
// numbers and names varied, ten times over) gets the same findings. Retrieval that lets common words
// decide the candidates fails this: the right source sentence drops out of the few that are compared.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import {checkDraft, Corpus, type CorroborateMessage} from '../../src/core/index.js'
import {seeded} from '../../bench/random.js'

const DRAFTS = [
  {sources: 'test/unit/fixtures-engine/fire/sources', draft: 'test/unit/fixtures-engine/fire/errors.txt'},
  {sources: 'test/unit/fixtures-engine/council/sources', draft: 'test/unit/fixtures-engine/council/errors.md'},
  {sources: 'examples/sources', draft: 'examples/draft.txt'}
]

function files(dir: string): string[] {
  return fs.readdirSync(dir).map((f) => path.join(dir, f)).filter((f) => fs.statSync(f).isFile())
}

function findings(corpus: Corpus, draft: string): string[] {
  const file = checkDraft({path: path.resolve(draft), value: fs.readFileSync(draft, 'utf8')}, corpus)
  return (file.messages as CorroborateMessage[]).map((m) => `${m.ruleId} ${m.fatal} ${m.actual} → ${(m.expected ?? []).join('|')}`).sort()
}

describe('findings at any archive size', () => {
  for (const {sources, draft} of DRAFTS) {
    it(`are the same for ${draft} against its sources alone and among ten times as many others`, () => {
      const small = new Corpus({cwd: '/scale'})
      for (const f of files(sources)) small.addFile(path.resolve(f), fs.readFileSync(f))
      const large = new Corpus({cwd: '/scale'})
      for (const f of files(sources)) large.addFile(path.resolve(f), fs.readFileSync(f))
      const others = DRAFTS.filter((d) => d.sources !== sources).flatMap((d) => files(d.sources)).concat(files('test/fixtures/court/sources'))
      const random = seeded(7)
      for (let copy = 0; large.sentences.length < 10 * small.sentences.length; copy++) {
        for (const f of others) {
          // Another story each time: its figures and its capitalised words' order varied.
          const text = fs.readFileSync(f, 'utf8').replace(/\d+/g, () => String(Math.floor(random() * 9000) + 10))
          large.addFile(`/scale/archive/${copy}-${path.basename(f)}`, text)
        }
      }
      assert.ok(large.sentences.length >= 10 * small.sentences.length, `${large.sentences.length} vs ${small.sentences.length} sentences`)
      assert.deepEqual(findings(large, draft), findings(small, draft))
    })
  }
})
