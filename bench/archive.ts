// The shared archive at scale, in a real PostgreSQL (a throwaway cluster): ingest the news corpus
// (../shared/data/news-corpus, 12,807 real articles) and, with --million, an archive of 1,000,000 sentences
// recombined from its real sentences; print the ingest rate, the archive's size on disk, per-sentence
// candidate retrieval time (median and p95, a fresh reader per sentence on a pool that has served: the database round trips a check
// makes for it) and a 1,000-word check end to end, beside the embedded index on the same articles.
// Not a test: it measures and exits 0.
//
//   npm run bench:archive [-- --million]
import {execFile, execFileSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {parseArgs, promisify} from 'node:util'
import {fileURLToPath} from 'node:url'
import {checkDraft, loadCorpus} from '../src/core/index.js'
import {openPool} from '../src/core/corpus/archive/connect.js'
import {ArchiveReader, checkAgainstArchive, type ArchiveRound} from '../src/core/corpus/archive/reader.js'
import {sentenceSpans} from '../src/core/text/sentences.js'
import {tokenize} from '../src/core/text/tokens.js'
import {postgresBin, startCluster} from '../test/archive/cluster.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const {values} = parseArgs({options: {million: {type: 'boolean', default: false}, data: {type: 'string', default: path.resolve(root, '../shared/data/news-corpus')}, sample: {type: 'string', default: '200'}}})

interface Article {id: string; source: string; text: string}

const unpackModule = path.join(values.data!, 'unpack.mjs')
if (!fs.existsSync(unpackModule) || !postgresBin()) {
  console.log(!postgresBin() ? 'PostgreSQL is not installed (run .ci/install-postgres.sh); nothing measured' : `news corpus not found at ${values.data}; nothing measured`)
  process.exit(0)
}
const {readArticles} = (await import(unpackModule)) as {readArticles: () => Article[]}
const articles = readArticles()
const work = path.join(os.tmpdir(), 'corroborate-bench-archive')
fs.mkdirSync(work, {recursive: true})

/** The folder of a size's articles (written once, reused by later runs) and how many it holds. The articles
 * are made only when the folder is missing: the million's take seconds and hundreds of MB, whose collection
 * in this process's background threads would otherwise run beside the ingest being timed. */
function folderOf(name: string, list: () => Article[]): {dir: string; count: number} {
  const dir = path.join(work, name)
  if (!fs.existsSync(path.join(dir, '.complete'))) {
    fs.rmSync(dir, {recursive: true, force: true})
    fs.mkdirSync(dir, {recursive: true})
    for (const a of list()) fs.writeFileSync(path.join(dir, `${a.id}.txt`), a.text)
    fs.writeFileSync(path.join(dir, '.complete'), '')
  }
  return {dir, count: fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).length}
}

/** Articles of real sentences in a seeded shuffle, 12 to a paragraph-per-sentence article, until n sentences. */
function recombined(n: number): Article[] {
  const sentences = articles.flatMap((a) => a.text.split(/\n\s*\n/).slice(1).flatMap((p) => sentenceSpans(p).map(([s, e]) => p.slice(s, e))))
  let seed = 8
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
  const out: Article[] = []
  for (let made = 0, k = 0; made < n; k++) {
    const body = Array.from({length: 12}, () => sentences[Math.floor(next() * sentences.length)])
    out.push({id: `mix-${String(k).padStart(6, '0')}`, source: 'mix', text: [`Recombined ${k}`, ...body].join('\n\n')})
    made += body.length + 1
  }
  return out
}

const run = promisify(execFile)

/** Whether the system reserves huge pages, which PostgreSQL's default (huge_pages = try) then uses for its
 * shared buffers: a new server process maps 2 MB pages instead of 4 kB ones (see docs/archive.md). */
function hugePages(): string {
  const reserved = fs.existsSync('/proc/sys/vm/nr_hugepages') ? Number(fs.readFileSync('/proc/sys/vm/nr_hugepages', 'utf8')) : 0
  return reserved > 0 ? `the system reserves ${reserved} huge pages (PostgreSQL uses them for its buffers)` : 'no huge pages reserved (vm.nr_hugepages = 0)'
}

