// Speed and memory at newsroom scale, on real news (../shared/data/news-corpus: BBC + Reuters-21578).
// For each archive size the engine runs in fresh child processes (median of --runs, spread shown) and
// prints CPU and wall time of: a cold CLI check, indexing, reloading a saved index, an unseen 1,000-word
// draft on a warm index, a one-paragraph edit, a source saved then the next check; peak RSS; and, as
// ratios, the same figures against floors measured in the same run (retext-english parsing the same
// draft; MiniSearch indexing the same articles). Findings on the same drafts are compared across sizes.
// Writes bench/results.json. Not a test: it measures and exits 0.
//
//   npm run bench [-- --sizes 1000,10000,all --runs 3]      (CI smoke: --sizes 200 --runs 1)
//   npm run bench -- --sizes 10000 --baseline <commit>      also measures <commit>, each child right after
//                                                           this build's (a fair before/after on a machine whose speed drifts)
import {execFileSync, spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {parseArgs} from 'node:util'
import {fileURLToPath, pathToFileURL} from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '..')
const {values} = parseArgs({options: {sizes: {type: 'string', default: '1000,10000,all'}, runs: {type: 'string', default: '3'}, data: {type: 'string', default: path.resolve(root, '../shared/data/news-corpus')}, out: {type: 'string', default: path.join(root, 'bench/results.json')}, baseline: {type: 'string'}, child: {type: 'string'}}})

interface Article {id: string; source: string; text: string}

/** Edits measured after the first, each to another paragraph. */
const EDITS = 12
/** Unseen drafts checked before the steady-state figure is taken (median of the next five). */
const STEADY_AFTER = 10

