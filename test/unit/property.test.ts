// Property test: 1,000 generated drafts against generated corpora — hostile characters, broken
// quotes, markup, numbers — never crash, and every message's offsets slice the draft to its `actual`.
// Seeded; the seed is printed on failure (CORROBORATE_SEED=n reruns one).
import assert from 'node:assert/strict'
import {checkDraft, Corpus, RULE_IDS, type CorroborateMessage} from '../../src/core/index.js'

function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const WORDS = ('the council mayor voted approved rejected bridge budget parking 240 420 2.5 million five "we will rebuild" ' +
  'said told according to Ruiz Okafor Delgado Tuesday March not never refused to sign résumé naïve 東京 مرحبا שלום 😀 👍🏽 ' +
  'e\u0301 \u200b \u202e \u0000 \r\n \r \n\n \t [new] (the) … ... — – - “ ” ‘ ’ \' " <a <!-- --> ** __ ` ``` # > * 1. ' +
  'http://x.test/a?b=c [link](x) ![img](y) &amp; &#x1b; \u001b[31m 3,200,000 $1.8m 50% half tens of hundreds with out').split(' ')

function text(rand: () => number, words: number): string {
  let out = ''
  for (let i = 0; i < words; i++) {
    out += WORDS[Math.floor(rand() * WORDS.length)]
    const r = rand()
    out += r < 0.08 ? '. ' : r < 0.12 ? ', ' : r < 0.14 ? '\n' : r < 0.15 ? '\n\n' : ' '
  }
  return rand() < 0.1 ? '\uFEFF' + out : out
}

describe('property: generated drafts and sources', function () {
  this.timeout(120_000)
  it('1,000 drafts never crash, and every message slices the draft to its actual words', () => {
    const seed = Number(process.env.CORROBORATE_SEED ?? 20261202)
    const rand = random(seed)
    let checked = 0
    for (let c = 0; c < 20; c++) {
      const corpus = new Corpus({cwd: '/'})
      for (let s = 0; s < 3; s++) corpus.addFile(`/corpus/${c}/source${s}.${['txt', 'md', 'html'][s]}`, text(rand, 40 + Math.floor(rand() * 200)))
      for (let d = 0; d < 50; d++) {
        const value = text(rand, 5 + Math.floor(rand() * 150))
        const name = rand() < 0.5 ? 'draft.md' : 'draft.txt'
        let messages: CorroborateMessage[]
        try {
          messages = checkDraft({path: name, value}, corpus).messages as CorroborateMessage[]
        } catch (error) {
          assert.fail(`seed ${seed}, corpus ${c}, draft ${d}: ${(error as Error).stack}\n${JSON.stringify(value)}`)
        }
        for (const m of messages) {
          const place = m.place as {start: {offset: number}; end: {offset: number}}
          assert.ok((RULE_IDS as readonly string[]).includes(m.ruleId), `seed ${seed}: ${m.ruleId}`)
          assert.ok(place.start.offset >= 0 && place.start.offset <= place.end.offset && place.end.offset <= value.length, `seed ${seed}, corpus ${c}, draft ${d}: offsets`)
          assert.equal(value.slice(place.start.offset, place.end.offset), m.actual, `seed ${seed}, corpus ${c}, draft ${d}`)
        }
        checked++
      }
    }
    assert.equal(checked, 1000)
  })
})
