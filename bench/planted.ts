// Scores the engine on planted errors in real text (bench/plant.ts builds the set). For every item the
// planted draft and its untouched control are checked against the same sources; a message the planted
// draft has and the control lacks is the engine's answer to the plant. Per kind:
//   recall     — items whose planted sentence gets a new error or warning of a rule that fits the kind;
//   precision  — of the new errors and warnings, those of a fitting rule on the planted sentence;
//   specificity— controls whose target sentence gets no error or warning;
//   balanced accuracy = (recall + specificity) / 2; wrong rule = found only under a rule that does not fit.
// Usage: npx tsx bench/planted.ts [--set FILE] [--kind K] [--show] [--json FILE]. Exits 0: it measures.
import {createHash} from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import {parseArgs} from 'node:util'
import {checkDraft, Corpus, fatalToSeverity, type CorroborateMessage} from '../src/core/index.js'
import {buildPlanted, EXPECTED, KINDS, type Kind, type PlantedItem} from './plant.js'

const {values} = parseArgs({options: {set: {type: 'string', default: 'bench/out/planted.json'}, kind: {type: 'string', multiple: true}, show: {type: 'boolean', default: false}, misses: {type: 'boolean', default: false}, json: {type: 'string'}, origin: {type: 'string'}}})
if (!fs.existsSync(values.set!)) {
  if (!fs.existsSync('../shared/data')) {
    console.log('../shared/data not found; nothing measured')
    process.exit(0)
  }
  fs.mkdirSync(path.dirname(values.set!), {recursive: true})
  fs.writeFileSync(values.set!, JSON.stringify(buildPlanted({seed: 8, perKind: 40, honest: '../shared/data/honest-dev', news: '../shared/data/news-corpus/news.jsonl.gz'})))
}
const items = (JSON.parse(fs.readFileSync(values.set!, 'utf8')) as {items: PlantedItem[]}).items.filter((i) => (!values.kind || values.kind.includes(i.kind)) && (!values.origin || i.origin === values.origin))

const corpora = new Map<string, Corpus>()
function corpusOf(item: PlantedItem): Corpus {
  // By content: clusters of different stories share file names ("article1.txt"), never texts.
  const key = createHash('sha1').update(JSON.stringify(Object.entries(item.sources).sort())).digest('hex')
  let corpus = corpora.get(key)
  if (!corpus) {
    corpus = new Corpus({cwd: '/planted'})
    for (const [name, text] of Object.entries(item.sources)) corpus.addFile(`/planted/sources/${name}`, text)
    corpora.set(key, corpus)
  }
  return corpus
}

const alarm = (m: CorroborateMessage) => fatalToSeverity(m.fatal) !== 'info'
const span = (m: CorroborateMessage) => {
  const p = m.place as {start: {offset: number}; end: {offset: number}}
  return {start: p.start.offset, end: p.end.offset}
}
const keyOf = (m: CorroborateMessage) => `${m.ruleId}|${m.actual}|${m.reason}`

interface Row {found: number; wrongRule: number; items: number; newAlarms: number; rightAlarms: number; controls: number; cleanControls: number; controlWords: number; controlAlarms: number}
const rows = new Map<Kind, Row>()
const controlSeen = new Set<string>()
let controlWords = 0
let controlAlarms = 0
const misses: string[] = []
for (const item of items) {
  const corpus = corpusOf(item)
  const run = (text: string) => (checkDraft({path: '/planted/draft.txt', value: text}, corpus).messages as CorroborateMessage[])
  const before = run(item.control)
  const after = run(item.planted)
  const row = rows.get(item.kind) ?? {found: 0, wrongRule: 0, items: 0, newAlarms: 0, rightAlarms: 0, controls: 0, cleanControls: 0, controlWords: 0, controlAlarms: 0}
  rows.set(item.kind, row)
  row.items++
  // The control's sentence is the planted sentence's place before planting (same start; its own length).
  const controlEnd = item.start + (item.control.length - (item.planted.length - (item.end - item.start)))
  const inControl = before.filter((m) => alarm(m) && span(m).start < controlEnd && span(m).end > item.start)
  const controlKey = `${item.origin}|${item.id.split('/').slice(1).join('/')}`
  row.controls++
  if (!inControl.length) row.cleanControls++
  if (!controlSeen.has(controlKey) && item.kind !== 'invented-event') {
    controlSeen.add(controlKey)
    const words = item.control.slice(item.start, controlEnd).split(/\s+/).filter(Boolean).length
    controlWords += words
    controlAlarms += inControl.length
    row.controlWords += words
    row.controlAlarms += inControl.length
  }
  const known = new Set(before.map(keyOf))
  const fresh = after.filter((m) => alarm(m) && !known.has(keyOf(m)))
  const onSentence = (m: CorroborateMessage) => span(m).start < item.end && span(m).end > item.start
  const right = fresh.filter((m) => EXPECTED[item.kind].includes(m.ruleId) && onSentence(m))
  row.newAlarms += fresh.length
  row.rightAlarms += right.length
  if (right.length) row.found++
  else if (fresh.some(onSentence)) row.wrongRule++
  if (values.show || (values.misses && !right.length)) {
    misses.push(`${right.length ? 'HIT ' : 'MISS'} ${item.id} [${item.change}]\n   ${item.planted.slice(item.start, item.end)}\n${fresh.map((m) => `   → ${m.ruleId} ${fatalToSeverity(m.fatal)} [${m.actual}] ${m.reason}`).join('\n')}`)
  }
}

const pct = (a: number, b: number) => (b ? (a / b).toFixed(2) : '—')
console.log(`planted errors in real text: ${items.length} items, each with its untouched control\n`)
console.log('| kind | items | recall | precision | control specificity | balanced accuracy | found under another rule |')
console.log('|---|---|---|---|---|---|---|')
const totals = {found: 0, items: 0, newAlarms: 0, rightAlarms: 0, controls: 0, cleanControls: 0, wrongRule: 0}
const json: Record<string, unknown> = {}
for (const kind of KINDS) {
  const r = rows.get(kind)
  if (!r) continue
  for (const k of Object.keys(totals) as Array<keyof typeof totals>) totals[k] += r[k]
  const recall = r.found / r.items
  const specificity = r.cleanControls / r.controls
  json[kind] = {items: r.items, recall, precision: r.newAlarms ? r.rightAlarms / r.newAlarms : null, specificity, balancedAccuracy: (recall + specificity) / 2, wrongRule: r.wrongRule}
  console.log(`| ${kind} (${EXPECTED[kind].join(', ')}) | ${r.items} | ${pct(r.found, r.items)} | ${pct(r.rightAlarms, r.newAlarms)} | ${pct(r.cleanControls, r.controls)} | ${((recall + specificity) / 2).toFixed(2)} | ${r.wrongRule} |`)
}
console.log(`| **all** | ${totals.items} | ${pct(totals.found, totals.items)} | ${pct(totals.rightAlarms, totals.newAlarms)} | ${pct(totals.cleanControls, totals.controls)} | ${((totals.found / totals.items + totals.cleanControls / totals.controls) / 2).toFixed(2)} | ${totals.wrongRule} |`)
console.log(`\nuntouched control sentences: ${controlSeen.size}, ${controlWords} words, ${controlAlarms} errors + warnings = ${((controlAlarms / Math.max(1, controlWords)) * 1000).toFixed(2)} per 1,000 words`)
if (misses.length) console.log('\n' + misses.join('\n'))
if (values.json) fs.writeFileSync(values.json, JSON.stringify({kinds: json, controls: {sentences: controlSeen.size, words: controlWords, alarms: controlAlarms}}, null, 2))