function s(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`
}

/** Figures one child process measures (ms of CPU and wall, MB). */
export interface ChildFigures {
  sentences: number
  indexCpu: number
  indexWall: number
  reloadCpu?: number
  reloadWall?: number
  firstCheckCpu: number
  warmCpu: number
  warmWall: number
  editCpu: number
  editWall: number
  /** The median of a series of further edits, each to another paragraph (an editing session's steady state). */
  editSeriesCpu: number
  editSeriesWall: number
  sourceSaveCpu: number
  sourceSaveWall: number
  /** Unseen drafts once the engine has checked ten others in the process (median of five): the second check
   * of a process above still runs half-compiled code while V8 optimises ~200 functions beside it. */
  steadyCpu: number
  steadyWall: number
  parseFloor: number
  paragraphFloor: number
  rssMb: number
  /** Peak RSS once the steady-state drafts have read their sources too. */
  rssAfterSteadyMb: number
  findings: string[]
}

if (values.child) {
  await child(JSON.parse(values.child))
} else {
  await main()
}

/** A build measured: this checkout, or with --baseline an earlier commit checked out beside it. */
interface Variant {
  label: string
  /** Its checkout (bin/corroborate.cjs and dist/ built). */
  root: string
  /** Its core bundled with its own esbuild options, in a folder of its own (its wordnet.bin beside it). */
  core: string
  /** Where its saved indexes go: formats differ between builds. */
  cacheDir: string
}

type Row = ReturnType<typeof rowOf>

async function main() {
  const unpackModule = path.join(values.data!, 'unpack.mjs')
  if (!fs.existsSync(unpackModule)) {
    console.log(`news corpus not found at ${values.data}; nothing measured`)
    return
  }
  const {readArticles} = (await import(unpackModule)) as {readArticles: () => Article[]}
  const all = readArticles()
  const bbc = all.filter((a) => a.source === 'bbc')
  const reuters = all.filter((a) => a.source !== 'bbc')
  const runs = Number(values.runs)
  const work = path.join(os.tmpdir(), 'corroborate-bench-news')
  fs.mkdirSync(work, {recursive: true})
  // The engine as users run it: the core bundled with the extension's and CLI's build options (the source
  // run through tsx is slower in ways users never see, e.g. every \p{…} regex literal rebuilt per call).
  const variants: Variant[] = [{label: 'this build', root, core: await bundleCore(root, path.join(work, 'core.mjs')), cacheDir: work}]
  // This machine's speed drifts (±30 % within an hour has been seen): a baseline measured in the same run,
  // each of its children right after this build's, is the fair before/after.
  const baseline = values.baseline ? prepareBaseline(values.baseline, work) : undefined
  try {
    if (baseline) variants.push({label: `baseline ${values.baseline}`, root: baseline, core: await bundleCore(baseline, path.join(work, 'baseline-core', 'core.mjs')), cacheDir: path.join(work, 'baseline-core')})
    const results: Record<string, unknown> = {}
    const baselineResults: Record<string, unknown> = {}
    const rows: string[] = []
    const findingsBySize: Array<{size: string; findings: string[]}> = []
    for (const sizeName of values.sizes!.split(',')) {
      const n = sizeName === 'all' ? all.length : Number(sizeName)
      // The archive's proportion of BBC to Reuters at every size (1k = 10 % of 10k's 2,225 BBC), so the
      // draft's own articles (BBC business, first in the archive) are in every size.
      const nb = Math.min(bbc.length, Math.max(8, Math.round((2225 * n) / 10000)))
      const articles = n >= all.length ? all : [...bbc.slice(0, nb), ...reuters.slice(0, n - nb)]
      const dir = path.join(work, `news-${articles.length}`)
      if (!fs.existsSync(path.join(dir, '.complete'))) {
        fs.rmSync(dir, {recursive: true, force: true})
        fs.mkdirSync(dir, {recursive: true})
        for (const a of articles) fs.writeFileSync(path.join(dir, `${a.id}.txt`), a.text)
        fs.writeFileSync(path.join(dir, '.complete'), '')
      }
      const drafts = makeDrafts(bbc.slice(0, 8))
      const draftDir = path.join(work, 'drafts')
      fs.mkdirSync(draftDir, {recursive: true})
      drafts.forEach((d, i) => fs.writeFileSync(path.join(draftDir, `draft-${i}.txt`), d))
      const engine: ChildFigures[][] = variants.map(() => [])
      const cli: Array<Array<{cpu: number; wall: number; rssMb: number}>> = variants.map(() => [])
      // Floors: MiniSearch indexing the same articles, once per run in a child.
      const floors: number[] = []
      for (let r = 0; r < runs; r++) {
        variants.forEach((variant, v) => {
          const cache = path.join(variant.cacheDir, `index-${articles.length}.v8`)
          const runChild = (mode: string) => JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', JSON.stringify({dir, draftDir, cache, mode, core: variant.core})], {cwd: root, maxBuffer: 64 << 20, encoding: 'utf8'}).trim().split('\n').pop()!)
          const built = runChild('build') as {indexCpu: number; indexWall: number}
          engine[v].push({...(runChild('engine') as ChildFigures), ...built})
          cli[v].push(cliRun(variant.root, dir, path.join(draftDir, 'draft-0.txt'), path.join(variant.cacheDir, 'cli-cache')))
        })
        const floor = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', JSON.stringify({dir, mode: 'floor'})], {cwd: root, encoding: 'utf8'})
        floors.push(JSON.parse(floor.trim().split('\n').pop()!).minisearchCpu)
      }
      variants.forEach((variant, v) => {
        const row = rowOf(articles.length, engine[v], cli[v], floors)
        ;(v === 0 ? results : baselineResults)[sizeName] = row
        rows.push(lineOf(variants.length > 1 ? `, ${variant.label}` : '', row))
      })
      findingsBySize.push({size: sizeName, findings: engine[0][0].findings})
    }
    const sizes = Object.values(results) as Row[]
    const growth = sizes.length > 1 ? sizes[1].warmCpu / sizes[0].warmCpu : undefined
    const same = findingsBySize.every((f) => JSON.stringify(f.findings) === JSON.stringify(findingsBySize[0].findings))
    const table = [
      `CPU time, median of ${runs} run${runs === 1 ? '' : 's'} (spread ±), on ${os.cpus().length} cores; ratios to floors measured in the same run.${variants.length > 1 ? ` Each child of the baseline ran right after the same child of this build.` : ''}`,
      '',
      `| archive | CLI cold check, 1,000-word draft (saved index) | index build (ratio to MiniSearch alone) | reload saved index | unseen 1,000-word draft, warm (the process's second check) | the same, engine warmed by ${STEADY_AFTER} checks | one-paragraph edit (the first / median of the next ${EDITS}) | source saved, next check | engine RSS |`,
      '|---|---|---|---|---|---|---|---|---|',
      ...rows,
      '',
      `Growth of a warm check from the first to the second size: ${growth ? `×${growth.toFixed(2)}` : 'n/a'}. Findings on the same drafts identical across sizes: ${same ? 'yes' : 'NO'}.`
    ].join('\n')
    console.log(table)
    if (!same) for (const f of findingsBySize) console.log(`${f.size}: ${f.findings.join(' · ')}`)
    const out = {date: new Date().toISOString().slice(0, 10), cores: os.cpus().length, runs, results, growth, findingsIdentical: same, table, ...(baseline ? {baseline: {rev: values.baseline, results: baselineResults}} : {})}
    fs.writeFileSync(values.out!, JSON.stringify(out, null, 2) + '\n')
  } finally {
    if (baseline) execFileSync('git', ['worktree', 'remove', '--force', baseline], {cwd: root, stdio: 'ignore'})
  }
}

