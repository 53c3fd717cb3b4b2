// The shared archive as a corpus the checks read. The checks are synchronous and a database is not, so the
// reader answers from what it has fetched and notes what it lacked; `checkAgainstArchive` runs the check,
// fetches what was missing in a few batched queries, and runs it again until nothing is missing (two or
// three rounds: the draft's own words first, then what its candidate sentences ask). Retrieval is the
// embedded index's own (query.ts) over postings the database keeps (a btree of stem, sentence and the
// sentence's length, read from the index alone) with archive-wide counts, so the same sources give the same
// candidates and findings.
import type pg from 'pg'
import {VFile} from 'vfile'
import {checkDraft, type CheckOptions} from '../../processor.js'
import {tokenize, type Token} from '../../text/tokens.js'
import {byCount, byPlace, nameLike, sentenceStems, similarName, type Place, type Source, type SourceSentence} from '../corpus.js'
import type {SourceFormat} from '../extract.js'
import {oneEditApart} from '../postings.js'
import {bm25Merged, mayBeFuzzy, mergeParts, queryParts, queryTerms, textPostings, topHits, type TextPostings} from '../query.js'
import type {CorpusReader} from '../reader.js'
import {ArchiveError, connectionError, displayUrl, isConnectionFailure, refusal} from './connect.js'
import {OLDEST_READABLE, SCHEMA_VERSION} from './schema.js'

/** Rounds of check and fetch before the last check is taken as it is (each round fetches what the previous
 * one asked; in practice two or three suffice). */
const MAX_ROUNDS = 6
/** A stem's postings in sentence order, each with the sentence's length, from the postings index alone, as
 * comma-separated text (read as it is merged: query.ts, bm25Merged). Both lists are made in one pass over the
 * same rows, so their items pair up. The order comes from a sorted subquery, which the index gives as it is:
 * an ORDER BY inside the aggregate is sorted again by PostgreSQL 15 (postings of 10 common stems at 1 M
 * sentences: 93 ms on the server, against 16). textPostings checks the order. */
const POSTINGS_OF = (where: string) => `SELECT string_agg(sentence::text, ',') AS ids, string_agg(length::text, ',') AS lengths FROM (SELECT sentence, length FROM postings WHERE ${where} ORDER BY sentence) o`
/** Each asked stem's count, and the postings of those used in at most $2 sentences. */
const COUNTS_AND_RARE_POSTINGS = `SELECT t.stem, t.df, p.ids, p.lengths FROM terms t
  LEFT JOIN LATERAL (${POSTINGS_OF('t.df <= $2 AND postings.stem = t.stem')}) p ON true
  WHERE t.stem = ANY($1::text[])`
/** Where each asked sentence stands (its article's name and its offset). The article is looked up per sentence
 * (OFFSET 0 keeps the subquery a nested loop): for thousands of tied hits the planner otherwise hashes every
 * article, a scan of the whole table (6,400 places at 1 M sentences: ~95 ms against ~40). Both look-ups are
 * index-only (schema.ts: INDEX_CHANGES). */
export const PLACES = 'SELECT s.id, a.collection, a.path, s.start_offset FROM sentences s CROSS JOIN LATERAL (SELECT collection, path FROM articles WHERE id = s.article_id OFFSET 0) a WHERE s.id = ANY($1::bigint[])'
/** A list in two (alternate items, so each half gets rare and common alike), or whole when short. */
function halves<T>(items: T[]): T[][] {
  if (items.length < 8) return items.length ? [items] : []
  return [items.filter((_, i) => i % 2 === 0), items.filter((_, i) => i % 2 === 1)]
}

/** Steps a fetch takes for the searches it can finish: counts, postings, places, sentences (and for a word
 * the archive does not know, its one-letter-off neighbours before their postings). */
const SEARCH_STEPS = 5
/** Stems this rare come with their postings when their counts are asked (a query takes the rarest first). */
const EAGER_POSTINGS = 100

