// Ingest a folder of sources into the shared archive: each file is split and indexed as the embedded index
// does it (the same sentences and stems, so both backends find the same candidates), and written only when
// its content hash is new. A file gone from the folder leaves the archive. Writers take turns on one
// advisory lock, a batch of articles per transaction: two ingests at once never interleave their counts,
// and readers (checks) read the last committed state throughout, never waiting. The next batch is split while
// the server writes the last one. (Splitting in a worker thread was measured slower on two cores: 860–970
// against 1,030–1,110 articles/s, the copies between threads and a second engine costing more than it won.)
import fs from 'node:fs'
import path from 'node:path'
import type pg from 'pg'
import {Corpus, decodeText, DEFAULT_MAX_BYTES, findSources, hashOf, type Source} from '../corpus.js'
import type {SourceFormat} from '../extract.js'
import {connectionError, isConnectionFailure, openPool, refusal} from './connect.js'
import {migrate} from './schema.js'

/** Held by a transaction that writes articles (PostgreSQL advisory locks are per database). */
const INGEST_LOCK = 0x436f7273 // "Cors"
/** An ingest of this many new files into an archive with no postings yet (a desk's first load) inserts them
 * without the postings index and builds it at its end, as PostgreSQL's guide to bulk loading advises: at
 * 1,000,000 sentences the index's inserts were 59 s of the ingest's ~105, building it once ~9 s. */
const BULK_FROM = 2_000
/** Articles per transaction: large enough to write fast, small enough that a reader sees progress. */
const BATCH = 500

export interface IngestOptions {
  /** The collection the folder's files belong to (default: the folder's name). */
  collection?: string
  cwd?: string
  /** Called after each batch: articles done so far of all. */
  progress?: (done: number, total: number) => void
  note?: (line: string) => void
  /** New files from which an ingest into an archive without postings builds the postings index at its end
   * (default BULK_FROM; tests lower it). */
  bulkFrom?: number
}

export interface IngestResult {
  collection: string
  added: number
  updated: number
  removed: number
  unchanged: number
  skipped: number
  seconds: number
}

/** An article ready to write: split and counted. */
interface Article {
  /** Path within the collection. */
  key: string
  hash: string
  title: string | null
  text: string
  format: SourceFormat
  modified: Date | null
  facts: Facts
  sentences: Array<{start: number; end: number; line: number; column: number; paragraph: number; text: string; stems: readonly string[]}>
}

/** One file to prepare, with the hash the archive holds for its path (unchanged: not split). */
interface Task {
  file: string
  key: string
  held?: string
}

/** A file skipped after it was read stays in the archive as it was (`present`); one that cannot be read leaves. */
type Outcome = {key: string; article: Article} | {key: string; unchanged: true} | {key: string; skipped: string; present: boolean}

/** An article's counts of people, figures and capitalised words (the archive-wide tables add them up). */
interface Facts {
  people: ReadonlyMap<string, number>
  figures: ReadonlyMap<number, number>
  capitalised: ReadonlyMap<string, {readonly form: string; readonly count: number}>
}

/** The facts as an article row stores them (jsonb). */
interface StoredFacts {
  people: Record<string, number>
  figures: Record<string, number>
  capitalised: Record<string, [string, number]>
}