/** The core of a checkout bundled as the extension and CLI bundle it, with its data files beside it. */
async function bundleCore(checkout: string, outfile: string): Promise<string> {
  const {options, copyData} = (await import(pathToFileURL(path.join(checkout, 'esbuild.mjs')).href)) as {options: Record<string, unknown>; copyData: (outdir: string) => void}
  const {build} = await import('esbuild')
  await build({...options, entryPoints: [path.join(checkout, 'src/core/index.ts')], outdir: undefined, outExtension: undefined, outfile, format: 'esm', sourcemap: false,
    banner: {js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);"}, define: {}})
  copyData(path.dirname(outfile))
  return outfile
}

/** An earlier commit checked out beside this one (a git worktree sharing node_modules) and built. */
function prepareBaseline(rev: string, work: string): string {
  const checkout = path.join(work, 'baseline-checkout')
  if (fs.existsSync(checkout)) execFileSync('git', ['worktree', 'remove', '--force', checkout], {cwd: root, stdio: 'ignore'})
  fs.rmSync(checkout, {recursive: true, force: true})
  execFileSync('git', ['worktree', 'add', '--detach', '--force', checkout, rev], {cwd: root, stdio: 'ignore'})
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(checkout, 'node_modules'))
  execFileSync(process.execPath, ['scripts/build-lexicon.mjs'], {cwd: checkout, stdio: 'ignore'})
  execFileSync(process.execPath, ['esbuild.mjs'], {cwd: checkout, stdio: 'ignore'})
  return checkout
}

function rowOf(articles: number, engine: ChildFigures[], cli: Array<{cpu: number; wall: number; rssMb: number}>, floors: number[]) {
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  const spread = (xs: number[]) => (xs.length > 1 ? `±${(((Math.max(...xs) - Math.min(...xs)) / 2 / Math.max(1, med(xs))) * 100).toFixed(0)}%` : '')
  const fig = (k: keyof ChildFigures) => engine.map((e) => e[k] as number).filter((x) => typeof x === 'number')
  return {
    articles,
    sentences: engine[0].sentences,
    cliColdCpu: med(cli.map((c) => c.cpu)), cliColdWall: med(cli.map((c) => c.wall)), cliRssMb: med(cli.map((c) => c.rssMb)),
    indexCpu: med(fig('indexCpu')), indexWall: med(fig('indexWall')),
    reloadCpu: fig('reloadCpu').length ? med(fig('reloadCpu')) : null,
    firstCheckCpu: med(fig('firstCheckCpu')),
    warmCpu: med(fig('warmCpu')), warmWall: med(fig('warmWall')),
    editCpu: med(fig('editCpu')), editWall: med(fig('editWall')),
    editSeriesCpu: med(fig('editSeriesCpu')), editSeriesWall: med(fig('editSeriesWall')),
    sourceSaveCpu: med(fig('sourceSaveCpu')), sourceSaveWall: med(fig('sourceSaveWall')),
    steadyCpu: med(fig('steadyCpu')), steadyWall: med(fig('steadyWall')),
    rssMb: med(fig('rssMb')), rssAfterSteadyMb: med(fig('rssAfterSteadyMb')),
    floors: {retextParseMs: med(fig('parseFloor')), paragraphParseMs: med(fig('paragraphFloor')), minisearchIndexMs: med(floors)},
    spread: {cliCold: spread(cli.map((c) => c.cpu)), index: spread(fig('indexCpu')), warm: spread(fig('warmCpu')), steady: spread(fig('steadyCpu')), edit: spread(fig('editCpu'))}
  }
}

function lineOf(label: string, row: Row): string {
  const x = (v: number, floor: number) => `×${(v / Math.max(0.01, floor)).toFixed(1)}`
  const {retextParseMs: parse, paragraphParseMs: paragraphParse, minisearchIndexMs: ms} = row.floors
  return (
    `| ${row.articles.toLocaleString('en')} articles, ${row.sentences.toLocaleString('en')} sentences${label} ` +
    `| ${s(row.cliColdCpu)} CPU / ${s(row.cliColdWall)} wall, ${row.cliRssMb} MB ${row.spread.cliCold} ` +
    `| ${s(row.indexCpu)} (${x(row.indexCpu, ms)} MiniSearch) ${row.spread.index} ` +
    `| ${row.reloadCpu === null ? 'none saved' : s(row.reloadCpu)} ` +
    `| ${row.warmCpu.toFixed(0)} ms (${x(row.warmCpu, parse)} parse) ${row.spread.warm} ` +
    `| ${row.steadyCpu.toFixed(0)} ms CPU / ${row.steadyWall.toFixed(0)} wall ${row.spread.steady} ` +
    `| ${row.editCpu.toFixed(1)} / ${row.editSeriesCpu.toFixed(1)} ms (${x(row.editSeriesCpu, paragraphParse)} parse) ${row.spread.edit} ` +
    `| ${row.sourceSaveCpu.toFixed(0)} ms ` +
    `| ${row.rssMb} MB (${row.rssAfterSteadyMb} after the steady-state drafts) |`
  )
}

/** A cold CLI check in a fresh process: CPU (user + system), wall and peak RSS from /usr/bin/time when
 * there is one, else wall only. */
function cliRun(checkout: string, dir: string, draft: string, cacheDir: string): {cpu: number; wall: number; rssMb: number} {
  // The index saved by an earlier run (built here if there is none): a cold process, a warm disk.
  const env = {...process.env, CORROBORATE_CACHE_DIR: cacheDir}
  const args = [path.join(checkout, 'bin/corroborate.cjs'), 'check', '--no-exit', '--format', 'json', '--corpus', dir, draft]
  if (fs.existsSync('/usr/bin/time')) {
    spawnSync(process.execPath, args, {cwd: root, env, maxBuffer: 64 << 20})
    const r = spawnSync('/usr/bin/time', ['-f', 'TIME %U %S %e %M', process.execPath, ...args], {cwd: root, env, encoding: 'utf8', maxBuffer: 64 << 20})
    const m = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr)
    if (m) return {cpu: (Number(m[1]) + Number(m[2])) * 1000, wall: Number(m[3]) * 1000, rssMb: Math.round(Number(m[4]) / 1024)}
  }
  spawnSync(process.execPath, args, {cwd: root, env, maxBuffer: 64 << 20})
  const t = performance.now()
  spawnSync(process.execPath, args, {cwd: root, env, maxBuffer: 64 << 20})
  const wall = performance.now() - t
  return {cpu: wall, wall, rssMb: 0}
}