class ArchiveSentence implements SourceSentence {
  #tokens?: Token[]
  #stems?: string[]
  constructor(
    readonly id: number,
    readonly source: Source,
    readonly text: string,
    readonly start: number,
    readonly end: number,
    readonly line: number,
    readonly column: number,
    readonly paragraph: number
  ) {}
  get tokens(): Token[] {
    return (this.#tokens ??= tokenize(this.text))
  }
  /** Worked out from the text as the ingest did, not fetched: most fetched sentences are never asked. */
  get stems(): readonly string[] {
    return (this.#stems ??= sentenceStems(this.tokens))
  }
}

interface Missing {
  df: Set<string>
  postings: Set<string>
  near: Set<string>
  sentences: Set<number>
  places: Set<number>
  values: Map<string, {value: number; tolerance: number}>
  people: Set<string>
  names: Set<string>
}

const empty = (): Missing => ({df: new Set(), postings: new Set(), near: new Set(), sentences: new Set(), places: new Set(), values: new Map(), people: new Set(), names: new Set()})

export class ArchiveReader implements CorpusReader {
  version = 0
  /** Answers given without what they needed (asked for on the next fetch): what was worked out while
   * this did not move is final. */
  misses = 0
  readonly #pool: pg.Pool
  readonly #url: string
  #documents = 0
  #totalLength = 0
  readonly #df = new Map<string, number>()
  /** Postings as the archive sent them (text, merged as BM25 reads them). */
  readonly #postings = new Map<string, TextPostings>()
  /** Postings held in all (a check at 1 M sentences brings about a million). */
  postingsHeld = 0
  /** Scored hits of each query whose postings were all here, by limit and terms. */
  readonly #scored = new Map<string, Array<{id: number; score: number}>>()
  readonly #near = new Map<string, string[]>()
  readonly #sentences = new Map<number, SourceSentence>()
  readonly #places = new Map<number, Place>()
  readonly #articles = new Map<number, Source>()
  readonly #values = new Map<string, boolean>()
  readonly #people = new Map<string, boolean>()
  /** Capitalised words near a name (by first letter and length), with counts and forms. */
  readonly #names = new Map<string, Array<{norm: string; form: string; count: number}>>()
  #missing = empty()
  /** Searches a check could not finish, to be tried again within the fetch that brings what they lacked. */
  #pending: Array<{content: Token[]; limit: number}> = []

  /** Added to the archive's sentence ids, so they never meet a local corpus's ids beside them. */
  readonly #offset: number

  constructor(pool: pg.Pool, url: string, options: {idOffset?: number} = {}) {
    this.#pool = pool
    this.#url = url
    this.#offset = options.idOffset ?? 0
  }

  /** Reads the archive-wide totals (BM25's average length and document count). */
  async open(): Promise<this> {
    // An archive no ingest has made yet, or one made by a newer Corroborate, is one line, not a stack.
    const {rows: made} = await this.#query<{present: boolean}>("SELECT to_regclass('corroborate_migrations') IS NOT NULL AS present", [])
    const at = made[0]?.present ? ((await this.#query<{version: number | null}>('SELECT max(version) AS version FROM corroborate_migrations', [])).rows[0]?.version ?? 0) : 0
    if (at === 0) throw new ArchiveError(`${displayUrl(this.#url)} holds no archive yet — ingest sources into it first: corroborate index --corpus DIR --into ${displayUrl(this.#url)}`)
    if (at > SCHEMA_VERSION) throw new ArchiveError(`the archive's schema is at version ${at}, newer than this Corroborate knows (${SCHEMA_VERSION}) — update Corroborate`)
    // A reader never migrates (a read-only role cannot): the next ingest does.
    if (at < OLDEST_READABLE) throw new ArchiveError(`the archive's schema is at version ${at}, older than this Corroborate reads (${OLDEST_READABLE}) — run an ingest once to upgrade it: corroborate index --corpus DIR --into ${displayUrl(this.#url)}`)
    // During a desk's first load the postings have no index yet (it is built at the load's end): every search
    // would scan them all, so say so rather than let each statement run into its timeout.
    const {rows} = await this.#query<{sentences: string; length: string; indexed: boolean}>(
      "SELECT sentences, length, EXISTS (SELECT 1 FROM pg_index WHERE indrelid = 'postings'::regclass AND indisprimary AND indisvalid) AS indexed FROM totals",
      []
    )
    if (rows[0] && !rows[0].indexed) throw new ArchiveError(`${displayUrl(this.#url)} is being loaded: its search index is built when the first ingest ends (or by the next ingest, if that one stopped) — check again then`)
    this.#documents = Number(rows[0]?.sentences ?? 0)
    this.#totalLength = Number(rows[0]?.length ?? 0)
    return this
  }

  get sources(): Source[] {
    return [...this.#articles.values()]
  }

  get sentences(): SourceSentence[] {
    return this.sources.flatMap((s) => s.sentences)
  }

  /** The archive's sentences in all (the sources above are only those fetched so far). */
  get sentenceCount(): number {
    return this.#documents
  }

  /** Notes what an answer lacked, for the next fetch. */
  #lack<T>(missing: Set<T>, item: T) {
    this.misses++
    missing.add(item)
  }

  /** A fetch only answers what was missing; it never changes an answer given. */
  additiveSince(): boolean {
    return true
  }

  get missing(): boolean {
    const m = this.#missing
    return m.df.size + m.postings.size + m.near.size + m.sentences.size + m.places.size + m.values.size + m.people.size + m.names.size > 0
  }

  hasSource(): boolean {
    return false // a draft on disk is never an article of the archive
  }

  sentence(id: number): SourceSentence | undefined {
    const found = this.#sentences.get(id)
    if (!found) this.#lack(this.#missing.sentences, id)
    return found
  }

  /** Where a sentence stands (its article's name and its offset), as `byPlace` compares sentences. */
  #placeOf(id: number): Place | undefined {
    const known = this.#places.get(id) ?? this.#sentences.get(id)
    if (!known) this.#lack(this.#missing.places, id)
    return known
  }

  #count(stem: string): number | undefined {
    const n = this.#df.get(stem)
    if (n === undefined) this.#lack(this.#missing.df, stem)
    return n
  }

  hasStem(stem: string): boolean {
    return (this.#count(stem) ?? 0) > 0
  }

  documentFrequency(stem: string): number {
    return this.#count(stem) ?? 0
  }

  idf(stem: string): number {
    return Math.log(1 + this.#documents / (1 + (this.#count(stem) ?? 0)))
  }

  hasValue(value: number, tolerance = 0): boolean {
    const key = `${value}:${tolerance}`
    const known = this.#values.get(key)
    if (known === undefined) {
      this.misses++ // asked by value and tolerance (a map, not a set)
      this.#missing.values.set(key, {value, tolerance})
    }
    return known ?? false
  }

  isPerson(norm: string): boolean {
    const known = this.#people.get(norm)
    if (known === undefined) this.#lack(this.#missing.people, norm)
    return known ?? false
  }

  #nearby(norm: string) {
    const rows = this.#names.get(norm)
    if (!rows) this.#lack(this.#missing.names, norm)
    return rows ?? []
  }

  hasNameLike(norm: string): boolean {
    if (norm.length < 4) return false
    return this.#nearby(norm).some((r) => nameLike(r.norm, norm))
  }

  similarNames(norm: string): string[] {
    return byCount(this.#nearby(norm).filter((r) => similarName(r.norm, norm)).map((r) => ({form: r.form, count: r.count})))
  }

  search(tokens: Token[], limit = 10): Array<{sentence: SourceSentence; score: number}> {
    return mergeParts(queryParts(tokens, limit).map((part) => this.#search(part.content, part.limit)))
  }

  /** A search that lacked something is kept to be tried again as soon as that comes in (`fetch`). */
  #search(content: Token[], limit: number): Array<{sentence: SourceSentence; score: number}> {
    const misses = this.misses
    const hits = this.#retrieve(content, limit)
    if (this.misses !== misses) this.#pending.push({content, limit})
    return hits
  }

  #retrieve(content: Token[], limit: number): Array<{sentence: SourceSentence; score: number}> {
    const stems = [...new Set(content.map((t) => t.stem))]
    if (stems.map((s) => this.#count(s)).some((n) => n === undefined)) return []
    const df = (stem: string) => this.#df.get(stem) ?? 0
    const terms = queryTerms(content, df)
    if (!terms.length) return []
    const fuzzy = (term: string) => mayBeFuzzy(term, df)
    // Postings of the terms, and of the indexed words one letter off the fuzzy ones.
    let ready = true
    const need = (stem: string) => {
      if (!this.#postings.has(stem)) {
        this.#lack(this.#missing.postings, stem)
        ready = false
      }
    }
    for (const term of terms) {
      if (df(term)) need(term)
      if (!fuzzy(term)) continue
      const near = this.#near.get(term)
      if (!near) {
        this.#lack(this.#missing.near, term)
        ready = false
      } else near.forEach(need)
    }
    if (!ready) return []
    // Once a query's postings are all here its scores are final (a fetch never changes what was fetched):
    // kept, so that the tries that wait for places and sentences do not sum tens of thousands of postings
    // again (a sentence of common words queries its three rarest whatever their counts).
    const key = `${limit} ${terms.join(' ')}`
    const hits = this.#scored.get(key) ?? this.#score(key, terms, fuzzy, limit)
    // Places first (cheap to fetch), then the sentences of the best only.
    const top = topHits(hits, limit, (id) => this.#placeOf(id), byPlace)
    const out: Array<{sentence: SourceSentence; score: number}> = []
    for (const hit of top) {
      const sentence = this.sentence(hit.id)
      if (sentence) out.push({sentence, score: hit.score})
    }
    return out
  }

  #score(key: string, terms: string[], fuzzy: (term: string) => boolean, limit: number): Array<{id: number; score: number}> {
    const hits = bm25Merged(terms, fuzzy, {postings: (stem) => this.#postings.get(stem), near: (stem) => this.#near.get(stem) ?? [], documents: this.#documents, totalLength: this.#totalLength}, limit, this.#offset)
    this.#scored.set(key, hits)
    return hits
  }

  /** Fetches what the last check lacked; returns whether anything was missing. A search needs three things one
   * after the other — its words' counts, then the postings of the rarest, then the sentences that rank best —
   * so the searches the check could not finish are tried again as each comes in, and what they need next is
   * fetched at once: one check and one fetch instead of three of each. */
  async fetch(): Promise<boolean> {
    if (!this.missing) {
      // Every search of the check ended: its results live in the check's own caches now. Kept scores would
      // only grow with an editor's session (hits tied at the last place can be thousands).
      this.#scored.clear()
      return false
    }
    for (let step = 0; step < SEARCH_STEPS && this.missing; step++) {
      const pending = this.#pending
      this.#pending = []
      await this.#fetchMissing()
      // After the last step the next check runs them anyway.
      if (step < SEARCH_STEPS - 1) for (const {content, limit} of pending) this.#search(content, limit)
    }
    this.version++
    return true
  }

  async #fetchMissing(): Promise<void> {
    const m = this.#missing
    this.#missing = empty()
    // The statements below are independent: they run side by side on the pool's connections.
    const tasks: Array<Promise<void>> = []
    if (m.df.size) {
      tasks.push((async () => {
        // With each count, the postings of a stem rare enough to be queried (the rarest usually are): one round
        // trip fewer for most sentences.
        const {rows} = await this.#query<{stem: string; df: number; ids: string | null; lengths: string | null}>(COUNTS_AND_RARE_POSTINGS, [[...m.df], EAGER_POSTINGS])
        for (const stem of m.df) this.#df.set(stem, 0)
        for (const r of rows) {
          this.#df.set(r.stem, r.df)
          if (r.ids) this.#keepPostings(r.stem, textPostings(r.ids, r.lengths))
        }
      })())
    }
    if (m.near.size) {
      tasks.push((async () => {
        // Trigrams narrow the terms down; the one-letter test is the embedded index's own.
        const {rows} = await this.#query<{term: string; stem: string; df: number}>(
          `SELECT q.term, t.stem, t.df FROM unnest($1::text[]) AS q(term) JOIN terms t ON t.stem % q.term AND abs(length(t.stem) - length(q.term)) <= 1 AND t.df > 0`,
          [[...m.near]]
        )
        for (const term of m.near) this.#near.set(term, [])
        for (const r of rows) {
          if (r.stem === r.term || !oneEditApart(r.stem, r.term)) continue
          this.#near.get(r.term)!.push(r.stem)
          this.#df.set(r.stem, r.df)
        }
        // Their postings are asked for by the next check.
      })())
    }
    const postings = [...m.postings].filter((stem) => !this.#postings.has(stem))
    // Each stem is an index scan of its own: many of them are split between the pool's connections, which the
    // server works on side by side.
    for (const part of halves(postings)) {
      tasks.push((async () => {
        const {rows} = await this.#query<{stem: string; ids: string | null; lengths: string | null}>(
          `SELECT q.stem, p.ids, p.lengths FROM unnest($1::text[]) AS q(stem) CROSS JOIN LATERAL (${POSTINGS_OF('postings.stem = q.stem')}) p`,
          [part]
        )
        for (const stem of part) this.#keepPostings(stem, textPostings(null, null))
        for (const r of rows) this.#keepPostings(r.stem, textPostings(r.ids, r.lengths))
      })())
    }
    if (m.sentences.size) tasks.push(this.#fetchArticles([...m.sentences]))
    if (m.places.size) {
      tasks.push((async () => {
        const {rows} = await this.#query<{id: string; collection: string; path: string; start_offset: number}>(
          PLACES,
          [[...m.places].map((id) => id - this.#offset)]
        )
        const url = displayUrl(this.#url)
        for (const r of rows) this.#places.set(Number(r.id) + this.#offset, {source: {absPath: `${url}/${r.collection}/${r.path}`}, start: r.start_offset})
      })())
    }
    if (m.values.size) {
      tasks.push((async () => {
        const asked = [...m.values.values()]
        const {rows} = await this.#query<{k: number; found: boolean}>(
          `SELECT q.k, EXISTS (SELECT 1 FROM figures f WHERE f.n > 0 AND f.value BETWEEN q.value - q.tolerance * abs(q.value) AND q.value + q.tolerance * abs(q.value)) AS found
           FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS q(value, tolerance, k)`,
          [asked.map((a) => a.value), asked.map((a) => a.tolerance)]
        )
        const keys = [...m.values.keys()]
        for (const r of rows) this.#values.set(keys[Number(r.k) - 1], r.found)
      })())
    }
    if (m.people.size) {
      tasks.push((async () => {
        const {rows} = await this.#query<{name: string}>('SELECT name FROM people WHERE name = ANY($1::text[]) AND n > 0', [[...m.people]])
        for (const name of m.people) this.#people.set(name, false)
        for (const r of rows) this.#people.set(r.name, true)
      })())
    }
    if (m.names.size) {
      tasks.push((async () => {
        // Every capitalised word that could be a related form (it and the name share their first three letters)
        // or a near spelling (two edits at most) of each name asked, in one statement; nameLike and
        // similarName decide as for the embedded index.
        const {rows} = await this.#query<{asked: string; norm: string; form: string; n: number}>(
          `SELECT q.asked, c.norm, c.form, c.n FROM unnest($1::text[]) AS q(asked)
           JOIN capitalised c ON left(c.norm, 1) = left(q.asked, 1) AND length(c.norm) BETWEEN length(q.asked) - 4 AND length(q.asked) + 4 AND c.n > 0
             AND (left(c.norm, 3) = left(q.asked, 3) OR levenshtein(c.norm, q.asked) <= 2)`,
          [[...m.names]]
        )
        for (const norm of m.names) this.#names.set(norm, [])
        for (const r of rows) this.#names.get(r.asked)!.push({norm: r.norm, form: r.form, count: r.n})
      })())
    }
    await Promise.all(tasks)
  }

  #keepPostings(stem: string, postings: TextPostings) {
    this.postingsHeld += postings.count - (this.#postings.get(stem)?.count ?? 0)
    this.#postings.set(stem, postings)
  }

  async #fetchArticles(sentenceIds: number[]) {
    const {rows: articles} = await this.#query<{id: string; collection: string; path: string; hash: string; format: SourceFormat; text: string; title: string | null; modified: string | null}>(
      "SELECT id, collection, path, hash, format, text, title, to_char(file_modified AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS modified FROM articles WHERE id IN (SELECT article_id FROM sentences WHERE id = ANY($1::bigint[]))",
      [sentenceIds.map((id) => id - this.#offset)]
    )
    const fresh = articles.filter((a) => !this.#articles.has(Number(a.id)))
    if (!fresh.length) return
    const {rows} = await this.#query<{id: string; article_id: string; start_offset: number; end_offset: number; line: number; col: number; paragraph: number; text: string}>(
      'SELECT id, article_id, start_offset, end_offset, line, col, paragraph, text FROM sentences WHERE article_id = ANY($1::bigint[]) ORDER BY article_id, ord',
      [fresh.map((a) => a.id)]
    )
    for (const a of fresh) {
      // Shown as collection/path (as a folder of the same name would be); its full name says which archive.
      // Articles sort by it as files do by path, so ties between candidates fall the same way.
      const where = `${a.collection}/${a.path}`
      const url = displayUrl(this.#url)
      const archive = {url, id: Number(a.id), ...(a.title ? {title: a.title} : {}), ...(a.modified ? {date: a.modified} : {})}
      const source: Source = {id: Number(a.id), path: where, absPath: `${url}/${where}`, format: a.format, text: a.text, sentences: [], hash: a.hash, archive}
      this.#articles.set(source.id, source)
    }
    for (const r of rows) {
      const source = this.#articles.get(Number(r.article_id))!
      const sentence = new ArchiveSentence(Number(r.id) + this.#offset, source, r.text, r.start_offset, r.end_offset, r.line, r.col, r.paragraph)
      source.sentences.push(sentence)
      this.#sentences.set(sentence.id, sentence)
    }
  }

  async #query<R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<R>> {
    try {
      return await this.#pool.query<R>({text, values})
    } catch (error) {
      throw isConnectionFailure(error) ? connectionError(this.#url, error) : (refusal(this.#url, error) ?? error)
    }
  }

  get url(): string {
    return displayUrl(this.#url)
  }

  /** One article's whole text, to open beside the draft (its sentences' lines and columns point into it). */
  async article(id: number): Promise<{path: string; title?: string; text: string} | undefined> {
    const {rows} = await this.#query<{collection: string; path: string; title: string | null; text: string}>('SELECT collection, path, title, text FROM articles WHERE id = $1', [id])
    const a = rows[0]
    return a && {path: `${a.collection}/${a.path}`, ...(a.title ? {title: a.title} : {}), text: a.text}
  }
}

/** A reader that fetches what a check lacked (the archive, alone or beside local sources). */
export type FetchingReader = CorpusReader & {fetch(): Promise<boolean>}

/** Time spent in one round of `checkAgainstArchive` (ms): the check, then the fetch of what it lacked. */
export interface ArchiveRound {
  check: number
  fetch: number
}

/** Checks a draft against the archive: rounds of check and fetch until the check asked for nothing new.
 * `rounds`, when given, receives each round's times (the benchmark prints them). */
export async function checkAgainstArchive(draft: {path?: string; value: string; cwd?: string}, reader: FetchingReader, options: CheckOptions = {}, rounds?: ArchiveRound[]): Promise<VFile> {
  let file: VFile | undefined
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const t = performance.now()
    file = checkDraft(new VFile({path: draft.path, value: draft.value, cwd: draft.cwd}), reader, options)
    const f = performance.now()
    const more = await reader.fetch()
    rounds?.push({check: f - t, fetch: performance.now() - f})
    if (!more) break
  }
  return file!
}