/** Ingests one folder into the archive at `url`; safe to run again (only changes are written). */
export async function ingest(url: string, folder: string, options: IngestOptions = {}): Promise<IngestResult> {
  const started = performance.now()
  const cwd = options.cwd ?? process.cwd()
  const root = fs.realpathSync(path.resolve(cwd, folder))
  const collection = options.collection ?? path.basename(root)
  const found = await findSources([root], {cwd: root})
  const note = (file: string, reason: string) => {
    result.skipped++
    options.note?.(`note: skipped ${file}: ${reason}`)
  }
  const result: IngestResult = {collection, added: 0, updated: 0, removed: 0, unchanged: 0, skipped: 0, seconds: 0}
  for (const s of found.skipped) note(s.path, s.reason)
  const keyOf = (file: string) => path.relative(root, file).split(path.sep).join('/')
  const pool = await openPool(url)
  try {
    const client = await pool.connect()
    try {
      await migrate(client)
      // Article texts compressed with LZ4 rather than PostgreSQL's own pglz: half the articles' insert time
      // (measured on the news corpus), and any server with LZ4 reads it. A server built without it keeps pglz.
      await client.query("SET default_toast_compression = 'lz4'").catch(() => undefined)
      // Commits wait for their WAL to be flushed even where the server defers it (synchronous_commit off): a
      // row's commit is marked on its page only once flushed, and the vacuum of the postings at the ingest's
      // end can mark a page all-visible (so that their index answers alone) only when every row on it is.
      await client.query('SET synchronous_commit = on')
      // What the archive holds of this collection: a file whose hash is there is neither parsed nor written.
      const {rows} = await client.query<{path: string; hash: string}>('SELECT path, hash FROM articles WHERE collection = $1', [collection])
      const held = new Map(rows.map((r) => [r.path, r.hash]))
      const present = new Set<string>()
      const tasks = found.files.map((file) => ({file, key: keyOf(file), held: held.get(keyOf(file))}))
      if (tasks.filter((t) => t.held === undefined).length >= (options.bulkFrom ?? BULK_FROM)) await dropEmptyPostingsIndex(client)
      const indexedNow = await postingsIndexed(client)
      // The database writes one batch while the next is prepared.
      let writing: Promise<void> | undefined
      let batch: Article[] = []
      let done = 0
      const flush = async () => {
        await writing
        if (!batch.length) return options.progress?.(done, found.files.length)
        const articles = batch
        const upTo = done
        batch = []
        writing = writeBatch(client, collection, articles, result, indexedNow).then(() => options.progress?.(upTo, found.files.length))
        // A failed write is awaited (and thrown) before the next batch is written or the ingest ends.
        writing.catch(() => undefined)
      }
      for await (const outcome of prepared(tasks, root)) {
        done++
        if ('skipped' in outcome) {
          note(outcome.key, outcome.skipped)
          if (outcome.present) present.add(outcome.key)
          continue
        }
        present.add(outcome.key)
        if ('unchanged' in outcome) result.unchanged++
        else batch.push(outcome.article)
        if (batch.length >= BATCH) await flush()
      }
      await flush()
      await writing
      result.removed = await removeMissing(client, collection, present)
      // New index entries wait in the GIN indexes' pending lists, which every query scans in full (measured:
      // 2.8 ms a term instead of 0.03 after 12,807 articles): merge them now rather than at autovacuum's
      // pleasure, and give the planner fresh counts. On a connection of its own, beside the postings index
      // build below (other tables: neither waits for the other).
      const changed = result.added + result.updated + result.removed > 0
      const tidy = async (on: pg.PoolClient) => {
        for (const index of ['terms_trigrams', 'capitalised_trigrams']) await on.query('SELECT gin_clean_pending_list($1::regclass)', [index])
        await on.query('ANALYZE articles, sentences, terms, capitalised, people, figures')
      }
      const beside = changed ? pool.connect().then(async (other) => {
        try {
          await tidy(other)
        } finally {
          other.release()
        }
      }) : undefined
      beside?.catch(() => undefined) // awaited below
      // Whoever ends first builds the index a bulk load (this one's, or one that stopped half-way) left out.
      const indexed = await ensurePostingsIndex(client)
      if (!changed && indexed) await tidy(client)
      // The postings' pages are marked all-visible, so that their index answers alone (an index-only scan
      // visits a row whose page is not marked). Beside the other tables' tidying, which touches no postings:
      // one after the other they were ~3 of an ingest's 17 s into a full archive.
      if (changed || indexed) await client.query('VACUUM (ANALYZE) postings')
      await beside
    } finally {
      client.release()
    }
  } catch (error) {
    throw isConnectionFailure(error) ? connectionError(url, error) : (refusal(url, error) ?? error)
  } finally {
    await pool.end()
  }
  result.seconds = (performance.now() - started) / 1000
  return result
}

/** Drops the postings index of an archive with no postings yet; left in place when a reader holds the table
 * for more than a moment (the drop would make the readers behind it wait). */
