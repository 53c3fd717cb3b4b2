// The sentence index: BM25 ranking over distinct stems, updates per sentence, one-letter-off matches for
// words the sources never use, and a saved copy that answers as the live one does.
import assert from 'node:assert/strict'
import v8 from 'node:v8'
import {Postings} from '../../src/core/corpus/postings.js'
import {bm25} from '../../src/core/corpus/query.js'

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

  it('scores in its arrays exactly as the general (map) path does, and a limit keeps the best and their ties', () => {
    const postings = build()
    // The same sentences through the path the shared archive takes (no dense ids).
    const reader = {
      count: (stem: string) => SENTENCES.filter(([, s]) => s.includes(stem)).length,
      list: (stem: string) => SENTENCES.filter(([, s]) => s.includes(stem)).map(([id]) => id),
      length: (id: number) => SENTENCES[id][1].length,
      documents: SENTENCES.length,
      totalLength: SENTENCES.reduce((n, [, s]) => n + s.length, 0),
      near: (stem: string) => (stem === 'okafur' ? ['okafor'] : [])
    }
    for (const query of [['ferri', 'termin', 'reopen'], ['vote', 'termin'], ['okafur', 'visit'], ['termin']]) {
      const all = postings.search(query, () => true)
      assert.deepEqual(all, bm25(query, () => true, reader))
      // "termin" scores sentences 0, 2 and 3 by their lengths; with a limit of one, only the best comes back.
      const best = postings.search(query, () => true, 1)
      assert.deepEqual(best, all.filter((h) => h.score >= all[0].score))
      // The arrays are cleared after each query: asking again gives the same.
      assert.deepEqual(postings.search(query, () => true), all)
    }
  })
})