/** An ingest as users run it (the bundled CLI), timed from start to exit. */
async function ingestWithCli(url: string, dir: string, collection?: string): Promise<{seconds: number}> {
  const t = performance.now()
  const {stdout} = await run(process.execPath, [path.join(root, 'bin/corroborate.cjs'), 'index', '--corpus', dir, '--into', url, ...(collection ? ['--collection', collection] : [])], {encoding: 'utf8', maxBuffer: 16 << 20})
  if (!/added/.test(stdout)) throw new Error(`corroborate index said: ${stdout}`)
  return {seconds: (performance.now() - t) / 1000}
}

const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]

const cluster = await startCluster()
const rows: string[] = []
const notes: string[] = []
try {
  const sizes: Array<{name: string; list: () => Article[]}> = [{name: 'news', list: () => articles}]
  if (values.million) sizes.push({name: 'million', list: () => recombined(1_000_000)})
  // Draft sentences: real sentences of BBC business articles (in every size), one figure moved.
  const draftArticles = articles.filter((a) => a.source === 'bbc').slice(0, 8)
  const draftSentences = draftArticles.flatMap((a) => a.text.split(/\n\s*\n/).slice(1).flatMap((p) => sentenceSpans(p).map(([s, e]) => p.slice(s, e)))).slice(0, Number(values.sample))
  // A 1,000-word draft of their paragraphs, one figure per paragraph moved (as bench/scale.ts makes them).
  const paragraphs: string[] = []
  let words = 0
  for (const p of draftArticles.flatMap((a) => a.text.split(/\n\s*\n/).slice(1))) {
    if (words >= 1000) break
    paragraphs.push(p.replace(/\b(\d{2,})\b/, (m) => String(Number(m) + 3)))
    words += p.split(/\s+/).length
  }
  const draft = paragraphs.join('\n\n')
  for (const {name, list} of sizes) {
    const {dir, count} = folderOf(name, list)
    const url = cluster.database(`bench_${name}`)
    // Ingest as users run it: the bundled CLI (built by npm ci / npm run build).
    const first = await ingestWithCli(url, dir)
    const again = await ingestWithCli(url, dir)
    const pool = await openPool(url, {max: 2})
    try {
      // The archive as checks find it a minute after an ingest: autovacuum has marked the new pages of articles
      // and sentences all-visible (schema.ts: INDEX_CHANGES), done here at once (a checkpoint first: the bench's server
      // defers commits, and a page is marked only once its rows' commits are on disk).
      await pool.query('CHECKPOINT')
      await pool.query('VACUUM articles, sentences')
      const {rows: size} = await pool.query<{db: string; sentences: number}>("SELECT pg_database_size(current_database()) AS db, (SELECT sentences FROM totals) AS sentences")
      // Per sentence: a fresh reader, rounds of search and fetch until its candidates are in hand. Two passes:
      // the first on connections just opened (a new server process maps each shared page it touches for the
      // first time, which costs here), the second, printed, on a pool that has served (as an editor's does).
      const passes: number[][] = []
      for (let pass = 0; pass < 2; pass++) {
        const times: number[] = []
        for (const text of draftSentences) {
          const reader = await new ArchiveReader(pool, url).open()
          const tokens = tokenize(text)
          const t = performance.now()
          for (let round = 0; round < 4; round++) {
            reader.search(tokens)
            if (!(await reader.fetch())) break
          }
          times.push(performance.now() - t)
        }
        passes.push(times)
      }
      const [fresh, times] = passes
      console.log(`${name}: retrieval per sentence on new connections ${med(fresh).toFixed(1)} / ${p95(fresh).toFixed(1)} ms, after ${med(times).toFixed(1)} / ${p95(times).toFixed(1)} ms (median / p95)`)
      // The engine warmed on other sentences against a reader of its own (its first check in a process also
      // loads the lexicons), then the draft against a fresh reader: what the archive itself costs.
      await checkAgainstArchive({path: 'warmup.txt', value: draftSentences.slice(-20).join(' ')}, await new ArchiveReader(pool, url).open())
      // Median of three, each with a fresh reader (nothing fetched yet) on a database that has served it before.
      const runs: Array<{ms: number; rounds: ArchiveRound[]; file: Awaited<ReturnType<typeof checkAgainstArchive>>}> = []
      for (let k = 0; k < 3; k++) {
        const reader = await new ArchiveReader(pool, url).open()
        const rounds: ArchiveRound[] = []
        const t = performance.now()
        const file = await checkAgainstArchive({path: 'draft.txt', value: draft}, reader, {}, rounds)
        runs.push({ms: performance.now() - t, rounds, file})
        console.log(`${name}: check ${runs.at(-1)!.ms.toFixed(0)} ms; rounds (check + fetch, ms): ${rounds.map((r) => `${r.check.toFixed(0)} + ${r.fetch.toFixed(0)}`).join(', ')}`)
      }
      const {ms: check, file} = runs.sort((a, b) => a.ms - b.ms)[1]
      // As CI runs it: the bundled CLI in a fresh process (engine start-up, new connections), median of three.
      const draftFile = path.join(os.tmpdir(), `corroborate-bench-draft-${process.pid}.txt`)
      fs.writeFileSync(draftFile, draft)
      const cliTimes: number[] = []
      for (let k = 0; k < 3; k++) {
        const t = performance.now()
        execFileSync(process.execPath, [path.join(root, 'bin/corroborate.cjs'), 'check', '--no-exit', '--format', 'json', '--corpus', url, draftFile], {stdio: 'ignore'})
        cliTimes.push(performance.now() - t)
      }
      fs.rmSync(draftFile, {force: true})
      notes.push(`${name}: the same check from the CLI in a fresh process (start-up, new connections; as CI runs it): ${med(cliTimes).toFixed(0)} ms wall, median of 3.`)
      // The embedded index on the same articles, warm, for comparison.
      const embedded = await loadCorpus([dir], {cwd: dir})
      checkDraft({path: 'warmup.txt', value: draftSentences.slice(0, 20).join(' ')}, embedded)
      const e = performance.now()
      const local = checkDraft({path: 'draft.txt', value: draft}, embedded)
      const embeddedCheck = performance.now() - e
      rows.push(
        `| ${name} (${count.toLocaleString('en')} articles, ${Number(size[0].sentences).toLocaleString('en')} sentences) | ${Math.round(count / first.seconds).toLocaleString('en')} articles/s (${first.seconds.toFixed(1)} s; unchanged re-run ${again.seconds.toFixed(1)} s) | ${(Number(size[0].db) / 2 ** 20).toFixed(0)} MB | ${med(times).toFixed(1)} ms / ${p95(times).toFixed(1)} ms | ${check.toFixed(0)} ms (${file.messages.length} findings; embedded, warm: ${embeddedCheck.toFixed(0)} ms, ${local.messages.length}) |`
      )
      if (name === 'million') {
        // A first load into an empty archive builds the postings index at its end; later ingests insert into
        // it. Measured: the news corpus again, as a second collection, into the million archive.
        const more = await ingestWithCli(url, folderOf('news', () => articles).dir, 'news-again')
        notes.push(`Ingest into an archive that already holds postings (the news corpus again, as a second collection, into the million archive): ${Math.round(articles.length / more.seconds).toLocaleString('en')} articles/s (${more.seconds.toFixed(1)} s).`)
      }
    } finally {
      await pool.end()
    }
  }
} finally {
  cluster.stop()
}
console.log(
  [
    `Wall time on ${os.cpus().length} cores, PostgreSQL ${path.basename(path.dirname(postgresBin()!))} on the same machine (loopback); ${hugePages()}.`,
    '',
    '| archive | ingest | database size | candidate retrieval per sentence (median / p95) | 1,000-word check, end to end |',
    '|---|---|---|---|---|',
    ...rows,
    ...(notes.length ? ['', ...notes] : [])
  ].join('\n')
)