/** A paragraph with its first figure of two digits or more moved by 3: a changed number for the checks to find. */
function withFigureMoved(paragraph: string): string {
  return paragraph.replace(/\b(\d{2,})\b/, (m) => String(Number(m) + 3))
}

/** 1,000-word drafts made from real articles that every size holds, with facts changed by script:
 * one number per paragraph moved, so every draft has findings to compare across sizes. */
function makeDrafts(articles: Article[]): string[] {
  const drafts: string[] = []
  for (let d = 0; d < 4; d++) {
    const paragraphs: string[] = []
    let words = 0
    for (const a of [articles[d * 2], articles[d * 2 + 1], ...articles]) {
      for (const p of a.text.split(/\n\s*\n/).slice(1)) {
        if (words >= 1000) break
        paragraphs.push(withFigureMoved(p))
        words += p.split(/\s+/).length
      }
    }
    drafts.push(paragraphs.join('\n\n'))
  }
  return drafts
}

/** 1,000-word drafts of paragraphs from the folder's articles (every 37th, each article in one draft only while
 * there are enough: a 200-article smoke run wraps round), one figure moved in each paragraph. */
function unseenDrafts(dir: string, files: string[], count: number): string[] {
  const drafts: string[] = []
  const used = new Set<number>()
  let i = 101
  for (let d = 0; d < count; d++) {
    const paragraphs: string[] = []
    let words = 0
    for (let tries = 0; words < 1000 && tries < files.length; tries++) {
      i = (i + 37) % files.length
      for (let step = 0; used.has(i) && step < files.length; step++) i = (i + 1) % files.length
      if (used.size < files.length) used.add(i)
      for (const p of fs.readFileSync(path.join(dir, files[i]), 'utf8').split(/\n\s*\n/).slice(1, 4)) {
        if (words >= 1000) break
        paragraphs.push(withFigureMoved(p))
        words += p.split(/\s+/).length
      }
    }
    drafts.push(paragraphs.join('\n\n'))
  }
  return drafts
}

