// The reference corpus: every usable sentence of the writer's sources, with where it came from,
// and a BM25 index (postings.ts) over stemmed content words for retrieving candidates.
import {createHash, randomBytes} from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import fg from 'fast-glob'
import {location} from 'vfile-location'
import {isContent, tokenize, type Token} from '../text/tokens.js'
import {statedValues} from '../text/quantities.js'
import {editDistance} from '../text/spelling.js'
import {sentenceSpans} from '../text/sentences.js'
import {classifyBoilerplate} from './boilerplate.js'
import type {CorpusReader, SourceChange} from './reader.js'
import type {ArchiveArticle} from '../types.js'
import {displayUrl, isArchiveUrl} from '../config.js'
import {Postings, type SavedPostings} from './postings.js'
import {firstSources, mayBeFuzzy, mergeParts, queryParts, queryTerms, topHits} from './query.js'
import {extractBlocks, formatOf, toFileOffset, type SourceFormat} from './extract.js'
import {isPacked, pack, unpack} from './packed-file.js'

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024

export interface SkippedSource {
  path: string
  /** Human-readable reason: "binary file", "empty file", "larger than 5 MB (12.3 MB)", "unsupported file type". */
  reason: string
}

export interface SourceSentence {
  /** Stable id within the corpus (index key). */
  id: number
  source: Source
  /** The sentence as read, white space collapsed. Token offsets point into this string. */
  text: string
  /** UTF-16 offsets of the sentence in source.text. */
  start: number
  end: number
  /** 1-based line/column of `start` in the file as read. */
  line: number
  column: number
  /** Block (paragraph) index within the source. */
  paragraph: number
  /** Word tokens of `text` (computed on first use). */
  readonly tokens: Token[]
  /** Its distinct content stems (kept from indexing, so nothing re-reads the text to find them). */
  readonly stems: readonly string[]
}

export interface Source {
  id: number
  /** Display path (relative to cwd/workspace when possible). */
  path: string
  absPath: string
  format: SourceFormat
  /** Text as read (BOM removed). For HTML this is the raw HTML; sentences point into it. */
  text: string
  sentences: SourceSentence[]
  /** Content hash of the text: a saved index's entry for this file is used only when it matches. */
  hash: string
  /** An article of a shared archive, not a file. */
  archive?: ArchiveArticle
}

export interface LoadCorpusOptions {
  /** Base for relative inputs and display paths (default process.cwd()). */
  cwd?: string
  /** Folders the corpus must stay inside (the project or workspace folder); unset: no limit. A repo's
   * config naming "../private" or an absolute path is refused unless `allowOutside`. */
  roots?: string[]
  /** The user said so (a CLI flag or a user-level setting, never the repo's config alone). */
  allowOutside?: boolean
  /** Files above this size are skipped with a note (default 5 MB). */
  maxBytes?: number
  /** A saved index file: read when it exists and is sound (a file whose content changed is read again),
   * written back when anything changed. Unset: nothing saved. */
  cache?: string
  /** Where a note about the saved index goes (an old or corrupt file rebuilt); default stderr. */
  note?: (line: string) => void
}

/** A saved index: each source's sentences and what indexing counted, so a reload reads no text again. Kept in
 * columns (typed arrays, strings joined by NUL): a reload deserialises a few large values instead of a million
 * small objects, and builds a source's sentences only when a check first reads them. */
export interface CorpusSnapshot {
  format: typeof SNAPSHOT_FORMAT
  /** Every stem once, joined; sentences name their stems by index in it. */
  vocab: string
  sources: SavedSources
  sentences: SavedSentences
  /** The search index, for exactly these sources and sentence ids. */
  index: SavedPostings
  /** The corpus-wide tables of facts, for exactly these sources (name or value, and sentences using it). */
  tables: {people: [string, Int32Array]; values: [Float64Array, Int32Array]; capitalised: [string, Int32Array, string]}
  /** Names the texts file saved beside it (every sentence's text, for a source changed or deleted since). */
  textsKey: string
}

/** Every sentence's text, rows as in the index's snapshot: a file of its own, read only when a saved source
 * has changed or gone since (its old sentences must be taken out by what they said). */
export interface SavedTexts {
  key: string
  texts: string
  textStart: Int32Array
}

/** A saved index whose texts file is missing or from another save, when a source changed since needs it. */
class StaleIndexError extends Error {}

export interface SavedSources {
  /** Joined by NUL, as are all the strings below. */
  absPaths: string
  hashes: string
  /** The files as they were read: an unchanged size and modification time let a reload skip reading them. */
  sizes: Float64Array
  mtimes: Float64Array
  /** Each source's first row in `sentences`, and how many rows it has. */
  first: Int32Array
  count: Int32Array
}

export interface SavedSentences {
  ids: Int32Array
  /** start, end, line, column, paragraph: five per sentence. */
  places: Int32Array
  /** Texts joined by NUL; row k's is texts.slice(textStart[k], textStart[k + 1] - 1). A reload slices a
   * sentence's text when the sentence is built, not 100,000 strings up front. Empty where the source file's
   * own characters between the sentence's start and end say it (plain text): read from the file when built,
   * which halves what a reload reads. */
  texts: string
  textStart: Int32Array
  /** Stem indexes of row k: stems[stemStart[k] … stemStart[k + 1]). */
  stemStart: Int32Array
  stems: Int32Array
}

const JOIN = '\0'

/** Bump when the saved shape or anything indexing computes changes: an older file is rebuilt. */
const SNAPSHOT_FORMAT = 'corroborate-index-6'

/** A corpus that cannot be used. `message` is the problem and the command-line fix; `problem` and
 * `editorFix` let the editor say the same with its own remedy (a setting, not a flag). */
export class CorpusError extends Error {
  override name = 'CorpusError'
  constructor(readonly problem: string, readonly cliFix: string, readonly editorFix = cliFix) {
    super(`${problem} — ${cliFix}`)
  }
}

