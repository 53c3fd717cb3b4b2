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
/** Sentence lengths whose BM25 length part is worked out once per query (longer ones are rare). */
const SHORT = 128
const SHORT_LENGTHS = new Float64Array(SHORT)

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

/** Per-query sums kept in arrays indexed by sentence id (the embedded index's own small, dense ids): a query
 * adds to a thousand postings or more, and a Map entry per posting was most of retrieval's time. One per
 * thread (`scratch`), reused by every query and cleared via `touched`: fresh memory for each index cost more
 * than the sums (page faults, ~12 µs a page on the machines measured). */
class Accumulator {
  score = new Float64Array(0)
  matched = new Int32Array(0)
  /** The query term (plus one) that last counted for the sentence. */
  last = new Int32Array(0)
  /** The sentences a query reached, each once, in the order reached; and their final scores in that order. As
   * large as the sentences, so never grown within a query (a growing array per query was garbage). */
  touched = new Int32Array(0)
  finals = new Float64Array(0)

  reserve(ids: number) {
    if (ids <= this.score.length) return
    const size = Math.max(ids, this.score.length * 2)
    this.score = new Float64Array(size)
    this.matched = new Int32Array(size)
    this.last = new Int32Array(size)
    this.touched = new Int32Array(size)
    this.finals = new Float64Array(size)
  }
}

const scratch = new Accumulator()

/** The lists a query reads, in the order it adds them: each term, then the indexed words one letter off it
 * (when `fuzzy`), each with its weight (IDF times 1, or 0.45·n/(n+1) for a one-letter-off word) and the query
 * term it counts for. */
function visitsOf(terms: string[], fuzzy: (term: string) => boolean, count: (stem: string) => number, near: (stem: string) => string[], documents: number): Array<{stem: string; weight: number; query: number}> {
  const idfOf = (n: number) => Math.log(1 + (documents - n + 0.5) / (n + 0.5))
  const visits: Array<{stem: string; weight: number; query: number}> = []
  terms.forEach((term, query) => {
    if (count(term)) visits.push({stem: term, weight: idfOf(count(term)), query})
    if (!fuzzy(term)) return
    for (const stem of near(term)) visits.push({stem, weight: ((FUZZY_WEIGHT * stem.length) / (stem.length + 1)) * idfOf(count(stem)), query})
  })
  return visits
}

/** The length part of a posting's score, by length: a division per posting was a third of a query of common
 * words. The same expression for every length, so the same doubles. */
function lengthPart(totalLength: number, documents: number): (length: number) => number {
  const avg = totalLength / Math.max(1, documents)
  const byLength = (length: number) => D + (K + 1) / (1 + K * (1 - B + (B * length) / avg))
  const short = SHORT_LENGTHS.map((_, length) => byLength(length))
  return (length) => (length < SHORT ? short[length] : byLength(length))
}

/** BM25 over the query terms (OR), best first, as MiniSearch computes it: each sentence's stems counted once,
 * a result's score times the number of query terms it matched, a one-letter-off term weighted 0.45·n/(n+1).
 * Equal scores keep the order the sentences were first reached in. */
export function bm25(terms: string[], fuzzy: (term: string) => boolean, index: PostingsReader, dense: {ids: number; limit: number}): Array<{id: number; score: number}> {
  const part = lengthPart(index.totalLength, index.documents)
  const acc = scratch
  acc.reserve(dense.ids)
  const {score, matched, last, touched} = acc
  let reached = 0
  const lengths = index.lengths
  for (const {stem, weight: w, query} of visitsOf(terms, fuzzy, (stem) => index.count(stem), (stem) => index.near(stem), index.documents)) {
    const n = index.count(stem)
    const list = index.list(stem)
    for (let k = 0; k < n; k++) {
      const id = list[k]
      if (!matched[id]) touched[reached++] = id
      score[id] += w * part(lengths[id])
      // A sentence counts each query term it matches once, however many of its spellings it holds.
      if (last[id] !== query + 1) {
        last[id] = query + 1
        matched[id]++
      }
    }
  }
  // Only the best `limit` and those tied with the last are ever read (topHits): the rest are not made.
  const finals = acc.finals.subarray(0, reached)
  for (let i = 0; i < reached; i++) finals[i] = score[touched[i]] * matched[touched[i]]
  const cutoff = reached > dense.limit ? nthLargest(finals, dense.limit) : -Infinity
  const hits: Array<{id: number; score: number}> = []
  for (let i = 0; i < reached; i++) {
    const id = touched[i]
    if (finals[i] >= cutoff) hits.push({id, score: finals[i]})
    score[id] = matched[id] = last[id] = 0
  }
  return hits.sort((a, b) => b.score - a.score)
}

/** A stem's postings as the archive sends them: sentence ids in ascending order and each sentence's length,
 * both comma-separated decimals, item for item. Kept as text and read as they are merged: a check at a million
 * sentences reads about a million postings, and arrays of them (and a table from ids to small numbers) were
 * most of its time and garbage. */
export interface TextPostings {
  ids: string
  lengths: string
  count: number
}