async function child(options: {dir: string; draftDir?: string; cache?: string; core?: string; mode: 'engine' | 'floor' | 'build'}) {
  const cpu = () => {
    const u = process.cpuUsage()
    return (u.user + u.system) / 1000
  }
  const measure = <T>(f: () => T): [T, number, number] => {
    const c = cpu()
    const w = performance.now()
    const r = f()
    return [r, cpu() - c, performance.now() - w]
  }
  const files = fs.readdirSync(options.dir).filter((f) => f.endsWith('.txt'))
  if (options.mode === 'floor') {
    const {default: MiniSearch} = await import('minisearch')
    const index = new MiniSearch({fields: ['text'], idField: 'id'})
    const docs = files.map((f, id) => ({id, text: fs.readFileSync(path.join(options.dir, f), 'utf8')}))
    const [, c] = measure(() => index.addAll(docs))
    console.log(JSON.stringify({minisearchCpu: c}))
    return
  }
  const {checkDraft, loadCorpus} = (await import(options.core ?? '../src/core/index.js')) as typeof import('../src/core/index.js')
  const {unified} = await import('unified')
  const {default: retextEnglish} = await import('retext-english')
  const drafts = fs.readdirSync(options.draftDir!).sort().map((f) => fs.readFileSync(path.join(options.draftDir!, f), 'utf8'))
  // Index build, saved as the CLI and the server save it (its own process: 'build'); then, in this one,
  // reloaded as the next run or the next editor start does.
  const cacheFile = options.cache!
  if (options.mode === 'build') {
    fs.rmSync(cacheFile, {force: true})
    const c0 = cpu()
    const w0 = performance.now()
    await loadCorpus([options.dir], {cache: cacheFile})
    console.log(JSON.stringify({indexCpu: cpu() - c0, indexWall: performance.now() - w0}))
    return
  }
  const c0 = cpu()
  const w0 = performance.now()
  const corpus = await loadCorpus([options.dir], {cache: cacheFile})
  const reloadCpu = cpu() - c0
  const reloadWall = performance.now() - w0
  const check = (text: string) => checkDraft({path: path.join(options.draftDir!, 'draft.txt'), value: text}, corpus)
  const [first, firstCheckCpu] = measure(() => check(drafts[0]))
  const [, warmCpu, warmWall] = measure(() => check(drafts[1]))
  // One paragraph edited: a figure changed in the middle paragraph of the draft just checked.
  const paragraphs = drafts[1].split('\n\n')
  const mid = Math.floor(paragraphs.length / 2)
  paragraphs[mid] = paragraphs[mid].replace(/\./, ', officials said on Tuesday.')
  const [, editCpu, editWall] = measure(() => check(paragraphs.join('\n\n')))
  // Then one edit after another, as a reporter types: each to another paragraph, each new to the engine.
  const series: Array<[number, number]> = []
  for (let k = 0; k < Math.min(EDITS, paragraphs.length); k++) {
    const edited = [...paragraphs]
    const at = (mid + 1 + k) % paragraphs.length
    edited[at] = edited[at].replace(/\./, `, the ${['agency', 'ministry', 'company', 'union'][k % 4]} said on ${['Monday', 'Thursday', 'Friday'][k % 3]}.`)
    const [, c, w] = measure(() => check(edited.join('\n\n')))
    series.push([c, w])
  }
  const middle = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  const editSeriesCpu = middle(series.map(([c]) => c))
  const editSeriesWall = middle(series.map(([, w]) => w))
  // A source saved: one article's text changed on disk and re-read, then the next check of the same draft.
  const changed = path.join(options.dir, files[files.length - 1])
  const [, sourceSaveCpu, sourceSaveWall] = measure(() => {
    corpus.addFile(changed, fs.readFileSync(changed, 'utf8') + '\n\nA late paragraph added by the desk.')
    return check(paragraphs.join('\n\n'))
  })
  // Peak RSS of the figures above, before the steady-state drafts below bring more sources in.
  const rssMb = Math.round(process.resourceUsage().maxRSS / 1024)
  // Steady state: more unseen drafts of the size's own articles, the first ten unmeasured, then the median of five.
  const steady: Array<[number, number]> = []
  const unseen = unseenDrafts(options.dir, [...files].sort(), STEADY_AFTER + 5)
  for (let k = 0; k < unseen.length; k++) {
    const [, c, w] = measure(() => check(unseen[k]))
    if (k >= STEADY_AFTER) steady.push([c, w])
  }
  const steadyCpu = middle(steady.map(([c]) => c))
  const steadyWall = middle(steady.map(([, w]) => w))
  // Floors: the parse of the same draft and of the edited paragraph, warmed up, best of five.
  const parser = unified().use(retextEnglish)
  const best = (text: string) => Math.min(...Array.from({length: 6}, () => measure(() => parser.parse(text))[2]).slice(1))
  const parseFloor = best(drafts[1])
  const paragraphFloor = best(paragraphs[mid])
  const findings = first.messages.map((m) => `${m.ruleId}@${(m.place as {start: {offset: number}}).start.offset}:${m.actual}`).sort()
  const figures: ChildFigures = {
    sentences: corpus.sentenceCount, indexCpu: 0, indexWall: 0, reloadCpu, reloadWall, firstCheckCpu, warmCpu, warmWall, editCpu, editWall, editSeriesCpu, editSeriesWall, sourceSaveCpu, sourceSaveWall, steadyCpu, steadyWall,
    parseFloor, paragraphFloor, rssMb, rssAfterSteadyMb: Math.round(process.resourceUsage().maxRSS / 1024), findings
  }
  console.log(JSON.stringify(figures))
}
