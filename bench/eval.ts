// Recall and false alarms per rule on the labelled fixtures (test/fixtures/<set>/drafts/*.expected.json).
// Usage: npx tsx bench/eval.ts [--root DIR] [--json]. Always exits 0: it measures.
import path from 'node:path'
import {parseArgs} from 'node:util'
import {perRule, score} from './score.js'

const {values} = parseArgs({options: {root: {type: 'string', multiple: true}, json: {type: 'boolean', default: false}}})
// test/fixtures: held out (written before the engine saw them); test/unit/fixtures-engine: development sets.
const roots = values.root ?? ['test/fixtures', 'test/unit/fixtures-engine']
const results = (await Promise.all(roots.map((r) => score(path.resolve(r))))).flat()
const rows = perRule(results)
if (values.json) {
  console.log(JSON.stringify({rows, results: results.map((r) => ({draft: r.draft, missed: r.labels.filter((l) => !l.found).map((l) => `${l.ruleId}: ${l.text}`), falseAlarms: r.falseAlarms.map((m) => `${m.ruleId}: ${m.actual}`)}))}, null, 2))
} else {
  console.log(`${results.length} drafts (${results.filter((r) => r.clean).length} clean)\n`)
  console.log('rule                  labels found recall  false-alarms  on-clean  fix-right')
  for (const r of rows) {
    console.log(`${r.rule.padEnd(21)} ${String(r.labels).padStart(6)} ${String(r.found).padStart(5)} ${Number.isNaN(r.recall) ? '   -  ' : r.recall.toFixed(2).padStart(6)}  ${String(r.falseAlarms).padStart(12)}  ${String(r.cleanFalseAlarms).padStart(8)}  ${r.fixTotal ? `${r.fixRight}/${r.fixTotal}` : '-'}`)
  }
  for (const r of results) {
    for (const l of r.labels.filter((x) => !x.found && !x.uncertain)) console.log(`  miss   ${r.draft}: ${l.ruleId} “${l.text}”`)
    for (const m of r.falseAlarms) console.log(`  alarm  ${r.draft}:${m.line}: ${m.ruleId} “${m.actual}” — ${m.reason}`)
    for (const m of r.notes) console.log(`  info   ${r.draft}:${m.line}: ${m.ruleId} “${m.actual}” — ${m.reason}`)
  }
}
