// The sentence index: BM25 ranking over distinct stems, updates per sentence, one-letter-off matches for
// words the sources never use, and a saved copy that answers as the live one does.
import assert from 'node:assert/strict'
import v8 from 'node:v8'
import {Postings} from '../../src/core/corpus/postings.js'
import {bm25, bm25Merged, nthLargest, textPostings} from '../../src/core/corpus/query.js'

const SENTENCES: Array<[number, string[]]> = [
  [0, ['harbour', 'board', 'vote', 'reopen', 'ferri', 'termin']],
  [1, ['council', 'vote', 'budget']],
  [2, ['ferri', 'termin', 'close', 'storm']],
  [3, ['mayor', 'okafor', 'visit', 'termin']]
]

function build(): Postings {
  const postings = new Postings()
  for (const [id, stems] of SENTENCES) postings.add(id, stems)
  return postings
}

describe('sentence index (postings)', () => {
  it('ranks the sentence sharing the rarest and the most words first', () => {
    const hits = build().search(['ferri', 'termin', 'reopen'], () => false)
    assert.deepEqual(hits.map((h) => h.id), [0, 2, 3])
  })

  it('takes a removed sentence out of every list and out of the counts', () => {
    const postings = build()
    postings.remove(2, SENTENCES[2][1])
    assert.equal(postings.count('ferri'), 1)
    assert.deepEqual(postings.search(['storm', 'termin'], () => false).map((h) => h.id).sort(), [0, 3])
  })

  it('matches a word one letter off only when asked to', () => {
    const postings = build()
    assert.deepEqual(postings.search(['okafur'], () => false), [])
    assert.deepEqual(postings.search(['okafur'], () => true).map((h) => h.id), [3])
  })

  it('answers the same after a save and load through v8, and keeps taking updates', () => {
    const postings = build()
    const loaded = Postings.load(v8.deserialize(v8.serialize(postings.save())))
    for (const query of [['ferri', 'termin'], ['vote'], ['okafur']]) assert.deepEqual(loaded.search(query, () => true), postings.search(query, () => true))
    loaded.add(4, ['storm', 'warn'])
    loaded.remove(0, SENTENCES[0][1])
    assert.deepEqual(loaded.search(['storm'], () => false).map((h) => h.id).sort(), [2, 4])
    assert.equal(loaded.count('harbour'), 0)
  })

  it('finds the n-th largest score as sorting all would, equal scores counted apart', () => {
    let seed = 3
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    for (let round = 0; round < 200; round++) {
      // Few distinct values, so that ties at the cut are common.
      const values = Float64Array.from({length: 1 + Math.floor(next() * 300)}, () => Math.floor(next() * 12) / 4)
      for (const n of [1, 2, 3, 10, 64, 65]) {
        if (n > values.length) continue
        assert.equal(nthLargest(values, n), Float64Array.from(values).sort()[values.length - n], `n ${n}, round ${round}`)
      }
    }
  })

  it('scores as BM25 over distinct stems says, and a limit keeps the best and their ties', () => {
    const postings = build()
    // BM25 written out for these four sentences (k 1.2, b 0.7, d 0.5; times the query terms matched).
    const avg = SENTENCES.reduce((n, [, s]) => n + s.length, 0) / SENTENCES.length
    const expected = (query: string[]) =>
      SENTENCES.map(([id, stems]) => {
        const hit = query.filter((q) => stems.includes(q))
        const sum = hit.reduce((total, q) => {
          const n = SENTENCES.filter(([, s]) => s.includes(q)).length
          const idf = Math.log(1 + (SENTENCES.length - n + 0.5) / (n + 0.5))
          return total + idf * (0.5 + 2.2 / (1 + 1.2 * (1 - 0.7 + (0.7 * stems.length) / avg)))
        }, 0)
        return {id, score: sum * hit.length}
      })
        .filter((h) => h.score > 0)
        .sort((a, b) => b.score - a.score)
    for (const query of [['ferri', 'termin', 'reopen'], ['vote', 'termin'], ['termin']]) {
      const all = postings.search(query, () => false)
      assert.deepEqual(all.map((h) => h.id), expected(query).map((h) => h.id))
      all.forEach((h, i) => assert.ok(Math.abs(h.score - expected(query)[i].score) < 1e-9))
      // With a limit of one, only the best and any tied with it come back.
      assert.deepEqual(postings.search(query, () => false, 1), all.filter((h) => h.score >= all[0].score))
      // The arrays are cleared after each query: asking again gives the same.
      assert.deepEqual(postings.search(query, () => false), all)
    }
  })
  it('gives the same hits and the same scores from postings as text (merged in id order) as from arrays', () => {
    let seed = 11
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    for (let round = 0; round < 60; round++) {
      const documents = 50 + Math.floor(next() * 400)
      // Few distinct lengths, so that equal scores (ties at the cut) are common.
      const lengths = Int32Array.from({length: documents}, () => 3 + Math.floor(next() * 4) * 40)
      const stems = ['aa', 'bb', 'cc', 'dd', 'ee', 'abcdefg', 'abcdefh', 'xbcdefg']
      const lists = new Map(stems.map((stem) => [stem, [...Array(documents).keys()].filter(() => next() < 0.05 + 0.4 * next())]))
      const near = (stem: string) => (stem.startsWith('abcdef') || stem === 'xbcdefg' ? stems.filter((s) => s !== stem && s.length === 7 && [...s].filter((c, i) => c !== stem[i]).length === 1) : [])
      const totalLength = lengths.reduce((a, b) => a + b, 0)
      const reader = {count: (s: string) => lists.get(s)?.length ?? 0, list: (s: string) => lists.get(s) ?? [], lengths, documents, totalLength, near}
      const offset = round % 2 ? 1000 : 0
      // Sent as the archive sends them, some out of order (which textPostings puts right).
      const asText = new Map([...lists].map(([stem, ids]) => {
        const order = round % 3 ? ids : [...ids].reverse()
        return [stem, textPostings(order.join(','), order.map((id) => lengths[id]).join(','))]
      }))
      const merged = {postings: (s: string) => asText.get(s), near, documents, totalLength}
      for (const terms of [['aa'], ['aa', 'bb', 'cc'], ['dd', 'abcdefg', 'ee'], ['zz', 'aa']]) {
        for (const limit of [1, 3, 10, 1000]) {
          const fuzzy = (t: string) => t.length > 5
          const expected = bm25(terms, fuzzy, reader, {ids: documents, limit}).map((h) => ({id: h.id + offset, score: h.score}))
          const got = bm25Merged(terms, fuzzy, merged, limit, offset)
          const key = (h: {id: number; score: number}) => `${h.score} ${h.id}`
          assert.deepEqual(got.map(key).sort(), expected.map(key).sort(), `round ${round}, ${terms.join(' ')}, limit ${limit}`)
        }
      }
    }
  })

  it('reads postings as text with their count, whatever their order', () => {
    assert.deepEqual(textPostings(null, null), {ids: '', lengths: '', count: 0})
    assert.deepEqual(textPostings('3,17,250', '4,9,12'), {ids: '3,17,250', lengths: '4,9,12', count: 3})
    assert.deepEqual(textPostings('250,3,17', '12,4,9'), {ids: '3,17,250', lengths: '4,9,12', count: 3})
  })
})