/** Postings as text, checked: `count` counted, and ids put in ascending order if they came otherwise (the
 * archive's statement asks for its index order, which SQL itself does not promise). */
export function textPostings(ids: string | null, lengths: string | null): TextPostings {
  if (!ids || !lengths) return {ids: '', lengths: '', count: 0}
  let count = 1
  let previous = -1
  let sorted = true
  let n = 0
  for (let i = 0; i <= ids.length; i++) {
    const c = i < ids.length ? ids.charCodeAt(i) : 44
    if (c !== 44) {
      n = n * 10 + (c - 48)
      continue
    }
    if (i < ids.length) count++
    if (n <= previous) sorted = false
    previous = n
    n = 0
  }
  if (sorted) return {ids, lengths, count}
  const idList = ids.split(',').map(Number)
  const lengthList = lengths.split(',')
  const order = idList.map((_, k) => k).sort((a, b) => idList[a] - idList[b])
  return {ids: order.map((k) => idList[k]).join(','), lengths: order.map((k) => lengthList[k]).join(','), count}
}

/** `bm25` over postings as text (the archive's), with `offset` added to their ids: the same hits and the same
 * doubles, summed one sentence at a time as the lists are merged in id order, so nothing is indexed by id. */
export function bm25Merged(terms: string[], fuzzy: (term: string) => boolean, index: {postings(stem: string): TextPostings | undefined; near(stem: string): string[]; documents: number; totalLength: number}, limit: number, offset = 0): Array<{id: number; score: number}> {
  const part = lengthPart(index.totalLength, index.documents)
  const visits = visitsOf(terms, fuzzy, (stem) => index.postings(stem)?.count ?? 0, (stem) => index.near(stem), index.documents).filter((v) => index.postings(v.stem)?.count)
  const k = visits.length
  const lists = visits.map((v) => index.postings(v.stem)!)
  const idAt = new Int32Array(k)
  const lengthAt = new Int32Array(k)
  const current = new Float64Array(k)
  const currentLength = new Int32Array(k)
  /** The cursor's next posting, or Infinity past its last. */
  const advance = (v: number) => {
    const {ids, lengths} = lists[v]
    let i = idAt[v]
    if (i > ids.length) {
      current[v] = Infinity
      return
    }
    let n = 0
    for (let c = ids.charCodeAt(i); i < ids.length && c !== 44; c = ids.charCodeAt(++i)) n = n * 10 + (c - 48)
    idAt[v] = i + 1
    let j = lengthAt[v]
    let length = 0
    for (let c = lengths.charCodeAt(j); j < lengths.length && c !== 44; c = lengths.charCodeAt(++j)) length = length * 10 + (c - 48)
    lengthAt[v] = j + 1
    current[v] = n + offset
    currentLength[v] = length
  }
  for (let v = 0; v < k; v++) advance(v)
  // The best `limit` finals so far (descending): a sentence below the last of them can never be a hit, so
  // only those at or above it are kept, and the final cut is `nthLargest` of all (equal values apart).
  const best: number[] = []
  const kept: Array<{id: number; score: number}> = []
  let seen = 0
  for (;;) {
    let id = Infinity
    for (let v = 0; v < k; v++) if (current[v] < id) id = current[v]
    if (id === Infinity) break
    let score = 0
    let matched = 0
    let last = -1
    for (let v = 0; v < k; v++) {
      if (current[v] !== id) continue
      score += visits[v].weight * part(currentLength[v])
      // A sentence counts each query term it matches once, however many of its spellings it holds.
      if (visits[v].query !== last) {
        last = visits[v].query
        matched++
      }
      advance(v)
    }
    const final = score * matched
    seen++
    if (best.length === limit && final < best[limit - 1]) continue
    kept.push({id, score: final})
    if (best.length === limit && final === best[limit - 1]) continue
    let at = best.length === limit ? limit - 1 : best.length
    while (at > 0 && best[at - 1] < final) {
      best[at] = best[at - 1]
      at--
    }
    best[at] = final
  }
  const cutoff = seen > limit ? best[limit - 1] : -Infinity
  return kept.filter((hit) => hit.score >= cutoff).sort((a, b) => b.score - a.score)
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

/** Results of the parts, the whole's first, each sentence once (told by `key`: the sentence, or its id). */
export function mergeParts<T extends {sentence: SourceSentence}>(results: T[][]): T[]
export function mergeParts<T>(results: T[][], key: (hit: T) => unknown): T[]
export function mergeParts<T>(results: T[][], key: (hit: T) => unknown = (hit) => (hit as {sentence: unknown}).sentence): T[] {
  const [whole = [], ...halves] = results
  const seen = new Set(whole.map(key))
  return [...whole, ...halves.flatMap((part) => part.filter((h) => !seen.has(key(h)) && (seen.add(key(h)), true)))]
}

/** The first `max` distinct sources, in order (a search's hits name their sources in rank order). */
export function firstSources<S>(sources: Iterable<S>, max: number): S[] {
  const out: S[] = []
  for (const source of sources) {
    if (!out.includes(source)) out.push(source)
    if (out.length >= max) break
  }
  return out
}
