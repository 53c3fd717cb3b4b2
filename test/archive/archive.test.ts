// The shared archive in a real PostgreSQL (a throwaway cluster per run; no mocks): ingest, update, delete,
// two ingests at once, and a database that cannot be reached. The archive's tables must always equal what
// one fresh ingest of the same files writes, and its sentences and stems what the embedded index holds.
import assert from 'node:assert/strict'
import {execFileSync, spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import {checkDraft, loadCorpus, type CorroborateMessage} from '../../src/core/index.js'
import {ArchiveError, openPool} from '../../src/core/corpus/archive/connect.js'
import {ArchiveReader, checkAgainstArchive, PLACES} from '../../src/core/corpus/archive/reader.js'
import {ingest} from '../../src/core/corpus/archive/ingest.js'
import {INDEX_CHANGES, MIGRATIONS, OLDEST_READABLE, SCHEMA_VERSION, migrate} from '../../src/core/corpus/archive/schema.js'
import {postgresBin, startCluster, type Cluster} from './cluster.js'
import {Project} from '../../src/server/project.js'
import {DEFAULT_SETTINGS} from '../../src/core/settings.js'

const available = Boolean(postgresBin())

/** Turns an archive back into what the first schema held: no postings table, a tsvector of each sentence's
 * stems with its GIN index. */
const BACK_TO_SCHEMA_1 = `DROP TABLE postings; ALTER TABLE sentences ADD COLUMN lexemes tsvector GENERATED ALWAYS AS (array_to_tsvector(stems)) STORED;
  CREATE INDEX sentences_lexemes ON sentences USING gin (lexemes); DROP INDEX articles_place;
  ALTER TABLE sentences DROP CONSTRAINT sentences_pkey, ADD PRIMARY KEY (id); ALTER TABLE sentences RESET (autovacuum_vacuum_insert_scale_factor);
  ALTER TABLE articles RESET (autovacuum_vacuum_insert_scale_factor); DROP TABLE corroborate_index_changes; DELETE FROM corroborate_migrations WHERE version > 1`

/** The index scans of a statement's plan, as run (kind, index, heap fetches). A few rows are read faster by a
 * scan: the plan of a large archive is asked for. */
async function indexScans(client: pg.Client, sql: string, values: unknown[]): Promise<Array<[string, string, number]>> {
  await client.query('SET enable_seqscan = off; SET enable_bitmapscan = off')
  const [{'QUERY PLAN': [plan]}] = (await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, values)).rows
  const scans: Array<[string, string, number]> = []
  const walk = (node: {'Node Type': string; 'Index Name'?: string; 'Heap Fetches'?: number; Plans?: unknown[]}) => {
    if (node['Index Name']) scans.push([node['Node Type'], node['Index Name'], node['Heap Fetches'] ?? -1])
    for (const child of node.Plans ?? []) walk(child as typeof node)
  }
  walk(plan.Plan)
  return scans
}

/** Everything the archive holds, in an order that does not depend on ids or insertion. */
async function dump(url: string) {
  const client = new pg.Client({connectionString: url})
  await client.connect()
  try {
    const q = async (sql: string) => (await client.query(sql)).rows
    return {
      articles: await q('SELECT collection, path, hash, title, text, format, facts FROM articles ORDER BY collection, path'),
      sentences: await q('SELECT a.path, s.ord, s.start_offset, s.end_offset, s.text, s.stems, s.length FROM sentences s JOIN articles a ON a.id = s.article_id ORDER BY a.path, s.ord'),
      postings: await q('SELECT p.stem, a.path, s.ord, p.length FROM postings p JOIN sentences s ON s.id = p.sentence JOIN articles a ON a.id = s.article_id ORDER BY p.stem, a.path, s.ord'),
      terms: await q('SELECT stem, df FROM terms ORDER BY stem'),
      people: await q('SELECT name, n FROM people ORDER BY name'),
      figures: await q('SELECT value, n FROM figures ORDER BY value'),
      capitalised: await q('SELECT norm, n FROM capitalised ORDER BY norm'),
      totals: await q('SELECT sentences, length FROM totals')
    }
  } finally {
    await client.end()
  }
}

