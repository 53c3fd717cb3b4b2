// Candidate retrieval as both backends run it (the embedded index and the shared archive): which stems a
// draft sentence queries, BM25 over their postings, and which hits come back in what order. One copy of
// the logic, so the same sources give the same candidates — and so the same findings — from either store.
import {isContent, type Token} from '../text/tokens.js'
import type {SourceSentence} from './corpus.js'

/** Content words of a draft sentence used to retrieve candidates (the rarest ones). */
export const QUERY_TERMS = 10
/** Postings a query may read: terms are taken rarest first while their sentences add up to at most this
 * (the three rarest always), so the work per sentence stays the same as the archive grows. A copied or
 * reworded sentence keeps its rare words; the common ones only multiply the hits to score. */
export const POSTINGS_BUDGET = 1_000
export const MIN_QUERY_TERMS = 3

const K = 1.2
const B = 0.7
const D = 0.5
const FUZZY_WEIGHT = 0.45

/** What BM25 reads of an index: sentences per stem, their ids, each sentence's length, the totals. */
export interface PostingsReader {
  count(stem: string): number
  /** Sentence ids using the stem; the first `count(stem)` entries are live. */
  list(stem: string): ArrayLike<number>
  /** Each sentence's length by id (a typed array: read once per posting, a call each was measurable). */
  lengths: ArrayLike<number>
  documents: number
  totalLength: number
  /** Indexed stems one letter off this one (not itself), with sentences. */
  near(stem: string): string[]
}

/** The rarest distinct stems of the content tokens, as many as the postings budget allows. */
export function queryTerms(content: Token[], df: (stem: string) => number): string[] {
  const terms: string[] = []
  let postings = 0
  for (const stem of [...new Set(content.map((t) => t.stem))].sort((a, b) => df(a) - df(b))) {
    if (terms.length >= QUERY_TERMS || (terms.length >= MIN_QUERY_TERMS && postings + df(stem) > POSTINGS_BUDGET)) break
    terms.push(stem)
    postings += df(stem)
  }
  return terms
}

/** Fuzzy only for words the sources never use as written: transliterations and typos ("Sergei"/"Sergey"). */
export function mayBeFuzzy(term: string, df: (stem: string) => number): boolean {
  return term.length > 5 && !/^\d/.test(term) && !df(term)
}

/** Per-query sums kept in arrays indexed by sentence id (small, dense ids: the embedded index's own, the
 * archive reader's slots): a query adds to a thousand postings or more, and a Map entry per posting was most
 * of retrieval's time. Reused across queries; `touched` says which slots to read and clear. */
export class Accumulator {
  score = new Float64Array(0)
  matched = new Int32Array(0)
  /** The query term (plus one) that last counted for the sentence. */
  last = new Int32Array(0)
  touched: number[] = []

  reserve(ids: number) {
    if (ids <= this.score.length) return
    const size = Math.max(ids, this.score.length * 2)
    this.score = new Float64Array(size)
    this.matched = new Int32Array(size)
    this.last = new Int32Array(size)
  }
}

/** BM25 over the query terms (OR), best first, as MiniSearch computes it: each sentence's stems counted once,
 * a result's score times the number of query terms it matched, a one-letter-off term weighted 0.45·n/(n+1).
 * Equal scores keep the order the sentences were first reached in. */
