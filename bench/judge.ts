// Judged samples: precision is a number, not a feeling. `draw` takes the messages of an honest-dev run
// (`npm run eval:honest -- --json FILE`) and writes a sample stratified by rule, drawn with a fixed seed,
// each item with the draft span, its sentence, the evidence and an empty verdict for a person to fill
// (true = a reporter should act on it; false = a false alarm) with a one-line reason. `score` prints
// precision per rule and severity from a judged file.
//   npx tsx bench/judge.ts draw --from run.json --out bench/judged/FILE.json [--per-rule 20] [--seed 6] [--all] [--info]
//   npx tsx bench/judge.ts score bench/judged/FILE.json
import fs from 'node:fs'
import {parseArgs} from 'node:util'
import {seeded} from './random.js'

interface Item {
  id: number
  cluster: string
  ruleId: string
  severity: string
  span: string
  sentence: string
  reason: string
  expected?: string[]
  evidence?: {path: string; sentence: string}
  verdict: boolean | null
  why: string
}

const {positionals, values} = parseArgs({allowPositionals: true, options: {from: {type: 'string'}, out: {type: 'string'}, 'per-rule': {type: 'string', default: '20'}, seed: {type: 'string', default: '6'}, all: {type: 'boolean', default: false}, info: {type: 'boolean', default: false}}})


if (positionals[0] === 'draw') {
  const run = JSON.parse(fs.readFileSync(values.from!, 'utf8'))
  // Errors and warnings by default; --info draws the information notes instead.
  const messages = (run.messages as Array<Record<string, any>>).filter((m) => (m.severity === 'info') === values.info)
  const rand = seeded(Number(values.seed))
  const byRule = new Map<string, typeof messages>()
  for (const m of messages) byRule.set(m.ruleId, [...(byRule.get(m.ruleId) ?? []), m])
  const picked: typeof messages = []
  for (const [, list] of [...byRule].sort()) {
    const shuffled = list.map((m) => ({m, k: rand()})).sort((a, b) => a.k - b.k).map((x) => x.m)
    picked.push(...(values.all ? shuffled : shuffled.slice(0, Number(values['per-rule']))))
  }
  const items: Item[] = picked.map((m, id) => ({id, cluster: m.cluster, ruleId: m.ruleId, severity: m.severity, span: m.actual, sentence: m.sentence, reason: m.reason, expected: m.expected, evidence: m.evidence, verdict: null, why: ''}))
  fs.writeFileSync(values.out!, JSON.stringify({from: values.from, seed: Number(values.seed), perRule: values.all ? 'all' : Number(values['per-rule']), severity: values.info ? 'info' : 'error+warning', population: messages.length, items}, null, 1) + '\n')
  console.log(`${items.length} items of ${messages.length} ${values.info ? 'information notes' : 'errors and warnings'} → ${values.out}`)
} else if (positionals[0] === 'score') {
  const judged = JSON.parse(fs.readFileSync(positionals[1], 'utf8'))
  const rows = new Map<string, {n: number; right: number; open: number}>()
  for (const item of judged.items as Item[]) {
    for (const key of [`${item.ruleId}\t${item.severity}`, `(all)\t${item.severity}`, '(all)\t(all)']) {
      const row = rows.get(key) ?? {n: 0, right: 0, open: 0}
      if (item.verdict === null) row.open++
      else {
        row.n++
        if (item.verdict) row.right++
      }
      rows.set(key, row)
    }
  }
  console.log('rule                  severity  judged  right  precision  unjudged')
  for (const [key, r] of [...rows].sort()) {
    const [rule, sev] = key.split('\t')
    console.log(`${rule.padEnd(21)} ${sev.padEnd(8)} ${String(r.n).padStart(7)} ${String(r.right).padStart(6)} ${(r.n ? (r.right / r.n).toFixed(2) : '-').padStart(10)} ${String(r.open).padStart(9)}`)
  }
} else {
  console.log('usage: judge.ts draw --from RUN.json --out FILE.json [--per-rule N] [--seed N] [--all] | judge.ts score FILE.json')
}
