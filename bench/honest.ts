// False alarms on real reporting: every cluster of ../shared/data/honest-dev (a person's honest text and
// the real articles it was written from) is checked, and messages are counted per rule and severity per
// 1,000 draft words. Usage: npx tsx bench/honest.ts [--data DIR] [--json FILE] [--only NAME]. Exits 0: it measures.
import fs from 'node:fs'
import path from 'node:path'
import {parseArgs} from 'node:util'
import {checkDraft, fatalToSeverity, loadCorpus, RULE_IDS, type CorroborateMessage} from '../src/core/index.js'

const {values} = parseArgs({options: {data: {type: 'string', default: '../shared/data/honest-dev'}, json: {type: 'string'}, only: {type: 'string', multiple: true}, self: {type: 'boolean', default: false}}})
const root = path.resolve(values.data!)
if (!fs.existsSync(root)) {
  console.log(`honest-dev data not found at ${root}; nothing measured`)
  process.exit(0)
}
const clusters = fs.readdirSync(root).filter((d) => fs.existsSync(path.join(root, d, 'draft.txt'))).filter((d) => !values.only || values.only.includes(d)).sort()

export interface HonestMessage {
  cluster: string
  ruleId: string
  severity: string
  actual: string
  reason: string
  start: number
  end: number
  sentence: string
  evidence?: {path: string; sentence: string}
  expected?: string[]
}

const counts = new Map<string, number>()
const clustersWith = new Map<string, Set<string>>()
const all: HonestMessage[] = []
let words = 0
for (const cluster of clusters) {
  const dir = path.join(root, cluster)
  const corpus = await loadCorpus([path.join(dir, 'sources')], {cwd: dir})
  const drafts = values.self ? corpus.sources.map((s) => ({path: s.absPath, text: fs.readFileSync(s.absPath, 'utf8').replace(/^\uFEFF/, '')})) : [{path: path.join(dir, 'draft.txt'), text: fs.readFileSync(path.join(dir, 'draft.txt'), 'utf8')}]
  for (const d of drafts) {
    if (d.path.endsWith('.html')) continue
    words += d.text.split(/\s+/).filter(Boolean).length
    const file = checkDraft({path: d.path, value: d.text}, corpus)
    for (const m of file.messages as CorroborateMessage[]) {
      const severity = fatalToSeverity(m.fatal)
      const key = `${m.ruleId}\t${severity}`
      counts.set(key, (counts.get(key) ?? 0) + 1)
      if (!clustersWith.has(key)) clustersWith.set(key, new Set())
      clustersWith.get(key)!.add(cluster)
      const p = m.place as {start: {offset: number}; end: {offset: number}}
      const ev = m.data?.evidence?.[0]
      all.push({cluster, ruleId: m.ruleId, severity, actual: m.actual ?? d.text.slice(p.start.offset, p.end.offset), reason: m.reason, start: p.start.offset, end: p.end.offset, sentence: sentenceAround(d.text, p.start.offset, p.end.offset), evidence: ev && {path: ev.path, sentence: ev.sentence}, expected: m.expected})
    }
  }
}

function sentenceAround(text: string, start: number, end: number): string {
  const s = Math.max(text.lastIndexOf('. ', start) + 2, text.lastIndexOf('\n', start) + 1, 0)
  let e = text.indexOf('. ', end)
  if (e < 0) e = text.length
  const nl = text.indexOf('\n', end)
  if (nl >= 0 && nl < e) e = nl
  return text.slice(s, Math.min(e + 1, s + 600)).trim()
}

const per1k = (n: number) => (1000 * n) / Math.max(words, 1)
console.log(`${clusters.length} clusters, ${words} draft words${values.self ? ' (sources as drafts)' : ''}\n`)
console.log('rule                  severity  messages  per-1k-words  clusters')
let ew = 0
for (const rule of RULE_IDS) {
  for (const sev of ['error', 'warning', 'info']) {
    const n = counts.get(`${rule}\t${sev}`) ?? 0
    if (!n) continue
    if (sev !== 'info') ew += n
    console.log(`${rule.padEnd(21)} ${sev.padEnd(8)} ${String(n).padStart(9)} ${per1k(n).toFixed(2).padStart(13)} ${String(clustersWith.get(`${rule}\t${sev}`)!.size).padStart(9)}`)
  }
}
console.log(`\nerrors + warnings: ${ew} (${per1k(ew).toFixed(2)} per 1,000 words)`)
if (values.json) fs.writeFileSync(values.json, JSON.stringify({words, clusters: clusters.length, messages: all}, null, 1))