class Sentence implements SourceSentence {
  #tokens?: Token[]
  #stems?: readonly string[]
  constructor(
    readonly id: number,
    readonly source: Source,
    readonly text: string,
    readonly start: number,
    readonly end: number,
    readonly line: number,
    readonly column: number,
    readonly paragraph: number,
    stems?: readonly string[]
  ) {
    this.#stems = stems
  }
  get tokens(): Token[] {
    return (this.#tokens ??= tokenize(this.text))
  }
  get stems(): readonly string[] {
    return this.#stems ?? this.terms.stems
  }
  /** What indexing counted for this sentence, to uncount it when its source changes: worked out again from its
   * text (the same text gives the same terms), not kept for every sentence of the archive. */
  get terms(): IndexTerms {
    return indexTerms(this.tokens)
  }
}

/** Sources of a saved index whose sentences are not built yet: their rows in the snapshot. */
interface SavedRows {
  snapshot: CorpusSnapshot
  vocab: string[]
  /** The texts file of the snapshot, read on first need. */
  saved: () => SavedTexts | undefined
  row: number
  count: number
  firstId: number
}

export class Corpus implements CorpusReader {
  /** Increments on every change, so caches keyed on it stay honest. */
  version = 0
  skipped: SkippedSource[] = []
  readonly #sources = new Map<string, Source>()
  /** Sentences built so far, by id; a reloaded source's are built on first use (`#unbuilt`). */
  readonly #sentences = new Map<number, SourceSentence>()
  /** Reloaded sources whose sentences are not built yet, by first sentence id (ids are consecutive per source). */
  #unbuilt: Array<{firstId: number; count: number; source: Source}> = []
  #sentenceCount = 0
  /** Sentences by stem; its counts are the document frequencies (rare words weigh more as support). */
  #index = new Postings()
  /** Names the sources use for people (after a title, before "said"): a swap between two of them is a claim about who. */
  readonly #people = new Map<string, number>()
  /** Every quantity the sources state (numbers by value, scale words applied), for "is this number in any source?". */
  readonly #values = new Map<number, number>()
  /** Capitalised words of the sources (normalised → count), for suggesting the sources' spelling of a name. */
  readonly #capitalised = new Map<string, {count: number; form: string}>()
  readonly #interned = new Map<string, string>()
  readonly #fileStats = new Map<string, {size: number; mtimeMs: number}>()
  #nextSourceId = 0
  #nextSentenceId = 0

  constructor(readonly options: LoadCorpusOptions = {}) {}