;(available || process.env.CI ? describe : describe.skip)('shared archive (PostgreSQL)', function () {
  this.timeout(120_000)
  let cluster: Cluster
  let dir: string
  let wire: string
  let n = 0
  const freshDb = () => cluster.database(`archive_${++n}`)

  before(async () => {
    cluster = await startCluster()
  })
  after(() => cluster?.stop())
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-archive-')))
    wire = path.join(dir, 'wire')
    fs.cpSync('examples/sources', wire, {recursive: true})
  })
  afterEach(() => fs.rmSync(dir, {recursive: true, force: true}))

  it('ingests a folder with the embedded index\'s sentences, stems and counts', async () => {
    const url = freshDb()
    const result = await ingest(url, wire)
    const files = fs.readdirSync(wire).length
    assert.deepEqual([result.collection, result.added, result.updated, result.removed, result.unchanged], ['wire', files, 0, 0, 0])
    const embedded = await loadCorpus([wire], {cwd: dir})
    const held = await dump(url)
    assert.equal(held.sentences.length, embedded.sentenceCount)
    assert.deepEqual(held.totals, [{sentences: String(embedded.sentenceCount), length: String(embedded.sentences.reduce((sum, s) => sum + s.stems.length, 0))}])
    for (const {stem, df} of held.terms.slice(0, 200)) assert.equal(df, embedded.documentFrequency(stem), stem)
    const sentence = embedded.sources[0].sentences[3]
    assert.ok(held.sentences.some((s) => s.text === sentence.text && JSON.stringify(s.stems) === JSON.stringify(sentence.stems)))
    // One posting per stem of each sentence, carrying the sentence's length.
    assert.equal(held.postings.length, Number(held.totals[0].length))
    const where = held.sentences.find((s) => s.text === sentence.text)!
    assert.deepEqual(
      held.postings.filter((p) => p.path === where.path && p.ord === where.ord).map((p) => [p.stem, p.length]),
      [...sentence.stems].sort().map((stem) => [stem, sentence.stems.length])
    )
  })

  it('upgrades an archive made by the first schema to the same tables a fresh ingest writes', async () => {
    const url = freshDb()
    await ingest(url, wire)
    const fresh = await dump(url)
    const client = new pg.Client({connectionString: url})
    await client.connect()
    try {
      await client.query(BACK_TO_SCHEMA_1)
      const pooled = Object.assign(client, {release: () => undefined}) as unknown as pg.PoolClient
      assert.equal(await migrate(pooled), SCHEMA_VERSION)
      assert.equal(MIGRATIONS.length, 3)
      const {rows} = await client.query("SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'sentences' AND column_name = 'lexemes'")
      assert.equal(rows[0].n, 0)
    } finally {
      await client.end()
    }
    assert.deepEqual(await dump(url), fresh)
  })

  it('keys stems and names byte by byte on a database of another collation, and finds there what the embedded index finds', async () => {
    // Most servers a desk runs collate by en_US.UTF-8 (ICU's en-US here: no operating-system locale needed).
    const url = cluster.database(`archive_${++n}`, ['--template=template0', '--locale-provider=icu', '--icu-locale=en-US'])
    const reference = freshDb()
    await ingest(url, wire)
    await ingest(reference, wire)
    const client = new pg.Client({connectionString: url})
    await client.connect()
    try {
      const {rows} = await client.query("SELECT datlocprovider FROM pg_database WHERE datname = current_database()")
      assert.equal(rows[0].datlocprovider, 'i')
      const keys = await client.query("SELECT table_name || '.' || column_name AS key, collation_name FROM information_schema.columns WHERE (table_name, column_name) IN (('postings', 'stem'), ('terms', 'stem'), ('people', 'name'), ('capitalised', 'norm')) ORDER BY 1")
      assert.deepEqual(keys.rows, ['capitalised.norm', 'people.name', 'postings.stem', 'terms.stem'].map((key) => ({key, collation_name: 'C'})))
    } finally {
      await client.end()
    }
    const [held, expected] = [await dump(url), await dump(reference)]
    for (const table of ['postings', 'terms', 'people', 'capitalised', 'totals'] as const) assert.deepEqual(held[table], expected[table], table)
    const value = fs.readFileSync('examples/draft.txt', 'utf8')
    const local = checkDraft({path: 'draft.txt', value}, await loadCorpus([wire], {cwd: dir}))
    const pool = await openPool(url, {max: 2})
    try {
      const remote = await checkAgainstArchive({path: 'draft.txt', value}, await new ArchiveReader(pool, url).open())
      const seen = (messages: CorroborateMessage[]) => messages.map((m) => `${m.ruleId} ${m.actual} ${(m.expected ?? []).join('|')} ${m.data?.evidence?.[0]?.line ?? ''}`).sort()
      assert.ok(local.messages.length > 10)
      assert.deepEqual(seen(remote.messages as CorroborateMessage[]), seen(local.messages as CorroborateMessage[]))
    } finally {
      await pool.end()
    }
  })

  it('leaves the postings readable from their index alone (every page marked all-visible), even on a server that defers commits', async () => {
    // The test cluster runs with synchronous_commit off, as a desk's server might.
    const url = freshDb()
    await ingest(url, wire)
    const client = new pg.Client({connectionString: url})
    await client.connect()
    try {
      const stems = (await client.query('SELECT array_agg(stem) AS stems FROM terms')).rows[0].stems
      assert.deepEqual(await indexScans(client, 'SELECT sentence, length FROM postings WHERE stem = ANY($1::text[])', [stems]), [['Index Only Scan', 'postings_pkey', 0]])
    } finally {
      await client.end()
    }
  })

  it("reads the places of tied hits (each sentence's article and offset) from indexes alone, on pages autovacuum marks soon", async () => {
    const url = freshDb()
    await ingest(url, wire)
    const client = new pg.Client({connectionString: url})
    await client.connect()
    try {
      // An index change is no schema version: a Corroborate that knows only this schema keeps reading the archive.
      assert.equal((await client.query('SELECT max(version) AS v FROM corroborate_migrations')).rows[0].v, SCHEMA_VERSION)
      assert.deepEqual((await client.query('SELECT name FROM corroborate_index_changes')).rows.map((r) => r.name), INDEX_CHANGES.map((c) => c.name))
      const options = await client.query("SELECT relname, reloptions FROM pg_class WHERE relname IN ('articles', 'sentences') ORDER BY relname")
      assert.deepEqual(options.rows, ['articles', 'sentences'].map((relname) => ({relname, reloptions: ['autovacuum_vacuum_insert_scale_factor=0.01']})))
      // What autovacuum does after an ingest (its next round, within a minute), done here at once. A page is
      // marked only once the commits of its rows are on disk, which this server (synchronous_commit off) defers
      // a moment (its WAL writer's next round): a checkpoint writes them now.
      await client.query('CHECKPOINT')
      await client.query('VACUUM articles, sentences')
      const ids = (await client.query('SELECT array_agg(id) AS ids FROM sentences')).rows[0].ids
      assert.deepEqual(await indexScans(client, PLACES, [ids]), [['Index Only Scan', 'sentences_pkey', 0], ['Index Only Scan', 'articles_place', 0]])
    } finally {
      await client.end()
    }
  })

  it('writes only what changed, reflects deletions, and ends where one fresh ingest ends', async () => {
    const url = freshDb()
    await ingest(url, wire)
    const again = await ingest(url, wire)
    assert.deepEqual([again.added, again.updated, again.removed, again.unchanged], [0, 0, 0, fs.readdirSync(wire).length])
    const [a, b] = fs.readdirSync(wire).sort()
    fs.appendFileSync(path.join(wire, a), '\n\nThe ferry company said on Friday it would add 14 sailings to Tallinn in June.\n')
    fs.rmSync(path.join(wire, b))
    fs.writeFileSync(path.join(wire, 'added.txt'), 'Harbour officials in Kessling counted 312 cruise calls last year, a record.\n')
    const changed = await ingest(url, wire)
    assert.deepEqual([changed.added, changed.updated, changed.removed], [1, 1, 1])
    const fresh = freshDb()
    await ingest(fresh, wire)
    assert.deepEqual(await dump(url), await dump(fresh))
  })

  it('keeps every character of a text as the file holds it, and skips with a note a file holding a NUL (PostgreSQL text cannot) or too large to read', async () => {
    const url = freshDb()
    // Control and private-use characters too: the ingest sends a batch's texts cut by one of them that no text
    // holds, and as arrays when every one occurs.
    const odd = 'A "quoted" back\\slash, a tab\there, an accent (é), an emoji (\u{1F4F0}) and {braces, commas}, a unit\x1fseparator.\n\nThe mayor said: \'we\\\'ll see\'\x1e.\n\nIt is so.\n'
    const separators = [...Array.from({length: 31}, (_, k) => String.fromCharCode(k + 1)), ...Array.from({length: 256}, (_, k) => String.fromCharCode(0xe000 + k))].join('')
    const every = `Every character that could cut texts apart is in this sentence: ${separators}.\n\nThe count stayed at 12 all week.\n`
    fs.writeFileSync(path.join(wire, 'odd.txt'), odd)
    fs.writeFileSync(path.join(wire, 'late-nul.txt'), 'Readable words for a while. '.repeat(400) + '\0 and more words after it.\n')
    fs.writeFileSync(path.join(wire, 'huge.txt'), 'All words and no end. '.repeat(260_000))
    const notes: string[] = []
    const result = await ingest(url, wire, {note: (line) => notes.push(line)})
    assert.equal(result.skipped, 2)
    assert.match(notes.join('\n'), /late-nul\.txt: holds NUL characters/)
    assert.match(notes.join('\n'), /huge\.txt: larger than 5 MB/)
    const client = new pg.Client({connectionString: url})
    await client.connect()
    try {
      const {rows} = await client.query("SELECT text, format, file_modified FROM articles WHERE path = 'odd.txt'")
      assert.equal(rows[0].text, odd)
      const sentences = async (file: string) => (await client.query('SELECT s.text FROM sentences s JOIN articles a ON a.id = s.article_id WHERE a.path = $1 ORDER BY s.ord', [file])).rows.map((r) => r.text)
      assert.deepEqual(await sentences('odd.txt'), odd.trim().split('\n\n').map((t) => t.replace(/\t/g, ' ')))
      // A sentence of function words only: no stems, an empty element among the batch's others.
      const stems = (await client.query("SELECT s.stems FROM sentences s JOIN articles a ON a.id = s.article_id WHERE a.path = 'odd.txt' ORDER BY s.ord")).rows.map((r) => r.stems)
      assert.deepEqual(stems.map((x) => x.length > 0), [true, true, false])
      // The same sentence alone in its batch (a lone empty text, which string_to_array would drop).
      const lone = path.join(dir, 'lone')
      fs.mkdirSync(lone)
      fs.writeFileSync(path.join(lone, 'short.txt'), 'It is so.\n')
      await ingest(url, lone)
      assert.deepEqual((await client.query("SELECT s.text, s.stems FROM sentences s JOIN articles a ON a.id = s.article_id WHERE a.collection = 'lone'")).rows, [{text: 'It is so.', stems: []}])
      fs.writeFileSync(path.join(wire, 'every.txt'), every)
      assert.equal((await ingest(url, wire)).added, 1)
      assert.equal((await client.query("SELECT text FROM articles WHERE path = 'every.txt'")).rows[0].text, every)
      assert.equal((await sentences('every.txt')).at(-1), 'The count stayed at 12 all week.')
      assert.equal(rows[0].format, 'text')
      assert.ok(rows[0].file_modified instanceof Date)
      assert.equal((await client.query("SELECT count(*)::int AS n FROM articles WHERE path = 'late-nul.txt'")).rows[0].n, 0)
    } finally {
      await client.end()
    }
  })

  it('keeps the archive whole when two ingests run at once', async () => {
    const url = freshDb()
    const [x, y] = await Promise.all([ingest(url, wire), ingest(url, wire)])
    // Each file was written by exactly one of them; the other found it unchanged.
    assert.equal(x.added + y.added, fs.readdirSync(wire).length)
    const single = freshDb()
    await ingest(single, wire)
    assert.deepEqual(await dump(url), await dump(single))
  })

  it('builds the postings index once at the end of a first large ingest, also with two at once or after one stopped half-way', async () => {
    const hasIndex = async (url: string) => {
      const client = new pg.Client({connectionString: url})
      await client.connect()
      try {
        return (await client.query("SELECT indexdef FROM pg_indexes WHERE indexname = 'postings_pkey'")).rows.map((r) => r.indexdef as string)
      } finally {
        await client.end()
      }
    }
    const single = freshDb()
    await ingest(single, wire, {bulkFrom: Infinity})
    const [expected, index] = [await dump(single), await hasIndex(single)]
    assert.equal(index.length, 1)
    // Two first loads at once, both taking the bulk path.
    const both = freshDb()
    await Promise.all([ingest(both, wire, {bulkFrom: 1}), ingest(both, wire, {bulkFrom: 1})])
    assert.deepEqual([await dump(both), await hasIndex(both)], [expected, index])
    // One that stopped before building it (the index dropped, nothing else): the next ingest, with nothing to
    // write, builds it.
    const client = new pg.Client({connectionString: both})
    await client.connect()
    await client.query('ALTER TABLE postings DROP CONSTRAINT postings_pkey')
    await client.end()
    assert.deepEqual(await hasIndex(both), [])
    // Meanwhile a check says what is going on instead of scanning every posting for each word.
    const pool = await openPool(both, {max: 1})
    try {
      await assert.rejects(new ArchiveReader(pool, both).open(), (error: Error) => error instanceof ArchiveError && /is being loaded: its search index is built when the first ingest ends/.test(error.message))
    } finally {
      await pool.end()
    }
    await ingest(both, wire)
    assert.deepEqual([await dump(both), await hasIndex(both)], [expected, index])
  })

  it('finds on the labelled fixtures and the seed example exactly what the embedded index finds', async () => {
    const cases = [
      ...fs.readdirSync('test/fixtures').filter((f) => fs.existsSync(path.join('test/fixtures', f, 'sources'))).map((f) => path.join('test/fixtures', f)),
      'test/unit/fixtures-engine/fire'
    ]
    const seen = (messages: CorroborateMessage[]) =>
      messages.map((m) => [m.ruleId, m.fatal, (m.place as {start: {offset: number}}).start.offset, m.actual, (m.expected ?? []).join('|'), m.reason, JSON.stringify(m.data?.evidence?.map((e) => [e.path, e.line]) ?? [])].join(' ')).sort()
    let compared = 0
    for (const folder of [...cases, 'examples']) {
      const url = freshDb()
      await ingest(url, path.join(folder, 'sources'))
      const embedded = await loadCorpus(['sources'], {cwd: path.resolve(folder)})
      const pool = await openPool(url, {max: 2})
      try {
        const reader = await new ArchiveReader(pool, url).open()
        const drafts = folder === 'examples' ? ['draft.txt'] : fs.readdirSync(path.join(folder, folder.startsWith('test/fixtures') ? 'drafts' : '.')).filter((f) => /\.(md|txt)$/.test(f)).map((f) => (folder.startsWith('test/fixtures') ? `drafts/${f}` : f))
        for (const draft of drafts) {
          const value = fs.readFileSync(path.join(folder, draft), 'utf8')
          const local = checkDraft({path: draft, value}, embedded)
          const remote = await checkAgainstArchive({path: draft, value}, reader)
          assert.deepEqual(seen(remote.messages as CorroborateMessage[]), seen(local.messages as CorroborateMessage[]), `${folder}/${draft}`)
          compared += local.messages.length
        }
      } finally {
        await pool.end()
      }
    }
    assert.ok(compared > 100, `only ${compared} findings compared`)
  })

  it('keeps what it worked out for unchanged sentences when an edit makes it fetch again (the editor re-checks often)', async () => {
    const url = freshDb()
    await ingest(url, wire)
    const pool = await openPool(url, {max: 2})
    try {
      const reader = await new ArchiveReader(pool, url).open()
      // Candidate searches, counted by sentence text.
      const searched: string[] = []
      const counting = new Proxy(reader, {
        get(target, key) {
          if (key === 'search') return (tokens: Array<{value: string}>, limit?: number) => (searched.push(tokens.map((t) => t.value).join(' ')), target.search(tokens as never, limit))
          const value = Reflect.get(target, key, target)
          return typeof value === 'function' ? value.bind(target) : value
        }
      })
      const draft = fs.readFileSync('examples/draft.txt', 'utf8')
      const first = await checkAgainstArchive({path: 'draft.txt', value: draft}, counting)
      const sentences = new Set(searched).size
      assert.ok(sentences > 10)
      // What it holds is counted (the editor starts a fresh reader past a bound): every posting of the
      // stems it fetched, as the archive counts them.
      const client = await pool.connect()
      try {
        const {rows} = await client.query<{n: number}>('SELECT count(*)::int AS n FROM postings')
        assert.ok(reader.postingsHeld > 0 && reader.postingsHeld <= rows[0].n, `${reader.postingsHeld} of ${rows[0].n}`)
      } finally {
        client.release()
      }
      const held = reader.postingsHeld
      // One sentence edited: a new word makes the archive fetch (its count and postings) in a new round.
      const edited = draft.replace(/(Blinken visited Kazakhstan)/, '$1 and Zagreb')
      assert.notEqual(edited, draft)
      searched.length = 0
      const second = await checkAgainstArchive({path: 'draft.txt', value: edited}, counting)
      assert.ok(reader.postingsHeld >= held)
      // Only the edited sentence is searched again, not the others nor the quotes.
      assert.deepEqual([...new Set(searched)], [searched.find((s) => s.includes('Zagreb'))])
      assert.ok(second.messages.length >= first.messages.length - 1)
      // And the result is what a fresh reader finds.
      const fresh = await checkAgainstArchive({path: 'draft.txt', value: edited}, await new ArchiveReader(pool, url).open())
      const key = (f: typeof fresh) => f.messages.map((m) => `${m.ruleId}@${(m.place as {start: {offset: number}}).start.offset}:${m.reason}`).sort()
      assert.deepEqual(key(second), key(fresh))
    } finally {
      await pool.end()
    }
  })

  it('says in one line that the archive cannot be reached, without its password', async () => {
    const url = cluster.url.replace(/:(\d+)\//, (_, port) => `:${Number(port) === 1 ? 2 : 1}/`).replace('corroborate@', 'corroborate:s3cret@')
    await assert.rejects(ingest(url, wire), (error: Error) => {
      assert.ok(error instanceof ArchiveError, String(error))
      assert.match(error.message, /^cannot use the archive postgres:\/\/corroborate@127\.0\.0\.1:\d+\/postgres \(connection refused/)
      assert.ok(!error.message.includes('s3cret') && !error.message.includes('\n'))
      return true
    })
  })
})

