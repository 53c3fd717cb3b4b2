// The seed reports: the spun draft against the four sources, and each real report against the
// other three (leave-one-out). Real reports are honest writing: they must not look spun.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {check, compact, ROOT} from './helpers.js'

const SOURCES = path.join(ROOT, 'examples/sources')
const reports = fs.readdirSync(SOURCES).filter((f) => f.endsWith('.txt')).sort()

describe('seed example', () => {
  it('the spun draft: swaps flagged, no false contradictions, sentences the spinner left alone untouched', async () => {
    const {messages, text} = await check(SOURCES, path.join(ROOT, 'examples/draft.txt'))
    assert.deepEqual(messages.filter((m) => m.ruleId === 'contradicted-claim' || m.ruleId === 'misattributed-quote').map(String), [])
    // The page furniture at the end of the draft (newsletter box, "Source:") is never checked.
    const furniture = text.indexOf('The Daily Sabah Newsletter')
    assert.deepEqual(compact(messages.filter((m) => (m.place as {start: {offset: number}}).start.offset >= furniture)), [])
    // The headline and the proper names the spinner kept carry no message.
    for (const kept of ['Kassym-Jomart Tokayev', 'Caspian Pipeline Consortium', 'European Bank for Reconstruction and Development', '7,644 kilometers']) {
      const at = text.indexOf(kept)
      assert.ok(at >= 0, kept)
      assert.ok(!messages.some((m) => {
        const p = m.place as {start: {offset: number}; end: {offset: number}}
        return m.ruleId !== 'unsupported-claim' && p.start.offset < at + kept.length && at < p.end.offset
      }), kept)
    }
  })

  for (const report of reports) {
    it(`leave-one-out: ${report} against the other three reads as honest writing`, async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-loo-'))
      for (const other of reports) if (other !== report) fs.copyFileSync(path.join(SOURCES, other), path.join(dir, other))
      const {messages} = await check(dir, path.join(SOURCES, report)).finally(() => fs.rmSync(dir, {recursive: true, force: true}))
      assert.deepEqual(compact(messages.filter((m) => m.ruleId === 'machine-paraphrase')), [])
      // Every message points at evidence the writer can open, except "nothing found" rules.
      for (const m of messages) {
        if (m.ruleId === 'unsupported-claim' || m.ruleId === 'unsourced-quote') continue
        assert.ok(m.data?.evidence.length, `${m.ruleId} without evidence: ${m.actual}`)
      }
    })
  }
})

/** Check one seed report against the other three; its altered-quote messages as "actual → fix". */
async function alteredQuotesLeavingOut(prefix: string): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-loo-'))
  for (const other of reports) if (!other.startsWith(prefix)) fs.copyFileSync(path.join(SOURCES, other), path.join(dir, other))
  const draft = path.join(SOURCES, reports.find((r) => r.startsWith(prefix))!)
  const {messages} = await check(dir, draft).finally(() => fs.rmSync(dir, {recursive: true, force: true}))
  return messages.filter((m) => m.ruleId === 'altered-quote').map((m) => `${m.actual} → ${m.expected?.[0]}`)
}

describe('seed leave-one-out: where the outlets quote Blinken differently', () => {
  it('003 against the rest: its “no meaning” version of the quote is flagged against 001’s “real meaning”', async () => {
    const altered = await alteredQuotesLeavingOut('003')
    assert.ok(altered.includes('no → real'), altered.join('\n'))
  })

  it('004 against the rest: “lost its full-scale invasion” is flagged against 002’s “launched a”', async () => {
    const altered = await alteredQuotesLeavingOut('004')
    assert.ok(altered.includes('lost its → launched a'), altered.join('\n'))
  })
})
