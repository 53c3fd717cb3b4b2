// The labelled fixtures as a quality gate: labels are valid, clean drafts stay silent, and recall
// per rule stays above the floor in test/fixtures/thresholds.json.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import {labelledDrafts, labelSpan, perRule, score, type DraftResult} from '../../bench/score.js'
import {RULE_IDS} from '../../src/core/index.js'
import {ROOT} from './helpers.js'

const roots = [path.join(ROOT, 'test/fixtures'), path.join(ROOT, 'test/unit/fixtures-engine')]
const thresholds = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/thresholds.json'), 'utf8'))

describe('labelled fixtures', () => {
  let results: DraftResult[]
  before(async function () {
    this.timeout(60_000)
    results = (await Promise.all(roots.map((r) => score(r)))).flat()
  })

  it('every label names a rule, points at text in its draft, and has sources', () => {
    const items = roots.flatMap((r) => labelledDrafts(r))
    assert.ok(items.length >= 10)
    for (const item of items) {
      assert.ok(fs.existsSync(item.sources), item.sources)
      const text = fs.readFileSync(item.draft, 'utf8')
      for (const label of item.labels) {
        assert.ok((RULE_IDS as readonly string[]).includes(label.ruleId), label.ruleId)
        labelSpan(text, label)
      }
    }
  })

  it('clean drafts get no warning or error', () => {
    const clean = results.filter((r) => r.clean)
    assert.ok(clean.length >= 4)
    for (const r of clean) assert.deepEqual(r.falseAlarms.filter((m) => m.fatal !== undefined).map((m) => `${m.ruleId}: ${m.actual}`), [], r.draft)
  })

  it('recall per rule and false alarms stay within the floor', () => {
    const rows = perRule(results)
    for (const row of rows) {
      if (!row.labels) continue
      assert.ok(row.recall >= thresholds.minRecall[row.rule], `${row.rule}: recall ${row.recall.toFixed(2)} < ${thresholds.minRecall[row.rule]}`)
    }
    const alarms = results.flatMap((r) => r.falseAlarms.map((m) => `${r.draft}: ${m.ruleId} ${m.actual}`))
    assert.ok(alarms.length <= thresholds.maxFalseAlarms, alarms.join('\n'))
  })
})