  get sources(): Source[] {
    return [...this.#sources.values()]
  }

  /** Every sentence (builds those of reloaded sources; for a count, `sentenceCount`). */
  get sentences(): SourceSentence[] {
    return this.sources.flatMap((source) => source.sentences)
  }

  get sentenceCount(): number {
    return this.#sentenceCount
  }

  /** What the sources state, with how many sentences state it: people's names, figures, capitalised words
   * (with the form first seen). The shared archive keeps the same counts per article. */
  facts(): {people: ReadonlyMap<string, number>; values: ReadonlyMap<number, number>; capitalised: ReadonlyMap<string, {count: number; form: string}>} {
    return {people: this.#people, values: this.#values, capitalised: this.#capitalised}
  }

  /** Is the file at this absolute path one of the sources? */
  hasSource(absPath: string): boolean {
    return this.#sources.has(absPath)
  }

  sentence(id: number): SourceSentence | undefined {
    const built = this.#sentences.get(id)
    if (built) return built
    const range = this.#reloaded(id)
    return range?.source.sentences[id - range.firstId]
  }

  /** The reloaded source holding sentence `id` (binary search by first id). */
  #reloaded(id: number): {firstId: number; source: Source} | undefined {
    let [lo, hi] = [0, this.#unbuilt.length - 1]
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const range = this.#unbuilt[mid]
      if (id < range.firstId) hi = mid - 1
      else if (id >= range.firstId + range.count) lo = mid + 1
      else return range
    }
    return undefined
  }

  /** The sources with a sentence using this stem, each once (their sentences are not built for this). */
  sourcesWith(stem: string): Source[] {
    const found = new Set<Source>()
    for (const id of this.#index.sentencesWith(stem)) {
      const source = this.#sentences.get(id)?.source ?? this.#reloaded(id)?.source
      if (source) found.add(source)
    }
    return [...found]
  }

  /** Add or replace a source from its bytes; returns the skip note when it cannot be used. */
  addFile(absPath: string, content: Uint8Array | string): SkippedSource | undefined {
    this.removeFile(absPath)
    this.skipped = this.skipped.filter((s) => path.resolve(this.#cwd, s.path) !== absPath)
    const display = this.#display(absPath)
    const format = formatOf(absPath)
    const skip = (reason: string) => {
      const note = {path: display, reason}
      this.skipped.push(note)
      this.#bump([])
      return note
    }
    if (!format) return skip('unsupported file type (use .txt, .md or .html)')
    const decoded = decode(content, this.options.maxBytes ?? DEFAULT_MAX_BYTES)
    if (typeof decoded !== 'string') return skip(decoded.reason)
    const source: Source = {id: this.#nextSourceId++, path: display, absPath, format, text: decoded, sentences: [], hash: hashOf(decoded)}
    this.#addSentences(source)
    if (source.sentences.length === 0) {
      this.#sources.delete(absPath)
      return skip('no readable text (only page furniture or markup)')
    }
    this.#sources.set(absPath, source)
    this.#bump(source.sentences)
    return undefined
  }

  removeFile(absPath: string): boolean {
    const source = this.#sources.get(absPath)
    if (!source) return false
    const removed = source.sentences
    for (const s of removed) {
      const {stems, people, values, capitalised} = (s as Sentence).terms
      for (const name of people) this.#people.set(name, (this.#people.get(name) ?? 1) - 1)
      for (const value of values) this.#values.set(value, (this.#values.get(value) ?? 1) - 1)
      for (const norm of capitalised) {
        const entry = this.#capitalised.get(norm)
        if (entry) entry.count--
      }
      this.#index.remove(s.id, stems)
      this.#sentences.delete(s.id)
      this.#sentenceCount--
    }
    this.#unbuilt = this.#unbuilt.filter((range) => range.source !== source)
    this.#sources.delete(absPath)
    this.#fileStats.delete(absPath)
    this.#bump(removed)
    return true
  }

  /** Changes by version, the last few: the sentences added or taken out (what they touch is worked out when
   * a check asks, not for every file of a first load). */
  #changes: Array<{version: number; sentences: readonly SourceSentence[]}> = []
  /** The log holds every change after this version. */
  #changesFrom = 0

  #bump(sentences: readonly SourceSentence[] | undefined) {
    this.version++
    if (!sentences) {
      this.#changes = []
      this.#changesFrom = this.version
      return
    }
    this.#changes.push({version: this.version, sentences})
    if (this.#changes.length > MAX_CHANGES) this.#changesFrom = this.#changes.shift()!.version
  }

  changesSince(version: number): SourceChange | undefined {
    if (version < this.#changesFrom) return undefined
    // Asked by each cache (sentences, quotes) after the same change: worked out once per version.
    return this.#lookup(`changes:${version}`, () => this.#changesAfter(version))
  }

  #changesAfter(version: number): SourceChange {
    const {words, names, values} = changeOf(this.#changes.filter((c) => c.version > version).flatMap((c) => c.sentences))
    // In the sources before or after but not both: now no sentence holds it, or only the changed ones do.
    const flipped = <K>(counts: Map<K, number>, now: (key: K) => number) => [...counts].filter(([key, n]) => now(key) <= n).map(([key]) => key)
    return {
      words,
      appeared: new Set([...flipped(words, (w) => this.#index.count(w)), ...flipped(names, (n) => Math.max(this.#capitalised.get(n)?.count ?? 0, this.#people.get(n) ?? 0))]),
      names: new Set(flipped(names, (n) => Math.max(this.#capitalised.get(n)?.count ?? 0, this.#people.get(n) ?? 0))),
      values: flipped(values, (v) => this.#values.get(v) ?? 0)
    }
  }

  /** Is this (normalised) word used as a person's name somewhere in the sources? */
  isPerson(norm: string): boolean {
    return (this.#people.get(norm) ?? 0) > 0
  }

  /** Does any source sentence use a word with this stem? */
  hasStem(stem: string): boolean {
    return this.#index.count(stem) > 0
  }

  /** Does any source state this quantity? With `tolerance` (a share, e.g. 0.1), a value within it counts
   * too: "nearly 200,000" is stated by a source that says 196,000. */
  hasValue(value: number, tolerance = 0): boolean {
    if ((this.#values.get(value) ?? 0) > 0) return true
    if (!tolerance) return false
    for (const [v, n] of this.#values) if (n > 0 && Math.abs(v - value) <= tolerance * Math.abs(value)) return true
    return false
  }

  /** Is a capitalised source word a related form of this name ("Kenya" for "Kenyan", "Israel" for
   * "Israelis")? Both share all but the last few letters. */
  hasNameLike(norm: string): boolean {
    return this.#lookup(`like:${norm}`, () => this.#scanNameLike(norm))
  }

  /** Scans of every capitalised source word, remembered until the corpus changes: a check asks the
   * same few names again on every keystroke. */
  #lookups = {version: -1, answers: new Map<string, unknown>()}
  #lookup<T>(key: string, compute: () => T): T {
    if (this.#lookups.version !== this.version) this.#lookups = {version: this.version, answers: new Map()}
    if (!this.#lookups.answers.has(key)) this.#lookups.answers.set(key, compute())
    return this.#lookups.answers.get(key) as T
  }

  #scanNameLike(norm: string): boolean {
    if (norm.length < 4) return false
    for (const [word, entry] of this.#capitalised) if (entry.count > 0 && nameLike(word, norm)) return true
    return false
  }

  /** The sources' spelling of a name the draft misspells: capitalised source words one or two edits away. */
  similarNames(norm: string): string[] {
    return this.#lookup(`near:${norm}`, () => this.#scanSimilarNames(norm))
  }

  #scanSimilarNames(norm: string): string[] {
    const out: Array<{form: string; count: number}> = []
    for (const [word, entry] of this.#capitalised) if (entry.count > 0 && similarName(word, norm)) out.push(entry)
    return byCount(out)
  }

  /** Source sentences using a word with this stem. */
  documentFrequency(stem: string): number {
    return this.#index.count(stem)
  }

  /** Inverse document frequency of a stem over source sentences (smoothed; unseen words weigh most). */
  idf(stem: string): number {
    return Math.log(1 + this.#sentenceCount / (1 + this.#index.count(stem)))
  }

  /** Candidate source sentences for a run of draft tokens, best first (BM25 over content stems). */
  search(tokens: Token[], limit = 10): Array<{sentence: SourceSentence; score: number}> {
    return this.#hits(tokens, limit).map((hit) => ({sentence: this.sentence(hit.id)!, score: hit.score}))
  }

  /** The sources of `search`'s hits, in its order, each once, at most `max`. No sentence is built for it: a
   * reloaded source is built (its file read) only when a check reads it, and a quote's search reaches ~30
   * sources to use 10. */
  searchSources(tokens: Token[], limit: number, max: number): Source[] {
    return firstSources(this.#hits(tokens, limit).map((hit) => hit.place.source), max)
  }

  #hits(tokens: Token[], limit: number): Array<{id: number; place: SentencePlace; score: number}> {
    return mergeParts(queryParts(tokens, limit).map((part) => this.#query(part.content, part.limit)), (hit) => hit.id)
  }

  #query(content: Token[], limit: number): Array<{id: number; place: SentencePlace; score: number}> {
    // The rarest words find the sentence; common story words only multiply the postings to score.
    const df = (stem: string) => this.#index.count(stem)
    const terms = queryTerms(content, df)
    if (terms.length === 0) return []
    const hits = this.#index.search(terms, (term) => mayBeFuzzy(term, df), limit)
    return topHits(hits, limit, (id) => this.#placeOf(id), byPlace)
  }

  /** Where sentence `id` stands, as `byPlace` compares it, without building a reloaded source's sentences. */
  #placeOf(id: number): SentencePlace | undefined {
    const built = this.#sentences.get(id)
    if (built) return built
    const range = this.#reloaded(id)
    if (!range) return undefined
    const rows = unbuiltRows(range.source)
    return rows ? {source: range.source, start: rows.snapshot.sentences.places[(rows.row + id - range.firstId) * 5]} : range.source.sentences[id - range.firstId]
  }

  /** What a saved index holds: every source's sentences and terms, the tables and the search index. A reloaded
   * source whose sentences were never built is copied over from the snapshot it came from. */
  snapshot(): {index: CorpusSnapshot; texts: SavedTexts} {
    const vocab: string[] = []
    const ids = new Map<string, number>()
    const idOf = (stem: string) => ids.get(stem) ?? (ids.set(stem, vocab.length), vocab.push(stem) - 1)
    const sources = this.sources
    const total = sources.reduce((n, source) => n + (unbuiltRows(source)?.count ?? source.sentences.length), 0)
    const sentenceIds = new Int32Array(total)
    const places = new Int32Array(total * 5)
    const texts: string[] = []
    const full: string[] = []
    const stemStart = new Int32Array(total + 1)
    const stems: number[] = []
    const first = new Int32Array(sources.length)
    const count = new Int32Array(sources.length)
    let row = 0
    sources.forEach((source, k) => {
      first[k] = row
      const saved = unbuiltRows(source)
      if (saved) {
        // Not built since the reload: its rows as they were, stems renumbered into this vocabulary.
        const from = saved.snapshot.sentences
        for (let r = saved.row; r < saved.row + saved.count; r++, row++) {
          sentenceIds[row] = from.ids[r]
          places.set(from.places.subarray(r * 5, r * 5 + 5), row * 5)
          texts.push(rowText(from, r))
          // For the texts file: from the one saved before (one read), not from every source file.
          full.push(rowText(from, r) || (saved.saved() ? fromTextsFile(saved, r) : savedText(source, saved, r)))
          stemStart[row] = stems.length
          for (let x = from.stemStart[r]; x < from.stemStart[r + 1]; x++) stems.push(idOf(saved.vocab[from.stems[x]]))
        }
      } else {
        for (const sentence of source.sentences) {
          sentenceIds[row] = sentence.id
          places.set([sentence.start, sentence.end, sentence.line, sentence.column, sentence.paragraph], row * 5)
          texts.push(sentenceText(source.text, sentence.start, sentence.end) === sentence.text ? '' : sentence.text)
          full.push(sentence.text)
          stemStart[row] = stems.length
          for (const stem of sentence.stems) stems.push(idOf(stem))
          row++
        }
      }
      count[k] = row - first[k]
    })
    stemStart[row] = stems.length
    const stat = (source: Source) => this.#fileStats.get(source.absPath) ?? {size: -1, mtimeMs: -1}
    const people = [...this.#people].filter(([, n]) => n > 0)
    const values = [...this.#values].filter(([, n]) => n > 0)
    const capitalised = [...this.#capitalised].filter(([, e]) => e.count > 0)
    const key = randomBytes(8).toString('hex')
    const index: CorpusSnapshot = {
      format: SNAPSHOT_FORMAT,
      textsKey: key,
      vocab: vocab.join(JOIN),
      sources: {
        absPaths: sources.map((source) => source.absPath).join(JOIN),
        hashes: sources.map((source) => source.hash).join(JOIN),
        sizes: Float64Array.from(sources, (source) => stat(source).size),
        mtimes: Float64Array.from(sources, (source) => stat(source).mtimeMs),
        first,
        count
      },
      sentences: {ids: sentenceIds, places, texts: texts.join(JOIN), textStart: textStarts(texts), stemStart, stems: Int32Array.from(stems)},
      index: this.#index.save(),
      tables: {
        people: [people.map(([name]) => name).join(JOIN), Int32Array.from(people, ([, n]) => n)],
        values: [Float64Array.from(values, ([v]) => v), Int32Array.from(values, ([, n]) => n)],
        capitalised: [capitalised.map(([norm]) => norm).join(JOIN), Int32Array.from(capitalised, ([, e]) => e.count), capitalised.map(([, e]) => e.form).join(JOIN)]
      }
    }
    return {index, texts: {key, texts: full.join(JOIN), textStart: textStarts(full)}}
  }

  noteFileStat(absPath: string, stat: {size: number; mtimeMs: number}) {
    this.#fileStats.set(absPath, {size: stat.size, mtimeMs: stat.mtimeMs})
  }

  /** Loads a saved index whole (search index, tables, sentence ids). `current` names the saved sources
   * still as they were, with their text (or how to read it when a check first needs it) and, if the file
   * was touched without changing, its new size and time; every other saved source is taken out again as a
   * removal would. Returns whether any was taken out. */
  restore(snapshot: CorpusSnapshot, current: Map<string, {text: string | (() => string); stat?: {size: number; mtimeMs: number}}>, savedTexts: () => SavedTexts | undefined = () => undefined): boolean {
    this.#index = Postings.load(snapshot.index)
    const vocab = snapshot.vocab.split(JOIN)
    const {ids} = snapshot.sentences
    // New sentences take ids after every saved one: the loaded search index holds them all.
    for (const id of ids) if (id >= this.#nextSentenceId) this.#nextSentenceId = id + 1
    const [people, peopleCounts] = snapshot.tables.people
    people.split(JOIN).forEach((name, k) => name && this.#people.set(name, peopleCounts[k]))
    const [values, valueCounts] = snapshot.tables.values
    values.forEach((value, k) => this.#values.set(value, valueCounts[k]))
    const [norms, counts, forms] = snapshot.tables.capitalised
    const formList = forms.split(JOIN)
    norms.split(JOIN).forEach((norm, k) => norm && this.#capitalised.set(norm, {count: counts[k], form: formList[k]}))
    const paths = snapshot.sources.absPaths.split(JOIN)
    const hashes = snapshot.sources.hashes.split(JOIN)
    let dropped = false
    paths.forEach((absPath, k) => {
      const rows: SavedRows = {snapshot, vocab, saved: savedTexts, row: snapshot.sources.first[k], count: snapshot.sources.count[k], firstId: ids[snapshot.sources.first[k]]}
      const now = current.get(absPath)
      this.#restoreSource(absPath, hashes[k], rows, now?.text ?? '', now?.stat ?? {size: snapshot.sources.sizes[k], mtimeMs: snapshot.sources.mtimes[k]})
      if (!now) {
        this.removeFile(absPath)
        dropped = true
      }
    })
    this.#unbuilt.sort((a, b) => a.firstId - b.firstId)
    return dropped
  }

  /** A saved source back in the corpus as it was indexed: nothing is counted or indexed (the loaded tables
   * and index hold it); its sentences are built, and its text read, on first use. */
  #restoreSource(absPath: string, hash: string, rows: SavedRows, text: string | (() => string), stat: {size: number; mtimeMs: number}) {
    // Consecutive ids (as indexing gives them) are found by range; otherwise the sentences are built now.
    const consecutive = rows.count > 0 && rows.snapshot.sentences.ids[rows.row + rows.count - 1] - rows.firstId === rows.count - 1
    const source = new SavedSource(this.#nextSourceId++, this.#display(absPath), absPath, formatOf(absPath)!, hash, rows, text)
    if (consecutive) this.#unbuilt.push({firstId: rows.firstId, count: rows.count, source})
    else for (const sentence of source.sentences) this.#sentences.set(sentence.id, sentence)
    this.#sentenceCount += rows.count
    this.#sources.set(absPath, source)
    this.#fileStats.set(absPath, {size: stat.size, mtimeMs: stat.mtimeMs})
    // A reload: what changed before it is not known (nothing has been checked against this corpus yet).
    this.#bump(undefined)
  }

  get #cwd(): string {
    return this.options.cwd ?? process.cwd()
  }

  #display(absPath: string): string {
    const rel = path.relative(this.#cwd, absPath)
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : absPath
  }

  /** Counts a sentence's terms into the corpus-wide tables. */
  #count(terms: IndexTerms) {
    const {people, values, capitalised, capitalisedForms} = terms
    for (const name of people) this.#people.set(name, (this.#people.get(name) ?? 0) + 1)
    for (const value of values) this.#values.set(value, (this.#values.get(value) ?? 0) + 1)
    capitalised.forEach((norm, k) => {
      const entry = this.#capitalised.get(norm)
      if (entry) entry.count++
      else this.#capitalised.set(norm, {count: 1, form: capitalisedForms[k]})
    })
  }

  #addSentences(source: Source) {
    const blocks = extractBlocks(source.text, source.format)
    const furniture = classifyBoilerplate(blocks.map((b) => b.text))
    const place = location(source.text)
    blocks.forEach((block, paragraph) => {
      if (furniture[paragraph]) return
      for (const [start, end] of sentenceSpans(block.text)) {
        const text = sentenceText(block.text, start, end)
        if (!TWO_LETTERS.test(text)) continue
        const fileStart = toFileOffset(block, start)
        const point = place.toPoint(fileStart)
        const terms = indexTerms(tokenize(text))
        // One string per stem across the corpus: each sentence keeps its stems (the rest of what was counted is
        // worked out again from its text if its source is ever taken out).
        const stems = terms.stems.map((stem) => this.#interned.get(stem) ?? (this.#interned.set(stem, stem), stem))
        const sentence = new Sentence(this.#nextSentenceId++, source, text, fileStart, toFileOffset(block, end),
          point?.line ?? 1, point?.column ?? 1, paragraph, stems)
        source.sentences.push(sentence)
        this.#sentences.set(sentence.id, sentence)
        this.#sentenceCount++
        this.#count(terms)
        this.#index.add(sentence.id, stems)
      }
    })
  }
}

/** Changes remembered for checks that ask what changed since their last version. */
const MAX_CHANGES = 64

/** What adding or taking out these sentences touches, in counts per word, name and figure (see SourceChange). */
function changeOf(sentences: readonly SourceSentence[]): {words: Map<string, number>; names: Map<string, number>; values: Map<number, number>} {
  const change = {words: new Map<string, number>(), names: new Map<string, number>(), values: new Map<number, number>()}
  const add = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1)
  for (const sentence of sentences) {
    const tokens = tokenize(sentence.text).filter(isContent)
    for (const stem of new Set(tokens.map((t) => t.stem))) add(change.words, stem)
    for (const t of tokens) if (t.kind === 'word' && CAPITAL.test(t.value)) add(change.names, t.norm)
    for (const value of new Set(statedValues(tokens))) add(change.values, value)
  }
  return change
}

/** Row r's text as indexed: kept in the index, else the file's characters while the file is as indexed, else
 * from the texts file (the file changed or went since). */
function savedText(source: Source, rows: SavedRows, r: number): string {
  const kept = rowText(rows.snapshot.sentences, r)
  if (kept) return kept
  const file = asIndexed(source)
  const p = r * 5
  if (file !== undefined) return sentenceText(file, rows.snapshot.sentences.places[p], rows.snapshot.sentences.places[p + 1])
  return fromTextsFile(rows, r)
}

/** Row r's text from the texts file; without one, the saved index cannot be used. */
function fromTextsFile(rows: SavedRows, r: number): string {
  const saved = rows.saved()
  if (!saved) throw new StaleIndexError()
  return saved.texts.slice(saved.textStart[r], saved.textStart[r + 1] - JOIN.length)
}

/** A source's text if it is the one indexed (same hash), worked out once per source. */
const indexedText = new WeakMap<Source, string | null>()
function asIndexed(source: Source): string | undefined {
  let text = indexedText.get(source)
  if (text === undefined) indexedText.set(source, (text = hashOf(source.text) === source.hash ? source.text : null))
  return text ?? undefined
}

/** A sentence as indexed: its characters with runs of white space as one space. Only what differs is replaced
 * (two or more white-space characters, or one that is not a plain space): most sentences have none, and
 * replacing every single space made a new string for every sentence built (a tenth of a warm check's garbage). */
function sentenceText(text: string, start: number, end: number): string {
  return text.slice(start, end).replace(OTHER_WHITE_SPACE, ' ').trim()
}
const OTHER_WHITE_SPACE = /\s{2,}|[^\S ]/g

/** Where each text starts in the texts joined by NUL, and one past the end. */
function textStarts(texts: string[]): Int32Array {
  const starts = new Int32Array(texts.length + 1)
  for (let k = 0; k < texts.length; k++) starts[k + 1] = starts[k] + texts[k].length + JOIN.length
  return starts
}

function rowText(sentences: SavedSentences, r: number): string {
  return sentences.texts.slice(sentences.textStart[r], sentences.textStart[r + 1] - JOIN.length)
}

/** A source of a saved index: its text is read, and its sentences built from the snapshot's rows, on first
 * use. A class, not an object with getters: those were two closures and a context per source (10,000 at a reload). */
class SavedSource implements Source {
  #text: string | undefined
  readonly #read: (() => string) | undefined
  #sentences: SourceSentence[] | undefined
  /** Its rows in the snapshot while its sentences are not built. */
  rows: SavedRows | undefined

  constructor(
    readonly id: number,
    readonly path: string,
    readonly absPath: string,
    readonly format: SourceFormat,
    readonly hash: string,
    rows: SavedRows,
    text: string | (() => string)
  ) {
    this.rows = rows
    if (typeof text === 'string') this.#text = text
    else this.#read = text
  }

  get text(): string {
    return (this.#text ??= this.#read!())
  }

  get sentences(): SourceSentence[] {
    if (!this.#sentences) {
      this.#sentences = buildRows(this, this.rows!)
      this.rows = undefined
    }
    return this.#sentences
  }
}

/** A reloaded source's rows in the snapshot, while its sentences are not built. */
function unbuiltRows(source: Source): SavedRows | undefined {
  return source instanceof SavedSource ? source.rows : undefined
}

/** A reloaded source's sentences, built from its rows of the snapshot. */
function buildRows(source: Source, rows: SavedRows): SourceSentence[] {
  const {ids, places, stemStart, stems} = rows.snapshot.sentences
  const out: SourceSentence[] = []
  // The file as it was indexed, for texts the snapshot leaves to it; one changed since (the next reload or
  // the watcher re-indexes it) gives no text rather than the wrong one.
  for (let r = rows.row; r < rows.row + rows.count; r++) {
    const p = r * 5
    const sentenceStems: string[] = []
    for (let x = stemStart[r]; x < stemStart[r + 1]; x++) sentenceStems.push(rows.vocab[stems[x]])
    out.push(new Sentence(ids[r], source, savedText(source, rows, r), places[p], places[p + 1], places[p + 2], places[p + 3], places[p + 4], sentenceStems))
  }
  return out
}

// Module-level patterns: these run per sentence and per word while indexing.
const TWO_LETTERS = /\p{L}{2}/u
const CAPITAL = /^\p{Lu}/u

const TITLES = new Set(('mr mrs ms miss dr prof president minister secretary spokesman spokeswoman spokesperson chief judge justice mayor ' +
  'senator governor chancellor premier ambassador envoy general colonel captain officer inspector detective coach manager director ' +
  'chairman chairwoman chair ceo executive founder analyst professor councillor councilor commissioner deputy sheriff rep king queen prince ' +
  'pope bishop father sister sir lady lord').split(' '))
const SPEECH = new Set(['said', 'says', 'told', 'added', 'noted', 'argued', 'warned', 'stressed', 'explained', 'wrote', 'asked', 'replied', 'insisted'])

/** Capitalised words that name people: after a title or a first name, or right before a speech verb. */
export function personNames(tokens: Token[]): string[] {
  const names: string[] = []
  const cap = (i: number) => i > 0 && tokens[i] && tokens[i].kind === 'word' && CAPITAL.test(tokens[i].value)
  for (let i = 1; i < tokens.length; i++) {
    if (!cap(i)) continue
    const prev = tokens[i - 1]
    const titled = TITLES.has(prev.norm) || cap(i - 1)
    const speaks = tokens[i + 1] && SPEECH.has(tokens[i + 1].norm)
    if (titled || speaks) names.push(tokens[i].norm)
  }
  return names
}

interface IndexTerms {
  stems: string[]
  people: string[]
  values: number[]
  /** Capitalised words (each occurrence): normalised, and as written (the form suggested for a misspelling). */
  capitalised: string[]
  capitalisedForms: string[]
}

/** A sentence's distinct content stems, in order of first use: what it is indexed under. */
export function sentenceStems(tokens: Token[]): string[] {
  return [...new Set(tokens.filter(isContent).map((t) => t.stem))]
}

/** What the index keeps of a sentence; its tokens are not kept (alignment re-reads candidates lazily). */
function indexTerms(tokens: Token[]): IndexTerms {
  const capitalised = tokens.filter((t) => t.kind === 'word' && t.norm.length > 2 && CAPITAL.test(t.value))
  return {stems: sentenceStems(tokens), people: personNames(tokens), values: [...new Set(statedValues(tokens))], capitalised: capitalised.map((t) => t.norm), capitalisedForms: capitalised.map((t) => t.value)}
}

/** A source's text read when first needed (it was unchanged when the saved index was loaded). */
function readSource(file: string): string {
  try {
    return decodeText(fs.readFileSync(file)) ?? ''
  } catch {
    return ''
  }
}

/** A saved index, or undefined with a one-line note when it is unreadable or from another version. */
function readSnapshot(file: string, note: (line: string) => void = (line) => void process.stderr.write(`${line}\n`)): CorpusSnapshot | undefined {
  let bytes: Buffer
  try {
    bytes = fs.readFileSync(file)
  } catch {
    return undefined // none saved yet
  }
  // Versions before the packed format saved plain v8 serialisations (which begin with the byte 0xFF).
  const older = !isPacked(bytes) && bytes[0] === 0xff
  try {
    const snapshot = older ? undefined : (unpack(bytes) as CorpusSnapshot)
    if (snapshot?.format === SNAPSHOT_FORMAT && soundSnapshot(snapshot)) return snapshot
    note(`note: saved index ${file} is from another version of Corroborate; rebuilding it`)
  } catch {
    note(`note: saved index ${file} is unreadable; rebuilding it`)
  }
  return undefined
}

interface SavedFile {
  hash: string
  size: number
  mtimeMs: number
}

/** The files a saved index holds, with what a reload compares. */
function savedFiles(snapshot: CorpusSnapshot | undefined): Map<string, SavedFile> {
  const files = new Map<string, SavedFile>()
  if (!snapshot) return files
  const hashes = snapshot.sources.hashes.split(JOIN)
  snapshot.sources.absPaths.split(JOIN).forEach((absPath, k) => files.set(absPath, {hash: hashes[k], size: snapshot.sources.sizes[k], mtimeMs: snapshot.sources.mtimes[k]}))
  return files
}

/** Its columns agree with each other (a file cut short or written by hand does not). */
function soundSnapshot(x: CorpusSnapshot): boolean {
  const {sources, sentences, index} = x
  if (typeof x.vocab !== 'string' || typeof x.textsKey !== 'string' || !(sources?.first instanceof Int32Array) || !(sentences?.ids instanceof Int32Array) || typeof sentences.texts !== 'string' || !(index?.ids instanceof Int32Array)) return false
  const rows = sentences.ids.length
  return (
    sources.absPaths.split(JOIN).length === sources.first.length &&
    sources.count.reduce((a, b) => a + b, 0) === rows &&
    sentences.textStart instanceof Int32Array &&
    sentences.textStart.length === rows + 1 &&
    sentences.textStart[rows] === sentences.texts.length + (rows ? JOIN.length : 0) &&
    sentences.places.length === rows * 5 &&
    sentences.stemStart.length === rows + 1
  )
}

/** Saves a corpus's index where `loadCorpus({cache})` reads it. */
export function saveCorpus(file: string, corpus: Corpus, note?: (line: string) => void) {
  writeSnapshot(file, corpus.snapshot(), note)
}

/** The texts file saved with the index, or undefined when it is missing, unreadable or from another save. */
function readSavedTexts(file: string, snapshot: CorpusSnapshot): SavedTexts | undefined {
  try {
    const saved = unpack(fs.readFileSync(textsFileOf(file))) as SavedTexts
    const rows = snapshot.sentences.ids.length
    if (saved?.key === snapshot.textsKey && saved.textStart instanceof Int32Array && saved.textStart.length === rows + 1 && typeof saved.texts === 'string') return saved
  } catch {
    // none, or unreadable: the caller rebuilds
  }
  return undefined
}

const textsFileOf = (file: string) => `${file}.texts`

/** Written to a temporary file and renamed, so a reader never sees half an index. */
function writeSnapshot(file: string, snapshot: {index: CorpusSnapshot; texts: SavedTexts}, note: (line: string) => void = (line) => void process.stderr.write(`${line}\n`)) {
  const tmp = `${file}.${process.pid}.tmp`
  const textsTmp = `${textsFileOf(file)}.${process.pid}.tmp`
  try {
    fs.mkdirSync(path.dirname(file), {recursive: true})
    // The texts first: an index is never on disk before the texts file it names (its key tells them apart).
    fs.writeFileSync(textsTmp, pack(snapshot.texts))
    fs.renameSync(textsTmp, textsFileOf(file))
    fs.writeFileSync(tmp, pack(snapshot.index))
    fs.renameSync(tmp, file)
  } catch (error) {
    try {
      fs.rmSync(tmp, {force: true})
      fs.rmSync(textsTmp, {force: true})
    } catch {
      // nothing was written there
    }
    note(`note: could not save the index to ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); it is rebuilt next time`)
  }
}

/** Source sentences in file order, then by place in the file. */
export function byPlace(a: Place, b: Place): number {
  return a.source.absPath < b.source.absPath ? -1 : a.source.absPath > b.source.absPath ? 1 : a.start - b.start
}

/** What `byPlace` reads of a sentence: its source's full name and its offset there. */
export interface Place {
  source: {absPath: string}
  start: number
}

/** A sentence's place in one of the corpus's own sources. */
interface SentencePlace extends Place {
  source: Source
}

export function hashOf(text: string): string {
  return createHash('sha1').update(text).digest('hex')
}

const DEMONYM_SUFFIX = /^(a|n|an|ian|ians|ans|ns|ese|i|is|ish|s|es|er|ers|ite|ites|ic|ics|ean|eans)$/

/** A near spelling: one letter off, or two for words of ten letters or more; short words never. */
/** A capitalised source word that is a related form of the name: a demonym or plural of it, or it of the
 * word ("Kenyan" / "Kenya", "Chinese" / "China"). */
export function nameLike(word: string, norm: string): boolean {
  if (norm.length < 4 || word[0] !== norm[0] || Math.abs(word.length - norm.length) > 4) return false
  const [short, long] = word.length <= norm.length ? [word, norm] : [norm, word]
  if (short.length < 4) return false
  // Demonyms and plurals add a suffix to the name, or to it less a final vowel ("China" → "Chinese").
  const stems = /[aeiouy]$/.test(short) ? [short, short.slice(0, -1)] : [short]
  return stems.some((stem) => long.startsWith(stem) && DEMONYM_SUFFIX.test(long.slice(stem.length)))
}

/** A capitalised source word one or two edits from the name (not the name itself). */
export function similarName(word: string, norm: string): boolean {
  return word !== norm && word[0] === norm[0] && Math.abs(word.length - norm.length) <= 2 && nearSpelling(word, norm)
}

/** The forms of near spellings, the most used first (ties in alphabetical order, whatever the store's order). */
export function byCount(entries: Array<{form: string; count: number}>): string[] {
  return entries.sort((a, b) => b.count - a.count || (a.form < b.form ? -1 : a.form > b.form ? 1 : 0)).map((e) => e.form)
}

function nearSpelling(a: string, b: string): boolean {
  if (Math.min(a.length, b.length) < 5) return false
  const limit = Math.max(a.length, b.length) >= 10 ? 2 : 1
  return editDistance(a, b, limit) <= limit
}

/** Text from bytes: UTF-16 (little or big endian) with its byte-order mark, or UTF-8 (BOM dropped);
 * undefined for binary content or another encoding. */
export function decodeText(bytes: Uint8Array): string | undefined {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined
  try {
    if (utf16) return new TextDecoder(utf16, {fatal: true}).decode(bytes)
    if (bytes.subarray(0, 8192).includes(0)) return undefined
    return new TextDecoder('utf-8', {fatal: true}).decode(bytes)
  } catch {
    return undefined
  }
}

/** Decode UTF-8 or UTF-16 (BOM dropped); refuse binary, empty and oversized content with a reason. */
function decode(content: Uint8Array | string, maxBytes: number): string | {reason: string} {
  const bytes = typeof content === 'string' ? undefined : content
  const size = bytes ? bytes.byteLength : Buffer.byteLength(content as string)
  if (size > maxBytes) return {reason: `larger than ${mb(maxBytes)} (${mb(size)})`}
  let text: string
  if (bytes) {
    const decoded = decodeText(bytes)
    if (decoded === undefined) return {reason: bytes.subarray(0, 8192).includes(0) ? 'binary file' : 'not UTF-8 or UTF-16 text (binary or another encoding)'}
    text = decoded
  } else text = (content as string).replace(/^\uFEFF/, '')
  if (text.trim() === '') return {reason: 'empty file'}
  return text
}

/** Subfolders the walk could not enter (permission denied), so they are named rather than silently missing. */
function unreadableFolders(root: string): string[] {
  const out: string[] = []
  const walk = (dir: string, depth: number) => {
    if (depth > 40 || out.length > 20) return
    let entries: fs.Dirent[]
    try {
      entries = fs.readdirSync(dir, {withFileTypes: true})
    } catch {
      out.push(dir)
      return
    }
    for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.')) walk(path.join(dir, e.name), depth + 1)
  }
  walk(root, 0)
  return out
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`

/** A glob that expands to more alternatives than this ("{a,b}{c,d}…") is refused: expanding it eats memory. */
const MAX_GLOB_ALTERNATIVES = 256

/** Is `file` inside `folder` (or the folder itself)? */
function inside(folder: string, file: string): boolean {
  const rel = path.relative(folder, file)
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
}

function realpath(file: string): string | undefined {
  try {
    return fs.realpathSync(file)
  } catch {
    return undefined // a broken link or a loop
  }
}

/** How many patterns a glob's braces expand to ("{a,b}{1..3}" → 6). */
function braceAlternatives(pattern: string): number {
  let total = 1
  for (const m of pattern.matchAll(/\{([^{}]*)\}/g)) {
    const range = /^(-?\d+)\.\.(-?\d+)$/.exec(m[1])
    total *= range ? Math.abs(Number(range[2]) - Number(range[1])) + 1 : m[1].split(',').length
    if (total > MAX_GLOB_ALTERNATIVES) break
  }
  return total
}

/** Load every .txt/.md/.html source under the given folders, files or globs. Throws CorpusError when
 * an input does not exist, is outside the allowed folders, or nothing readable is found (the message
 * says what to do). Links are followed by real path and only to files inside the corpus folder they
 * stand in; each file that cannot be read or parsed is skipped with a note, the rest indexed. */
/** The source files the inputs name (folders walked, links followed only inside them, globs expanded), sorted,
 * and what was skipped and why. Throws CorpusError as loadCorpus does. */
export async function findSources(inputs: string[], options: Pick<LoadCorpusOptions, 'cwd' | 'roots' | 'allowOutside'> = {}): Promise<{files: string[]; skipped: SkippedSource[]}> {
  const cwd = options.cwd ?? process.cwd()
  if (inputs.length === 0) throw new CorpusError('no corpus given', 'pass --corpus DIR (a folder of reference sources) or set "corpus" in .corroborate.json', 'set "corroborate.corpus" or "corpus" in .corroborate.json')
  const roots = options.roots?.map((r) => realpath(r) ?? path.resolve(r))
  const outside = (input: string, where: string) =>
    new CorpusError(`corpus '${input}' is outside ${roots!.map((r) => `'${r}'`).join(' and ')} (${where})`, 'sources are read inside the project folder; pass --allow-outside-corpus to read elsewhere', 'sources are read inside the workspace folder; set "corroborate.allowCorpusOutsideWorkspace" in your user settings to read elsewhere')
  const allowed = (real: string) => !roots || options.allowOutside || roots.some((r) => inside(r, real))
  const files = new Map<string, string>() // real path → path as found
  const missing: string[] = []
  const skipped: SkippedSource[] = []
  const skip = (file: string, reason: string) => skipped.push({path: path.relative(cwd, file) || file, reason})
  /** A file found under `folder` (a corpus folder): by its real path, only if that is inside the folder. */
  const take = (file: string, folder: string) => {
    const real = realpath(file)
    if (!real) return skip(file, 'a link that leads nowhere (broken or a loop)')
    if (!inside(folder, real)) return skip(file, 'a link to a file outside the corpus folder (not followed)')
    if (!files.has(real)) files.set(real, path.normalize(file))
  }
  for (const input of inputs) {
    // A shared archive is read by its own reader (archive/reader.ts, beside this corpus), not walked.
    if (isArchiveUrl(input)) continue
    const abs = path.resolve(cwd, input)
    let stat: fs.Stats | undefined
    try {
      stat = fs.statSync(abs, {throwIfNoEntry: false})
    } catch (error) {
      // A link loop ("a" → "b" → "a") or a path the system refuses: named, not an internal error.
      throw new CorpusError(`corpus '${input}' cannot be read (${(error as NodeJS.ErrnoException).code === 'ELOOP' ? 'a link loop' : (error as NodeJS.ErrnoException).code ?? (error as Error).message})`, 'pass --corpus DIR pointing at your reference sources', 'point "corroborate.corpus" (or "corpus" in .corroborate.json) at your sources')
    }
    if (stat?.isDirectory()) {
      const folder = realpath(abs) ?? abs
      if (!allowed(folder)) throw outside(input, 'a folder')
      // Links are not walked into: each entry is taken by its real path, which must stay in the folder.
      const entries = await fg('**/*', {cwd: abs, absolute: true, dot: false, onlyFiles: false, followSymbolicLinks: false, suppressErrors: true, objectMode: true})
      for (const entry of entries) {
        const file = entry.path
        const isLink = entry.dirent.isSymbolicLink()
        if (entry.dirent.isDirectory()) continue
        if (isLink) {
          const real = realpath(file)
          if (real && fs.statSync(real, {throwIfNoEntry: false})?.isDirectory()) {
            if (!inside(folder, real)) skip(file, 'a link to a folder outside the corpus folder (not followed)')
            continue // a link to a folder inside the corpus: its files are read where they are
          }
        }
        if (!formatOf(file)) {
          skip(file, 'unsupported file type (use .txt, .md or .html)')
          continue
        }
        // A plain file reached without following a link lies where the walk found it: its real path is the
        // folder's plus the way down (resolving each of 10,000 files' paths cost a quarter of a reload).
        if (!isLink) {
          const real = path.join(folder, path.relative(abs, file))
          if (!files.has(real)) files.set(real, path.normalize(file))
          continue
        }
        take(file, folder)
      }
      for (const unreadable of unreadableFolders(abs)) skip(unreadable, 'folder cannot be read (permission denied)')
    } else if (stat?.isFile()) {
      const real = realpath(abs) ?? abs
      if (!allowed(real)) throw outside(input, 'a file')
      if (!files.has(real)) files.set(real, abs)
    } else if (fg.isDynamicPattern(input)) {
      if (braceAlternatives(input) > MAX_GLOB_ALTERNATIVES) throw new CorpusError(`corpus pattern '${input}' expands to more than ${MAX_GLOB_ALTERNATIVES} patterns`, 'use a simpler pattern or a folder', 'use a simpler pattern or a folder in "corroborate.corpus"')
      const base = path.resolve(cwd, fg.generateTasks([input], {cwd})[0]?.base ?? '.')
      if (!allowed(realpath(base) ?? base)) throw outside(input, 'a pattern')
      const matched = await fg(input, {cwd, absolute: true, onlyFiles: true, followSymbolicLinks: false, suppressErrors: true})
      if (matched.length === 0) throw new CorpusError(`corpus pattern '${input}' matches no file`, 'check the pattern or pass a folder with --corpus DIR', 'check the pattern in "corroborate.corpus" or in "corpus" of .corroborate.json')
      for (const f of matched) {
        const real = realpath(f)
        if (!real) skip(f, 'a link that leads nowhere (broken or a loop)')
        else if (!allowed(real)) skip(f, 'a link to a file outside the project folder (not followed)')
        else if (!files.has(real)) files.set(real, path.normalize(f))
      }
    } else missing.push(input)
  }
  // A missing folder among several is a note (the Settings UI keeps the default "sources" beside an
  // added folder); only when nothing named exists is it the error.
  if (missing.length && missing.length === inputs.filter((i) => !isArchiveUrl(i)).length) throw new CorpusError(`corpus folder '${missing[0]}' does not exist`, 'pass --corpus DIR pointing at your reference sources', 'create it and put your sources there, or point "corroborate.corpus" (or "corpus" in .corroborate.json) at them')
  for (const input of missing) skipped.push({path: input, reason: 'folder does not exist'})
  return {files: [...files.values()].sort(), skipped}
}

export async function loadCorpus(inputs: string[], options: LoadCorpusOptions = {}): Promise<Corpus> {
  const cwd = options.cwd ?? process.cwd()
  let corpus = new Corpus({...options, cwd})
  const found = await findSources(inputs, options)
  corpus.skipped.push(...found.skipped)
  const saved = options.cache ? readSnapshot(options.cache, options.note) : undefined
  const savedByPath = savedFiles(saved)
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  const read: Array<{file: string; stat?: fs.Stats; bytes?: Uint8Array; text?: string; entry?: SavedFile}> = []
  for (const file of found.files) {
    const entry = savedByPath.get(file)
    let stat: fs.Stats | undefined
    try {
      stat = fs.statSync(file)
      // Unchanged since it was indexed (same size and modification time, as make and git judge it): its
      // text is read only if a check needs it.
      if (entry && entry.size === stat.size && entry.mtimeMs === stat.mtimeMs) {
        read.push({file, stat, entry})
        continue
      }
      const bytes = fs.readFileSync(file)
      const text = entry && bytes.byteLength <= maxBytes ? decodeText(bytes) : undefined
      read.push(text !== undefined && hashOf(text) === entry!.hash ? {file, stat, text, entry: {...entry!, size: stat.size, mtimeMs: stat.mtimeMs}} : {file, stat, bytes})
    } catch (error) {
      corpus.skipped.push({path: path.relative(cwd, file), reason: `unreadable (${(error as NodeJS.ErrnoException).code ?? String(error)})`})
    }
  }
  // The saved index is loaded whole (search index, tables, sentence ids); a source changed or deleted since
  // is then taken out of it as a removal would, and a changed or new file is added: one file's change
  // costs that file.
  let changed = !saved
  if (saved) {
    // A source's lazy text keeps only its path: a closure over the whole entry kept each file's fs.Stats alive
    // (7 MB at 10,000 files).
    const lazyText = (file: string) => () => readSource(file)
    const current = new Map(read.filter((r) => r.entry).map((r) => [r.file, {text: r.text ?? lazyText(r.file), stat: r.entry}]))
    let texts: SavedTexts | null | undefined
    const savedTexts = () => (texts === undefined ? (texts = readSavedTexts(options.cache!, saved) ?? null) : texts) ?? undefined
    const skippedSoFar = [...corpus.skipped]
    try {
      changed = corpus.restore(saved, current, savedTexts) || changed
    } catch (error) {
      if (!(error instanceof StaleIndexError)) throw error
      // A source changed since, and the texts to take its old sentences out are gone: index from scratch.
      ;(options.note ?? ((line: string) => void process.stderr.write(`${line}\n`)))(`note: saved index ${options.cache} is incomplete; rebuilding it`)
      corpus = new Corpus({...options, cwd})
      corpus.skipped.push(...skippedSoFar)
      for (const r of read) if (r.entry) Object.assign(r, {entry: undefined, text: undefined, bytes: fs.readFileSync(r.file)})
      changed = true
    }
  }
  for (const {file, stat, bytes, text, entry} of read) {
    try {
      if (!entry) {
        corpus.addFile(file, bytes!)
        if (stat) corpus.noteFileStat(file, stat)
      }
      // Read again to compare (its time changed, its words did not) or added: the saved index is rewritten.
      if ((!entry && corpus.hasSource(file)) || text !== undefined) changed = true
    } catch (error) {
      // One file the parsers cannot take (an HTML page nested thousands deep) is skipped, not the run.
      corpus.removeFile(file)
      corpus.skipped.push({path: path.relative(cwd, file), reason: `could not be read as ${formatOf(file) ?? 'text'} (${error instanceof RangeError ? 'too deeply nested' : (error as Error).message})`})
    }
  }
  if (options.cache && changed && corpus.sources.length) writeSnapshot(options.cache, corpus.snapshot(), options.note)
  if (corpus.sources.length === 0) {
    const why = corpus.skipped.length ? ` (${corpus.skipped.length} skipped: ${corpus.skipped.slice(0, 3).map((s) => `${s.path}: ${s.reason}`).join('; ')})` : ''
    throw new CorpusError(`corpus '${inputs.map((i) => (isArchiveUrl(i) ? displayUrl(i) : i)).join("', '")}' holds no readable source${why}`, 'add .txt, .md or .html files')
  }
  return corpus
}
