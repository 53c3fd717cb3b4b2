// The shared archive's tables in PostgreSQL, created and upgraded by numbered migrations: each runs once,
// in a transaction, under an advisory lock, and is recorded in corroborate_migrations. A database at a
// higher number than this build knows is refused (an older Corroborate must not write to a newer archive).
import type {PoolClient} from 'pg'
import {ArchiveError} from './connect.js'

/** Migrations in order; never edit one that has shipped: add the next. */
export const MIGRATIONS: ReadonlyArray<{version: number; name: string; sql: string}> = [
  {
    version: 1,
    name: 'articles, sentences, term and fact statistics',
    sql: `
      CREATE EXTENSION IF NOT EXISTS pg_trgm;
      CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
      -- One row per source file of a collection (the folder it was ingested from, by name).
      CREATE TABLE articles (
        id bigserial PRIMARY KEY,
        collection text NOT NULL,
        path text NOT NULL,
        hash text NOT NULL,
        title text,
        text text NOT NULL,
        format text NOT NULL,
        -- The file's modification time when ingested, and what its sentences state (subtracted when it goes).
        file_modified timestamptz,
        facts jsonb NOT NULL,
        ingested_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (collection, path)
      );
      -- Sentences as the embedded index splits them, with their distinct content stems: a tsvector of the
      -- stems (no parsing: each stem is one lexeme) for the candidate query, and its length for BM25.
      CREATE TABLE sentences (
        id bigserial PRIMARY KEY,
        article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        ord int NOT NULL,
        start_offset int NOT NULL,
        end_offset int NOT NULL,
        line int NOT NULL,
        col int NOT NULL,
        paragraph int NOT NULL,
        text text NOT NULL,
        stems text[] NOT NULL,
        length int GENERATED ALWAYS AS (cardinality(stems)) STORED,
        lexemes tsvector GENERATED ALWAYS AS (array_to_tsvector(stems)) STORED
      );
      CREATE INDEX sentences_article ON sentences (article_id, ord);
      CREATE INDEX sentences_lexemes ON sentences USING gin (lexemes);
      -- Sentences using each stem (BM25's document frequency); trigrams find a stem one letter off.
      -- Count tables are updated in place on every ingest: room on each page keeps those updates HOT (no new
      -- index entries, the trigram indexes above all).
      CREATE TABLE terms (stem text PRIMARY KEY, df int NOT NULL) WITH (fillfactor = 60);
      CREATE INDEX terms_trigrams ON terms USING gin (stem gin_trgm_ops);
      -- Facts stated anywhere, with how many sentences state them: names after a title or before a speech
      -- verb, figures, capitalised words (with the form first seen).
      CREATE TABLE people (name text PRIMARY KEY, n int NOT NULL) WITH (fillfactor = 60);
      CREATE TABLE figures (value double precision PRIMARY KEY, n int NOT NULL) WITH (fillfactor = 60);
      CREATE TABLE capitalised (norm text PRIMARY KEY, form text NOT NULL, n int NOT NULL) WITH (fillfactor = 60);
      CREATE INDEX capitalised_trigrams ON capitalised USING gin (norm gin_trgm_ops);
      -- Near spellings and related forms of a name share its first letter and nearly its length.
      CREATE INDEX capitalised_first ON capitalised (left(norm, 1), length(norm));
      -- Whole-archive counts for BM25: sentences and their total length.
      CREATE TABLE totals (one boolean PRIMARY KEY DEFAULT true CHECK (one), sentences bigint NOT NULL, length bigint NOT NULL);
      INSERT INTO totals VALUES (true, 0, 0);
    `
  },
  {
    version: 2,
    name: 'postings read from an index alone',
    // A GIN index cannot answer without visiting each sentence's row for its length (BM25 needs it): at
    // 1,000,000 sentences the postings of 40 stems used ~800 times each took 630 ms, nearly all row visits.
    // One btree row per (stem, sentence) carrying the length answers from the index (26 ms for the same);
    // it replaces the tsvector and its GIN index. An ingest pays a btree row per posting (a desk's first load
    // builds the index once at its end: ingest.ts).
    sql: `
      CREATE TABLE postings (stem text NOT NULL, sentence bigint NOT NULL, length int NOT NULL);
      INSERT INTO postings SELECT stem, s.id, s.length FROM sentences s, unnest(s.stems) AS stem;
      ALTER TABLE postings ADD CONSTRAINT postings_pkey PRIMARY KEY (stem, sentence) INCLUDE (length);
      ALTER TABLE sentences DROP COLUMN lexemes; -- and its GIN index with it
    `
  },
  {
    version: 3,
    name: 'stems and names keyed byte by byte',
    // Keys are looked up for equality only, and the embedded index orders by code unit. Under a database's
    // own collation (en_US.UTF-8 on most servers a desk runs) each key comparison of a btree insert or of
    // the ingest's sort called strcoll: an ingest into a full archive went 767 → 666 articles/s against a
    // C-collation database with the same data. The indexes are rebuilt once (a few seconds per 100 MB).
    sql: `
      ALTER TABLE postings ALTER COLUMN stem TYPE text COLLATE "C";
      ALTER TABLE terms ALTER COLUMN stem TYPE text COLLATE "C";
      ALTER TABLE people ALTER COLUMN name TYPE text COLLATE "C";
      ALTER TABLE capitalised ALTER COLUMN norm TYPE text COLLATE "C";
    `
  }
]