async function dropEmptyPostingsIndex(client: pg.PoolClient) {
  await inTransaction(client, async () => {
    await client.query("SET LOCAL lock_timeout = '2s'")
    const {rows} = await client.query<{empty: boolean}>('SELECT NOT EXISTS (SELECT 1 FROM postings) AS empty')
    if (rows[0]?.empty) await client.query('ALTER TABLE postings DROP CONSTRAINT IF EXISTS postings_pkey')
  }).catch((error: {code?: string}) => {
    if (error.code !== '55P03') throw error // lock_not_available: the index stays, the ingest goes on
  })
}

/** Does the postings table have its index (its primary key) now? */
async function postingsIndexed(client: pg.PoolClient): Promise<boolean> {
  const {rows} = await client.query<{present: boolean}>("SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'postings'::regclass AND contype = 'p') AS present")
  return rows[0]?.present ?? true
}

/** Builds the postings index if a bulk load left it out (says whether it did). Readers read on while it is
 * built (CREATE INDEX blocks writes only); the constraint is attached to it in a moment. */
async function ensurePostingsIndex(client: pg.PoolClient): Promise<boolean> {
  await client.query('SELECT pg_advisory_lock($1)', [INGEST_LOCK])
  try {
    if (await postingsIndexed(client)) return false
    await client.query('CREATE UNIQUE INDEX IF NOT EXISTS postings_pkey ON postings (stem, sentence) INCLUDE (length)')
    await client.query('ALTER TABLE postings ADD CONSTRAINT postings_pkey PRIMARY KEY USING INDEX postings_pkey')
    return true
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [INGEST_LOCK])
  }
}

async function inTransaction<T>(client: pg.PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN')
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [INGEST_LOCK])
    const out = await work()
    await client.query('COMMIT')
    return out
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}

async function writeBatch(client: pg.PoolClient, collection: string, batch: Article[], result: IngestResult, indexed: boolean) {
  await inTransaction(client, async () => {
    // Read under the lock: another ingest may have written these paths since this one started.
    const {rows} = await client.query<{id: string; path: string; hash: string}>({
      name: 'corroborate-ingest-current',
      text: 'SELECT id, path, hash FROM articles WHERE collection = $1 AND path = ANY($2::text[])',
      values: [collection, batch.map((f) => f.key)]
    })
    const current = new Map(rows.map((r) => [r.path, r]))
    const stale: string[] = []
    const fresh: Article[] = []
    for (const file of batch) {
      const now = current.get(file.key)
      // Written by another ingest since this one looked.
      if (now?.hash === file.hash) {
        result.unchanged++
        continue
      }
      if (now) {
        stale.push(now.id)
        result.updated++
      } else result.added++
      fresh.push(file)
    }
    await removeArticles(client, stale)
    await insertArticles(client, collection, fresh, indexed)
  })
}

/** A file's text and time, or why it cannot be ingested. Its size is known before it is read (a file too large
 * is never loaded), and its time comes from the same open file (a stat of its path each was measurable). */
function readText(file: string): {text: string; modified: Date} | {reason: string} {
  let fd: number | undefined
  let bytes: Buffer
  let modified: Date
  try {
    fd = fs.openSync(file, 'r')
    const stat = fs.fstatSync(fd)
    if (stat.size > DEFAULT_MAX_BYTES) return {reason: `larger than ${DEFAULT_MAX_BYTES / 2 ** 20} MB`}
    modified = stat.mtime
    bytes = fs.readFileSync(fd)
  } catch (error) {
    return {reason: `unreadable (${(error as NodeJS.ErrnoException).code ?? String(error)})`}
  } finally {
    if (fd !== undefined) fs.closeSync(fd)
  }
  if (bytes.byteLength > DEFAULT_MAX_BYTES) return {reason: `larger than ${DEFAULT_MAX_BYTES / 2 ** 20} MB`}
  const text = decodeText(bytes)
  return text === undefined ? {reason: 'not text (binary, or an encoding other than UTF-8 or UTF-16)'} : text.includes('\0') ? {reason: 'holds NUL characters'} : {text, modified}
}