;(available || process.env.CI ? describe : describe.skip)('corroborate index (PostgreSQL)', function () {
  this.timeout(120_000)
  const BIN = path.resolve('bin/corroborate.cjs')
  // A variable given as undefined is taken out of the environment.
  const run = (args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) =>
    // A command that hangs (a half-open login waits for the server's minute-long timeout) is killed: status null.
    spawnSync(process.execPath, [BIN, ...args], {cwd, encoding: 'utf8', timeout: 30_000, env: Object.fromEntries(Object.entries({...process.env, ...env}).filter(([, v]) => v !== undefined))})
  let cluster: Cluster
  let dir: string
  before(async () => {
    execFileSync(process.execPath, ['esbuild.mjs'])
    cluster = await startCluster()
  })
  after(() => cluster?.stop())
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-index-')))
    fs.cpSync('examples/sources', path.join(dir, 'wire'), {recursive: true})
  })
  afterEach(() => fs.rmSync(dir, {recursive: true, force: true}))

  it('ingests a folder, says what it wrote, and writes nothing the second time', () => {
    const url = cluster.database('cli_archive')
    const first = run(['index', '--corpus', 'wire', '--into', url], dir)
    assert.equal(first.status, 0, first.stderr)
    assert.match(first.stdout, /· wire: 4 added, 0 updated, 0 removed, 0 unchanged/)
    assert.match(first.stderr, /ingesting wire: 4\/4 articles/)
    const second = run(['index', '--corpus', 'wire', '--into', url], dir)
    assert.match(second.stdout, /0 added, 0 updated, 0 removed, 4 unchanged/)
  })

  it('checks a draft against the archive as against the folder it was ingested from', () => {
    const url = cluster.database('cli_check')
    fs.copyFileSync('examples/draft.txt', path.join(dir, 'draft.txt'))
    assert.equal(run(['index', '--corpus', 'wire', '--into', url], dir).status, 0)
    const local = run(['check', '--no-exit', '--no-cache', '--format', 'json', '--corpus', 'wire', 'draft.txt'], dir)
    const remote = run(['check', '--no-exit', '--format', 'json', '--corpus', url, 'draft.txt'], dir)
    assert.equal(remote.status, 0, remote.stderr)
    assert.ok(JSON.parse(local.stdout)[0].messages.length > 30)
    // The same findings and evidence; the evidence's full name says where it is (the archive, or the file).
    const absPaths = (out: string) => JSON.parse(out)[0].messages.flatMap((m: {data?: {evidence?: Array<{absPath: string}>}}) => m.data?.evidence?.map((e) => e.absPath) ?? [])
    const without = (out: string) => JSON.parse(out, (key, value) => (key === 'absPath' || key === 'archive' ? undefined : value))
    assert.deepEqual(without(remote.stdout), without(local.stdout))
    assert.ok(absPaths(remote.stdout).every((p: string) => /^postgres:\/\/corroborate@127\.0\.0\.1:\d+\/cli_check\/wire\//.test(p)))
    // Each piece of evidence names its article: the archive's id, the title (its first line) and its date.
    const articles = JSON.parse(remote.stdout)[0].messages.flatMap((m: {data?: {evidence?: Array<{archive?: {id: number; title?: string; date?: string; url: string}; path: string}>}}) => m.data?.evidence ?? [])
    assert.ok(articles.length > 0 && articles.every((e: {archive?: {id: number; title?: string; date?: string}; path: string}) => e.archive && e.archive.id > 0 && e.archive.title && /^\d{4}-\d\d-\d\d$/.test(e.archive.date ?? '')))
    const first = articles[0]
    // The title is the article's first sentence (its headline in a wire file).
    assert.ok(fs.readFileSync(path.join(dir, first.path), 'utf8').replace(/\s+/g, ' ').trimStart().startsWith(first.archive.title.slice(0, 40)))
    const text = run(['check', '--no-exit', '--corpus', url, 'draft.txt'], dir)
    assert.match(text.stderr, /checked against the archive postgres:\/\/corroborate@127\.0\.0\.1:\d+\/cli_check \(\d+ sentences; \d+ articles read\)/)
  })

  it('takes the password from ~/.pgpass (PGPASSFILE) or PGPASSWORD, and says in one line when it is wrong', async () => {
    const url = cluster.database('cli_password')
    const admin = new pg.Client({connectionString: url})
    await admin.connect()
    await admin.query("CREATE ROLE reporter LOGIN PASSWORD 'wire-desk-2026'")
    await admin.query('GRANT CREATE ON SCHEMA public TO reporter')
    // Not yet the extension (docs/archive.md: a superuser makes it once): the refusal is one line.
    const noExtension = run(['index', '--corpus', 'wire', '--into', url.replace('corroborate@', 'reporter:wire-desk-2026@')], dir)
    assert.equal(noExtension.status, 2)
    assert.match(noExtension.stderr, /^corroborate: the archive postgres:\/\/reporter@[^ ]+ refused: permission denied to create extension "pg_trgm" \(SQLSTATE 42501\) — see docs\/archive\.md[^\n]*\n$/)
    await admin.query('CREATE EXTENSION pg_trgm')
    await admin.query('CREATE EXTENSION fuzzystrmatch')
    await admin.end()
    const reporter = url.replace('corroborate@', 'reporter@')
    const port = new URL(url).port
    const noPassword = {PGPASSWORD: undefined, PGPASSFILE: path.join(dir, 'none')}
    const refused = run(['index', '--corpus', 'wire', '--into', reporter], dir, noPassword)
    assert.equal(refused.status, 2)
    assert.match(refused.stderr, /^corroborate: cannot use the archive postgres:\/\/reporter@127\.0\.0\.1:\d+\/cli_password \(no password: set PGPASSWORD or a ~\/\.pgpass line for this server\)\n$/)
    const passfile = path.join(dir, 'pgpass')
    fs.writeFileSync(passfile, `127.0.0.1:${port}:cli_password:reporter:wire-desk-2026\n`, {mode: 0o600})
    const withFile = run(['index', '--corpus', 'wire', '--into', reporter], dir, {PGPASSWORD: undefined, PGPASSFILE: passfile})
    assert.equal(withFile.status, 0, withFile.stderr)
    const withEnv = run(['index', '--corpus', 'wire', '--into', reporter], dir, {PGPASSWORD: 'wire-desk-2026', PGPASSFILE: path.join(dir, 'none')})
    assert.match(withEnv.stdout, /4 unchanged/)
    const wrong = run(['index', '--corpus', 'wire', '--into', reporter], dir, {PGPASSWORD: 'not-it', PGPASSFILE: undefined})
    assert.match(wrong.stderr, /\(password authentication failed: set PGPASSWORD or a ~\/\.pgpass line for this server\)\n$/)
  })

  it('checks against local sources and the archive together, each finding naming where its evidence is', () => {
    const url = cluster.database('cli_both')
    fs.copyFileSync('examples/draft.txt', path.join(dir, 'draft.txt'))
    // Half the sources in a local folder, half in the archive.
    const [a, b, ...rest] = fs.readdirSync(path.join(dir, 'wire')).sort()
    fs.mkdirSync(path.join(dir, 'desk'))
    for (const f of [a, b]) fs.renameSync(path.join(dir, 'wire', f), path.join(dir, 'desk', f))
    assert.equal(run(['index', '--corpus', 'wire', '--into', url], dir).status, 0)
    const both = run(['check', '--no-exit', '--format', 'json', '--corpus', 'desk', '--corpus', url, 'draft.txt'], dir)
    assert.equal(both.status, 0, both.stderr)
    const evidence = JSON.parse(both.stdout)[0].messages.flatMap((m: {data?: {evidence?: Array<{path: string}>}}) => m.data?.evidence?.map((e) => e.path) ?? [])
    assert.ok(evidence.some((p: string) => [a, b].some((f) => p === `desk/${f}`)), 'evidence from the local folder')
    assert.ok(evidence.some((p: string) => rest.some((f) => p === `wire/${f}`)), 'evidence from the archive')
    // All four sources in one folder find what the folder and the archive find together.
    for (const f of [a, b]) fs.copyFileSync(path.join(dir, 'desk', f), path.join(dir, 'wire', f))
    const together = run(['check', '--no-exit', '--no-cache', '--format', 'json', '--corpus', 'wire', 'draft.txt'], dir)
    const found = (out: string) => JSON.parse(out)[0].messages.map((m: {ruleId: string; place: {start: {offset: number}}; actual: string}) => `${m.ruleId}@${m.place.start.offset}:${m.actual}`).sort()
    assert.deepEqual(found(both.stdout), found(together.stdout))
    const text = run(['check', '--no-exit', '--corpus', 'desk', '--corpus', url, 'draft.txt'], dir)
    assert.match(text.stderr, /checked against 2 local sources \(\d+ sentences\) and the archive postgres:\/\/[^ ]+\/cli_both \(\d+ sentences; \d+ articles? read\)/)
  })

  it('says in one line that a database holds no archive yet, or one newer or older than this version reads (an ingest upgrades an older one)', async () => {
    const url = cluster.database('cli_empty')
    fs.writeFileSync(path.join(dir, 'draft.md'), 'The ferry company said on Friday it would add 14 sailings.\n')
    const empty = run(['check', '--corpus', url, 'draft.md'], dir)
    assert.equal(empty.status, 2)
    assert.match(empty.stderr, /^corroborate: postgres:\/\/corroborate@[^ ]+\/cli_empty holds no archive yet — ingest sources into it first: corroborate index --corpus DIR --into postgres:[^\n]*\n$/)
    assert.equal(run(['index', '--corpus', 'wire', '--into', url], dir).status, 0)
    const current = run(['check', '--corpus', url, '--format', 'json', 'draft.md'], dir)
    const admin = new pg.Client({connectionString: url})
    await admin.connect()
    await admin.query("INSERT INTO corroborate_migrations (version, name) VALUES (99, 'from the future')")
    await admin.end()
    for (const args of [['check', '--corpus', url, 'draft.md'], ['index', '--corpus', 'wire', '--into', url]]) {
      const newer = run(args, dir)
      assert.equal(newer.status, 2)
      assert.equal(newer.stderr, `corroborate: the archive's schema is at version 99, newer than this Corroborate knows (${SCHEMA_VERSION}) — update Corroborate\n`)
    }
    // An archive at version 2 (keys under the database's collation) is read as it is, with the same findings.
    const v2 = new pg.Client({connectionString: url})
    await v2.connect()
    await v2.query(`DELETE FROM corroborate_migrations WHERE version > 2;
      ALTER TABLE postings ALTER COLUMN stem TYPE text COLLATE "default"; ALTER TABLE terms ALTER COLUMN stem TYPE text COLLATE "default"`)
    await v2.end()
    const atTwo = run(['check', '--corpus', url, '--format', 'json', 'draft.md'], dir)
    assert.deepEqual([atTwo.status, atTwo.stdout, atTwo.stderr], [current.status, current.stdout, current.stderr])
    // An archive the first schema made: a check says how to upgrade it (a reader never migrates); an ingest does.
    const old = new pg.Client({connectionString: url})
    await old.connect()
    await old.query(BACK_TO_SCHEMA_1)
    await old.end()
    const older = run(['check', '--corpus', url, 'draft.md'], dir)
    assert.equal(older.status, 2)
    assert.equal(older.stderr, `corroborate: the archive's schema is at version 1, older than this Corroborate reads (${OLDEST_READABLE}) — run an ingest once to upgrade it: corroborate index --corpus DIR --into ${url}\n`)
    const upgrade = run(['index', '--corpus', 'wire', '--into', url], dir)
    assert.doesNotMatch(upgrade.stderr, /refused|error/i)
    assert.equal(upgrade.status, 0)
    const upgraded = run(['check', '--corpus', url, '--format', 'json', 'draft.md'], dir)
    assert.deepEqual([upgraded.status, upgraded.stdout], [current.status, current.stdout])
  })

  it('exits 2 with one line when the archive cannot be reached or the config holds its password', () => {
    const down = run(['index', '--corpus', 'wire', '--into', 'postgres://desk:hunter2@127.0.0.1:1/archive'], dir)
    assert.equal(down.status, 2)
    assert.match(down.stderr, /^corroborate: cannot use the archive postgres:\/\/desk@127\.0\.0\.1:1\/archive \(connection refused[^\n]*\n$/)
    assert.ok(!down.stderr.includes('hunter2'))
    fs.writeFileSync(path.join(dir, '.corroborate.json'), JSON.stringify({corpus: ['postgres://desk:hunter2@db.internal/archive']}))
    fs.writeFileSync(path.join(dir, 'draft.md'), 'A draft.\n')
    const config = run(['check', 'draft.md'], dir)
    assert.equal(config.status, 2)
    assert.match(config.stderr, /holds the archive's password — remove it/)
    assert.ok(!config.stderr.includes('hunter2'))
  })
})

describe('the folders beside a shared archive', () => {
  it('are read without the archive entry, which never shows its password', async () => {
    const corpus = await loadCorpus(['examples/sources', 'postgres://desk:hunter2@db.internal/archive'])
    assert.equal(corpus.sources.length, fs.readdirSync('examples/sources').length)
    assert.deepEqual(corpus.skipped, [])
    await assert.rejects(loadCorpus(['postgres://desk:hunter2@db.internal/archive']), (error: Error) => !error.message.includes('hunter2') && /holds no readable source/.test(error.message))
  })

  it('may be missing in the editor: the archive still answers, so the folder is a note', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-beside-'))
    try {
      const project = new Project(dir, {...DEFAULT_SETTINGS, corpus: ['sources', 'postgres://desk@db.internal/archive']})
      await project.load()
      assert.equal(project.error, undefined)
      assert.equal(project.corpus?.sources.length, 0)
      assert.match(project.corpus!.skipped[0].reason, /corpus folder '.*sources' does not exist/)
      assert.equal(project.archiveUrl, 'postgres://desk@db.internal/archive')
      assert.equal(project.archiveSetting, '"corroborate.corpus"')
      // Not a folder: no file is a source of it.
      assert.equal(project.isSource(path.join(dir, 'postgres:', 'desk@db.internal', 'archive', 'x.txt')), false)
    } finally {
      fs.rmSync(dir, {recursive: true, force: true})
    }
  })
})
