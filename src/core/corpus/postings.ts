// The sentence index: for each stem, the ids of the sentences using it, in a typed array; BM25 scores
// as MiniSearch computes them (k 1.2, b 0.7, d 0.5; each sentence's stems counted once; a result's score
// times the number of query terms it matched; a one-letter-off term weighted 0.45·n/(n+1)). MiniSearch
// did this before; measured at 10,000 articles, reloading its saved JSON took ~1.2 s of a ~3 s start and
// its per-posting result maps dominated retrieval, while typed arrays reload as raw bytes. Updates are
// per sentence (a source saved re-indexes its own sentences only).

import {bm25} from './query.js'

export interface SavedPostings {
  /** Terms joined by NUL. */
  terms: string
  /** Sentence ids of term t: ids[offsets[t] … offsets[t + 1]). One array, not one per term: a reload
   * deserialises it in one piece. */
  offsets: Int32Array
  ids: Int32Array
  /** Stems per sentence id (0 where none). */
  lengths: Int32Array
  documents: number
  totalLength: number
}

export class Postings {
  readonly #ids = new Map<string, number>()
  #terms: string[] = []
  /** Per term id: sentence ids (the first `#counts[t]` entries are live, in insertion order). */
  #lists: Array<Int32Array<ArrayBufferLike> | undefined> = []
  /** A reloaded index: its lists are views into this one array, made when a term is first used. */
  #saved?: SavedPostings
  #counts: number[] = []
  #lengths: Int32Array<ArrayBufferLike> = new Int32Array(1024)
  #documents = 0
  #totalLength = 0
  /** Terms by length, for one-letter-off look-ups (built on first use, kept up to date after). */
  #byLength?: Map<number, string[]>

  /** Indexes a sentence under its distinct stems. */
  add(id: number, stems: readonly string[]) {
    if (id >= this.#lengths.length) {
      const grown = new Int32Array(Math.max(id + 1, this.#lengths.length * 2))
      grown.set(this.#lengths)
      this.#lengths = grown
    }
    this.#lengths[id] = stems.length
    this.#documents++
    this.#totalLength += stems.length
    for (const stem of stems) {
      let t = this.#ids.get(stem)
      if (t === undefined) {
        t = this.#terms.length
        this.#ids.set(stem, t)
        this.#terms.push(stem)
        this.#lists.push(new Int32Array(4))
        this.#counts.push(0)
        this.#byLength?.get(stem.length)?.push(stem) ?? this.#byLength?.set(stem.length, [stem])
      }
      let list = this.#list(t)
      if (this.#counts[t] === list.length) {
        const grown = new Int32Array(Math.max(4, list.length * 2))
        grown.set(list)
        this.#lists[t] = list = grown
      }
      list[this.#counts[t]++] = id
    }
  }

  /** Takes a sentence out, given the stems it was indexed under. */
  remove(id: number, stems: readonly string[]) {
    this.#documents--
    this.#totalLength -= this.#lengths[id]
    this.#lengths[id] = 0
    for (const stem of stems) {
      const t = this.#ids.get(stem)
      if (t === undefined) continue
      const list = this.#list(t)
      const n = this.#counts[t]
      const at = list.subarray(0, n).indexOf(id)
      if (at < 0) continue
      list.copyWithin(at, at + 1, n)
      this.#counts[t] = n - 1
    }
  }

  #list(t: number): Int32Array<ArrayBufferLike> {
    return (this.#lists[t] ??= this.#saved!.ids.subarray(this.#saved!.offsets[t], this.#saved!.offsets[t + 1]))
  }

  /** The ids of the sentences using this stem (a view: read it before the index changes). */
  sentencesWith(stem: string): Int32Array<ArrayBufferLike> {
    const t = this.#ids.get(stem)
    return t === undefined ? new Int32Array(0) : this.#list(t).subarray(0, this.#counts[t])
  }

  /** Sentences using this stem. */
  count(stem: string): number {
    const t = this.#ids.get(stem)
    return t === undefined ? 0 : this.#counts[t]
  }

  /** BM25 over the query terms (OR), best first (query.ts); `fuzzy(term)` says which terms may match one
   * letter off; the best `limit` hits and those tied with the last (all when not given). */
  search(terms: string[], fuzzy: (term: string) => boolean, limit = Infinity): Array<{id: number; score: number}> {
    return bm25(terms, fuzzy, {
      count: (stem) => this.count(stem),
      list: (stem) => this.#list(this.#ids.get(stem)!),
      lengths: this.#lengths,
      documents: this.#documents,
      totalLength: this.#totalLength,
      near: (stem) => this.#near(stem)
    }, {ids: this.#lengths.length, limit})
  }

  /** Indexed terms one letter off (edit distance 1), not the term itself. */
  #near(term: string): string[] {
    if (!this.#byLength) {
      this.#byLength = new Map()
      for (const t of this.#terms) this.#byLength.get(t.length)?.push(t) ?? this.#byLength.set(t.length, [t])
    }
    const out: string[] = []
    for (let length = term.length - 1; length <= term.length + 1; length++) {
      for (const candidate of this.#byLength.get(length) ?? []) {
        if (candidate !== term && this.count(candidate) > 0 && oneEditApart(candidate, term)) out.push(candidate)
      }
    }
    return out
  }

  save(): SavedPostings {
    const offsets = new Int32Array(this.#terms.length + 1)
    this.#counts.forEach((n, t) => (offsets[t + 1] = offsets[t] + n))
    const ids = new Int32Array(offsets[this.#terms.length])
    this.#counts.forEach((n, t) => ids.set(this.#list(t).subarray(0, n), offsets[t]))
    return {terms: this.#terms.join('\0'), offsets, ids, lengths: this.#lengths, documents: this.#documents, totalLength: this.#totalLength}
  }

  static load(saved: SavedPostings): Postings {
    const postings = new Postings()
    postings.#terms = saved.terms ? saved.terms.split('\0') : []
    postings.#terms.forEach((term, t) => postings.#ids.set(term, t))
    // Views into the one saved array; a list that grows is copied out of it (add), one that shrinks shifts
    // within its own view (remove).
    postings.#saved = saved
    postings.#lists = new Array(postings.#terms.length)
    postings.#counts = Array.from(postings.#terms, (_, t) => saved.offsets[t + 1] - saved.offsets[t])
    postings.#lengths = saved.lengths
    postings.#documents = saved.documents
    postings.#totalLength = saved.totalLength
    return postings
  }
}

/** One insertion, deletion or substitution apart (a linear check, not a distance table). */
export function oneEditApart(a: string, b: string): boolean {
  if (a.length < b.length) [a, b] = [b, a]
  if (a.length - b.length > 1) return false
  let i = 0
  while (i < b.length && a[i] === b[i]) i++
  // Substitution: the rest after one letter each is equal; insertion: the rest of b is a's after one letter.
  return a.length === b.length ? a.slice(i + 1) === b.slice(i + 1) : a.slice(i + 1) === b.slice(i)
}