/** Takes articles out with everything they counted. */
async function removeArticles(client: pg.PoolClient, ids: string[]) {
  if (!ids.length) return
  await client.query(
    `UPDATE terms t SET df = t.df - c.n FROM (SELECT stem, count(*)::int AS n FROM sentences, unnest(stems) AS stem WHERE article_id = ANY($1::bigint[]) GROUP BY stem) c WHERE t.stem = c.stem`,
    [ids]
  )
  await client.query(`UPDATE totals SET sentences = totals.sentences - c.n, length = totals.length - c.len FROM (SELECT count(*) AS n, coalesce(sum(length), 0) AS len FROM sentences WHERE article_id = ANY($1::bigint[])) c`, [ids])
  const {rows} = await client.query<{facts: StoredFacts}>('SELECT facts FROM articles WHERE id = ANY($1::bigint[])', [ids])
  await countFacts(client, mergeFacts(rows.map((r) => factsFromRow(r.facts))), -1)
  // Postings by their key (stem, sentence), found from each sentence's stems.
  await client.query('DELETE FROM postings p USING sentences s, unnest(s.stems) AS u(stem) WHERE s.article_id = ANY($1::bigint[]) AND p.stem = u.stem AND p.sentence = s.id', [ids])
  await client.query('DELETE FROM articles WHERE id = ANY($1::bigint[])', [ids])
  await client.query('DELETE FROM terms WHERE df <= 0')
}

async function insertArticles(client: pg.PoolClient, collection: string, files: Article[], indexed: boolean) {
  if (!files.length) return
  const facts = files.map((f) => f.facts)
  const big = texts([files.map((f) => f.text), facts.map(factsJson)])
  const {rows} = await client.query<{id: string}>(
    `INSERT INTO articles (collection, path, hash, title, text, format, file_modified, facts)
     SELECT $1, p, h, t, x, f, m, j FROM unnest($2::text[], $3::text[], $4::text[], ${big.sql(5, 9)}, $6::text[], $7::timestamptz[], ${big.sql(8, 9)}::jsonb[]) AS u(p, h, t, x, f, m, j)
     RETURNING id`,
    [collection, files.map((f) => f.key), files.map((f) => f.hash), files.map((f) => f.title), big.values[0], files.map((f) => f.format), files.map((f) => f.modified), big.values[1], ...big.separator]
  )
  // Sentences of all the batch's articles and their postings in one statement; stems never hold a space
  // (they are word tokens). Postings go into their btree in key order (94 s of inserts at 1 M unsorted, 59 s
  // sorted); without the index (a first load) the sort is for nothing.
  const columns = {article: [] as string[], ord: [] as number[], start: [] as number[], end: [] as number[], line: [] as number[], col: [] as number[], paragraph: [] as number[], text: [] as string[], stems: [] as string[]}
  files.forEach((f, k) => {
    f.sentences.forEach((s, ord) => {
      columns.article.push(rows[k].id)
      columns.ord.push(ord)
      columns.start.push(s.start)
      columns.end.push(s.end)
      columns.line.push(s.line)
      columns.col.push(s.column)
      columns.paragraph.push(s.paragraph)
      columns.text.push(s.text)
      columns.stems.push(s.stems.join(' '))
    })
  })
  const sentences = texts([columns.text, columns.stems])
  await client.query(
    `WITH added AS (
       INSERT INTO sentences (article_id, ord, start_offset, end_offset, line, col, paragraph, text, stems)
       SELECT a, o, s, e, l, c, p, t, string_to_array(st, ' ') FROM unnest($1::bigint[], $2::int[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[], ${sentences.sql(8, 10)}, ${sentences.sql(9, 10)}) AS u(a, o, s, e, l, c, p, t, st)
       RETURNING id, stems, length)
     INSERT INTO postings (stem, sentence, length) SELECT stem, a.id, a.length FROM added a, unnest(a.stems) AS stem${indexed ? ' ORDER BY stem, a.id' : ''}`,
    [...[columns.article, columns.ord, columns.start, columns.end, columns.line, columns.col, columns.paragraph].map(numbers), ...sentences.values, ...sentences.separator]
  )
  // Counts of the new sentences, worked out here rather than read back from the table.
  const df = new Map<string, number>()
  let length = 0
  for (const f of files) {
    for (const sentence of f.sentences) {
      length += sentence.stems.length
      for (const stem of sentence.stems) df.set(stem, (df.get(stem) ?? 0) + 1)
    }
  }
  await client.query(
    `INSERT INTO terms (stem, df) SELECT * FROM unnest($1::text[], $2::int[]) ON CONFLICT (stem) DO UPDATE SET df = terms.df + EXCLUDED.df`,
    [[...df.keys()], [...df.values()]]
  )
  await client.query('UPDATE totals SET sentences = sentences + $1, length = length + $2', [columns.article.length, length])
  await countFacts(client, mergeFacts(facts), 1)
}