/** Changes of indexes and storage settings only: what a check reads and how it asks are the same, so they are
 * no schema version (an older Corroborate keeps reading an archive that has them, where a new version would
 * refuse it as newer). Each runs once, in order, after the migrations, recorded by name. */
export const INDEX_CHANGES: ReadonlyArray<{name: string; sql: string}> = [
  {
    name: 'places of sentences read from indexes alone',
    // Hits tied for a search's last places are ordered by where they stand (article path, offset), as in the
    // embedded index; an archive of syndicated copy ties dozens at a time. Those places now come from the
    // indexes alone: the sentences' primary key carries each one's article and offset (no index more for an
    // ingest to keep up), and a small index on articles carries their names.
    // An index answers alone only for pages marked all-visible: autovacuum marks them once 1 % of the rows are
    // new (PostgreSQL's default waits for 20 %, weeks of a desk's ingests), in the background rather than in
    // the ingest (a vacuum there cost ~1.2 s of a 16 s ingest into a full archive). On the 1 M-sentence bench
    // archive: the statement 1.9–2.5 → 1.1 ms, retrieval per sentence 10.6–11.1 → 8.2–8.8 ms. The primary
    // key is rebuilt once (0.9 s at 1 M sentences).
    sql: `
      ALTER TABLE sentences DROP CONSTRAINT sentences_pkey, ADD CONSTRAINT sentences_pkey PRIMARY KEY (id) INCLUDE (article_id, start_offset);
      CREATE INDEX articles_place ON articles (id) INCLUDE (collection, path);
      ALTER TABLE sentences SET (autovacuum_vacuum_insert_scale_factor = 0.01);
      ALTER TABLE articles SET (autovacuum_vacuum_insert_scale_factor = 0.01);
    `
  }
]

/** The schema version this build writes and reads. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version

/** The oldest schema this build reads as it is: what a check reads has not changed since version 2 (3 changed
 * only how keys compare), so reporters' checks go on working until the desk's next ingest upgrades it. */
export const OLDEST_READABLE = 2

/** Any two Corroborate processes migrating at once take turns on this lock. */
const MIGRATION_LOCK = 0x436f7272 // "Corr"


/** Brings the archive's schema up to date; returns the version it is at. */
export async function migrate(client: PoolClient): Promise<number> {
  await client.query('BEGIN')
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await client.query('CREATE TABLE IF NOT EXISTS corroborate_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())')
    const {rows} = await client.query<{version: number | null}>('SELECT max(version) AS version FROM corroborate_migrations')
    const at = rows[0]?.version ?? 0
    const known = SCHEMA_VERSION
    if (at > known) throw new ArchiveError(`the archive's schema is at version ${at}, newer than this Corroborate knows (${known}) — update Corroborate`)
    for (const m of MIGRATIONS) {
      if (m.version <= at) continue
      await client.query(m.sql)
      await client.query('INSERT INTO corroborate_migrations (version, name) VALUES ($1, $2)', [m.version, m.name])
    }
    await client.query('CREATE TABLE IF NOT EXISTS corroborate_index_changes (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())')
    const done = new Set((await client.query<{name: string}>('SELECT name FROM corroborate_index_changes')).rows.map((r) => r.name))
    for (const change of INDEX_CHANGES) {
      if (done.has(change.name)) continue
      await client.query(change.sql)
      await client.query('INSERT INTO corroborate_index_changes (name) VALUES ($1)', [change.name])
    }
    await client.query('COMMIT')
    return known
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  }
}
