// What the engine makes of one planted item: the planted sentence's claim frames, its best-aligned source
// sentences with their frames and classified word edits, and the messages on the planted draft and its control.
// Usage: npx tsx bench/frames-debug.ts ITEM_ID [--set FILE]
import fs from 'node:fs'
import {parseArgs} from 'node:util'
import {checkDraft, Corpus, fatalToSeverity, type CorroborateMessage} from '../src/core/index.js'
import {tokenize} from '../src/core/text/tokens.js'
import {align} from '../src/core/align.js'
import {classify} from '../src/core/analysis.js'
import {framesOf, type Tagged} from '../src/core/frames/frames.js'
import type {PlantedItem} from './plant.js'

const {values, positionals} = parseArgs({allowPositionals: true, options: {set: {type: 'string', default: 'bench/out/planted.json'}}})
const item = (JSON.parse(fs.readFileSync(values.set!, 'utf8')) as {items: PlantedItem[]}).items.find((i) => i.id === positionals[0])!
const corpus = new Corpus({cwd: '/planted'})
for (const [name, text] of Object.entries(item.sources)) corpus.addFile(`/planted/sources/${name}`, text)
const text = item.planted.slice(item.start, item.end)
const tokens = tokenize(text)
const show = (t: Tagged) => t.frames.map((f) => `  [${t.tokens.slice(f.from, f.to).map((x) => x.value).join(' ')}] lemma=${f.lemma} neg=${f.negated} mode=${f.mode} passive=${f.passive}${f.reporting ? ' reporting' : ''}\n     before: ${f.before.map((i) => t.tokens[i].value).join(' ')}\n     after: ${f.after.map((i) => t.tokens[i].value).join(' ')}`).join('\n')
console.log(`DRAFT: ${text}\n${show(framesOf(text, tokens))}`)
for (const hit of corpus.search(tokens, 8).slice(0, 4)) {
  const a = align(tokens, hit.sentence, text)
  console.log(`\nSOURCE (coverage ${a.coverage.toFixed(2)}, matched ${a.matched.size}): ${hit.sentence.text}\n${show(framesOf(hit.sentence.text, a.tokens))}`)
  for (const e of a.edits) console.log(`  edit ${classify(e, a, corpus)}: [${a.draft.slice(e.dStart, e.dEnd).map((t) => t.value).join(' ')}] ← [${a.tokens.slice(e.sStart, e.sEnd).map((t) => t.value).join(' ')}] anchors ${e.leftAnchor}/${e.rightAnchor}`)
}
for (const [name, draft] of [['planted', item.planted], ['control', item.control]] as const) {
  const messages = checkDraft({path: '/planted/draft.txt', value: draft}, corpus).messages as CorroborateMessage[]
  console.log(`\n${name}:`)
  for (const m of messages) if (m.place && 'start' in m.place && m.place.start.offset! < item.end + 20 && m.place.end.offset! > item.start - 20) console.log(`  ${fatalToSeverity(m.fatal)} ${m.ruleId}: ${m.reason}`)
}