/** Numbers as an array literal, for a bigint[] or int[] parameter. pg's own conversion writes every element as
 * an escaped text (two regular expressions each): ~40,000 elements a batch. */
function numbers(values: ReadonlyArray<number | string>): string {
  return `{${values.join(',')}}`
}

/** Characters that may cut texts apart: control characters, then private-use ones; the first that none of a
 * batch's texts holds is used. */
const SEPARATORS = [...Array.from({length: 31}, (_, k) => String.fromCharCode(31 - k)).filter((c) => !/[\t\n\r]/.test(c)), ...Array.from({length: 256}, (_, k) => String.fromCharCode(0xe000 + k))]

/** Columns of texts sent each as one string cut by a separator that none of them holds, and split again by
 * string_to_array. As text[] parameters pg escapes every element and the server parses the literal back
 * character by character: ~15 MB of article texts and as much of sentences over the news corpus. Empty texts
 * (a sentence of function words has no stems) come back as empty elements, but a lone empty text would come
 * back as no element at all: such a column, or texts holding every separator, goes as a text[]. */
function texts(columns: string[][]): {values: Array<string | string[]>; separator: string[]; sql: (param: number, separatorParam: number) => string} {
  const separator = columns.every((values) => values.length !== 1 || values[0] !== '') ? SEPARATORS.find((c) => columns.every((values) => values.every((v) => !v.includes(c)))) : undefined
  return {
    values: separator === undefined ? columns : columns.map((values) => values.join(separator)),
    // The statement's last parameter, left out when unused (the server could not tell its type).
    separator: separator === undefined ? [] : [separator],
    sql: (param, separatorParam) => (separator === undefined ? `$${param}::text[]` : `string_to_array($${param}, $${separatorParam})`)
  }
}

/** Articles of the collection whose files are gone. */
async function removeMissing(client: pg.PoolClient, collection: string, present: Set<string>): Promise<number> {
  return inTransaction(client, async () => {
    const {rows} = await client.query<{id: string; path: string}>('SELECT id, path FROM articles WHERE collection = $1', [collection])
    const gone = rows.filter((r) => !present.has(r.path)).map((r) => r.id)
    await removeArticles(client, gone)
    return gone.length
  })
}

/** A one-article corpus's tables are that article's facts (the scratch corpus's own maps, used once). */
function factsOfCorpus(corpus: Corpus): Facts {
  const {people, values, capitalised} = corpus.facts()
  return {people, figures: values, capitalised}
}

/** The stored form, written as JSON directly: building an object per article gave V8 a new hidden class for
 * every word added (a tree of them over the archive's words: ~0.1 ms an article, a tenth of the ingest's client
 * time). */
function factsJson(facts: Facts): string {
  const entries = <K, V>(map: ReadonlyMap<K, V>, value: (v: V) => string) => {
    let out = ''
    for (const [k, v] of map) out += `${out ? ',' : ''}${JSON.stringify(String(k))}:${value(v)}`
    return `{${out}}`
  }
  return `{"people":${entries(facts.people, String)},"figures":${entries(facts.figures, String)},"capitalised":${entries(facts.capitalised, (c) => `[${JSON.stringify(c.form)},${c.count}]`)}}`
}