export function bm25(terms: string[], fuzzy: (term: string) => boolean, index: PostingsReader, dense: {accumulator: Accumulator; ids: number; limit: number}): Array<{id: number; score: number}> {
  const avg = index.totalLength / Math.max(1, index.documents)
  const each = (visit: (term: string, weight: number, query: number) => void) =>
    terms.forEach((term, query) => {
      if (index.count(term)) visit(term, 1, query)
      if (!fuzzy(term)) return
      for (const near of index.near(term)) visit(near, (FUZZY_WEIGHT * near.length) / (near.length + 1), query)
    })
  const idfOf = (n: number) => Math.log(1 + (index.documents - n + 0.5) / (n + 0.5))
  const acc = dense.accumulator
  acc.reserve(dense.ids)
  const {score, matched, last, touched} = acc
  const lengths = index.lengths
  each((term, weight, query) => {
    const n = index.count(term)
    const w = weight * idfOf(n)
    const list = index.list(term)
    for (let k = 0; k < n; k++) {
      const id = list[k]
      if (!matched[id]) touched.push(id)
      score[id] += w * (D + (K + 1) / (1 + K * (1 - B + (B * lengths[id]) / avg)))
      // A sentence counts each query term it matches once, however many of its spellings it holds.
      if (last[id] !== query + 1) {
        last[id] = query + 1
        matched[id]++
      }
    }
  })
  // Only the best `limit` and those tied with the last are ever read (topHits): the rest are not made.
  const finals = Float64Array.from(touched, (id) => score[id] * matched[id])
  const cutoff = finals.length > dense.limit ? nthLargest(finals, dense.limit) : -Infinity
  const hits: Array<{id: number; score: number}> = []
  touched.forEach((id, i) => {
    if (finals[i] >= cutoff) hits.push({id, score: finals[i]})
    score[id] = matched[id] = last[id] = 0
  })
  touched.length = 0
  return hits.sort((a, b) => b.score - a.score)
}

/** The n-th largest of the values, counting equal values apart (as the n-th from the end of them sorted). A
 * query of common words touches a hundred thousand sentences for ten results: the n best are kept in a
 * short sorted list rather than all sorted (which was most of such a query's time). */
export function nthLargest(values: Float64Array, n: number): number {
  if (n > 64) return Float64Array.from(values).sort()[values.length - n]
  const best: number[] = [] // descending
  for (const v of values) {
    if (best.length === n && v <= best[n - 1]) continue
    let at = best.length === n ? n - 1 : best.length
    while (at > 0 && best[at - 1] < v) {
      best[at] = best[at - 1]
      at--
    }
    best[at] = v
  }
  return best[n - 1]
}

/** The first `limit` hits and those tied with the last, by score and then by place: `place(id)` gives what
 * `byPlace` compares (the sentence itself, or for a store that fetches, its source's name and offset, known
 * before the sentence is: of many copies of a sentence tied for the last places, only the first are fetched). */
export function topHits<P>(hits: Array<{id: number; score: number}>, limit: number, place: (id: number) => P | undefined, byPlace: (a: P, b: P) => number): Array<{id: number; place: P; score: number}> {
  const cutoff = hits[Math.min(limit, hits.length) - 1]?.score ?? 0
  let end = Math.min(limit, hits.length)
  while (end < hits.length && hits[end].score >= cutoff) end++
  return hits
    .slice(0, end)
    .flatMap((hit) => {
      const p = place(hit.id)
      return p ? [{id: hit.id, place: p, score: hit.score}] : []
    })
    .sort((a, b) => b.score - a.score || byPlace(a.place, b.place))
    .slice(0, limit)
}

/** The queries a run of draft tokens makes: the whole, and for a long sentence (maybe merged from two
 * source sentences, its rarest words all from one half) each half for a few more. */
export function queryParts(tokens: Token[], limit: number): Array<{content: Token[]; limit: number}> {
  const content = tokens.filter(isContent)
  if (new Set(content.map((t) => t.stem)).size <= QUERY_TERMS) return [{content, limit}]
  const half = Math.ceil(content.length / 2)
  return [{content, limit}, {content: content.slice(0, half), limit: Math.ceil(limit / 4)}, {content: content.slice(half), limit: Math.ceil(limit / 4)}]
}

/** Results of the parts, the whole's first, each sentence once. */
export function mergeParts(results: Array<Array<{sentence: SourceSentence; score: number}>>): Array<{sentence: SourceSentence; score: number}> {
  const [whole = [], ...halves] = results
  const seen = new Set(whole.map((h) => h.sentence))
  return [...whole, ...halves.flatMap((part) => part.filter((h) => !seen.has(h.sentence) && (seen.add(h.sentence), true)))]
}