function factsFromRow(stored: StoredFacts): Facts {
  return {
    people: new Map(Object.entries(stored.people)),
    figures: new Map(Object.entries(stored.figures).map(([k, n]) => [Number(k), n])),
    capitalised: new Map(Object.entries(stored.capitalised).map(([k, [form, count]]) => [k, {form, count}]))
  }
}

function mergeFacts(all: Facts[]): Facts {
  const people = new Map<string, number>()
  const figures = new Map<number, number>()
  const capitalised = new Map<string, {form: string; count: number}>()
  for (const f of all) {
    for (const [k, n] of f.people) people.set(k, (people.get(k) ?? 0) + n)
    for (const [k, n] of f.figures) figures.set(k, (figures.get(k) ?? 0) + n)
    for (const [k, {form, count}] of f.capitalised) {
      const entry = capitalised.get(k)
      if (entry) entry.count += count
      else capitalised.set(k, {form, count})
    }
  }
  return {people, figures, capitalised}
}

/** Adds (sign 1) or subtracts (sign -1) facts from the archive-wide tables. */
async function countFacts(client: pg.PoolClient, facts: Facts, sign: 1 | -1) {
  const people = [...facts.people]
  const figures = [...facts.figures]
  const capitalised = [...facts.capitalised]
  await client.query(
    `INSERT INTO people (name, n) SELECT * FROM unnest($1::text[], $2::int[]) ON CONFLICT (name) DO UPDATE SET n = people.n + EXCLUDED.n`,
    [people.map(([k]) => k), people.map(([, n]) => sign * n)]
  )
  await client.query(
    `INSERT INTO figures (value, n) SELECT * FROM unnest($1::float8[], $2::int[]) ON CONFLICT (value) DO UPDATE SET n = figures.n + EXCLUDED.n`,
    [figures.map(([k]) => k), figures.map(([, n]) => sign * n)]
  )
  await client.query(
    `INSERT INTO capitalised (norm, form, n) SELECT * FROM unnest($1::text[], $2::text[], $3::int[]) ON CONFLICT (norm) DO UPDATE SET n = capitalised.n + EXCLUDED.n`,
    [capitalised.map(([k]) => k), capitalised.map(([, c]) => c.form), capitalised.map(([, c]) => sign * c.count)]
  )
  if (sign < 0) {
    await client.query('DELETE FROM people WHERE n <= 0')
    await client.query('DELETE FROM figures WHERE n <= 0')
    await client.query('DELETE FROM capitalised WHERE n <= 0')
  }
}

/** Reads, hashes and splits one file as the embedded index does (unchanged files are not split). */
function prepare(task: Task, root: string): Outcome {
  const read = readText(task.file)
  if ('reason' in read) return {key: task.key, skipped: read.reason, present: false}
  const hash = hashOf(read.text)
  if (task.held === hash) return {key: task.key, unchanged: true}
  const scratch = new Corpus({cwd: root})
  try {
    const skipped = scratch.addFile(task.file, read.text)
    if (skipped) return {key: task.key, skipped: skipped.reason, present: true}
  } catch (error) {
    return {key: task.key, skipped: `could not be read (${(error as Error).message})`, present: true}
  }
  const source = scratch.sources[0]
  if (!source) return {key: task.key, skipped: 'no readable text', present: true}
  const sentences = source.sentences.map((s) => ({start: s.start, end: s.end, line: s.line, column: s.column, paragraph: s.paragraph, text: s.text, stems: s.stems}))
  return {key: task.key, article: {key: task.key, hash: source.hash, title: titleOf(source), text: source.text, format: source.format, modified: read.modified, facts: factsOfCorpus(scratch), sentences}}
}

/** The files' outcomes in order, pausing now and then so that the statements being written go out meanwhile
 * (the server process works on them on the other core). */
async function* prepared(tasks: Task[], root: string): AsyncGenerator<Outcome> {
  for (let i = 0; i < tasks.length; i++) {
    if (i % 8 === 7) await new Promise((resolve) => setImmediate(resolve))
    yield prepare(tasks[i], root)
  }
}

/** The first line with words, as a title to show on hover (at most 200 characters). */
function titleOf(source: Source): string | null {
  const first = source.sentences[0]?.text
  return first ? first.slice(0, 200) : null
}

