// Scoring of the engine against labelled fixtures: a label is found when a message with its rule
// overlaps the label's words; a message that matches no label is a false alarm.
import fs from 'node:fs'
import path from 'node:path'
import {checkDraft, loadCorpus, RULE_IDS, type CorroborateMessage, type RuleId} from '../src/core/index.js'

export interface Label {
  ruleId: RuleId
  text: string
  occurrence?: number
  expected?: string
  uncertain?: boolean
}

export interface DraftResult {
  draft: string
  labels: Array<Label & {start: number; end: number; found?: CorroborateMessage}>
  /** Errors and warnings that match no label. */
  falseAlarms: CorroborateMessage[]
  /** Information messages that match no label (not alarms; shown for review). */
  notes: CorroborateMessage[]
  clean: boolean
}

export function labelSpan(text: string, label: Label): {start: number; end: number} {
  let at = -1
  for (let i = 0; i < (label.occurrence ?? 1); i++) {
    at = text.indexOf(label.text, at + 1)
    if (at < 0) throw new Error(`label text not in draft: ${label.text}`)
  }
  return {start: at, end: at + label.text.length}
}

/** Every labelled draft under `root`: <set>/sources/ and <set>/drafts/NAME.{md,txt} + NAME.expected.json. */
export function labelledDrafts(root: string): Array<{set: string; sources: string; draft: string; labels: Label[]}> {
  const out = []
  for (const set of fs.readdirSync(root).sort()) {
    if (!fs.statSync(path.join(root, set)).isDirectory()) continue
    // Drafts in <set>/drafts/, or beside <set>/sources/ in the set folder itself.
    const drafts = fs.existsSync(path.join(root, set, 'drafts')) ? path.join(root, set, 'drafts') : path.join(root, set)
    for (const file of fs.readdirSync(drafts).filter((f) => f.endsWith('.expected.json')).sort()) {
      const base = file.replace(/\.expected\.json$/, '')
      const draft = ['.md', '.txt'].map((ext) => path.join(drafts, base + ext)).find((p) => fs.existsSync(p))
      if (!draft) throw new Error(`no draft for ${file}`)
      out.push({set, sources: path.join(root, set, 'sources'), draft, labels: JSON.parse(fs.readFileSync(path.join(drafts, file), 'utf8')).messages as Label[]})
    }
  }
  return out
}

export async function score(root: string): Promise<DraftResult[]> {
  const results: DraftResult[] = []
  for (const item of labelledDrafts(root)) {
    const corpus = await loadCorpus([item.sources])
    const text = fs.readFileSync(item.draft, 'utf8').replace(/^\uFEFF/, '')
    const messages = checkDraft({path: item.draft, value: text}, corpus).messages as CorroborateMessage[]
    const labels: DraftResult["labels"] = item.labels.map((l) => ({...l, ...labelSpan(text, l)}))
    const used = new Set<CorroborateMessage>()
    for (const label of labels) {
      const hit = messages.find((m) => m.ruleId === label.ruleId && overlaps(m, label))
      if (hit) {
        label.found = hit
        used.add(hit)
      }
    }
    // A message inside a labelled span of its rule is part of that finding (a phrase flagged word by word).
    // Information notes are not alarms (the engine says "merely suspicious" with them); they are listed apart.
    const unmatched = messages.filter((m) => !used.has(m) && !labels.some((l) => (l.uncertain || l.ruleId === m.ruleId) && overlaps(m, l)))
    const falseAlarms = unmatched.filter((m) => m.fatal !== undefined)
    const notes = unmatched.filter((m) => m.fatal === undefined)
    results.push({draft: path.relative(process.cwd(), item.draft), labels, falseAlarms, notes, clean: item.labels.length === 0})
  }
  return results
}

function overlaps(m: CorroborateMessage, l: {start: number; end: number}): boolean {
  const p = m.place as {start: {offset: number}; end: {offset: number}}
  return p.start.offset < l.end && l.start < p.end.offset
}

export function perRule(results: DraftResult[]) {
  return RULE_IDS.map((rule) => {
    const labels = results.flatMap((r) => r.labels.filter((l) => l.ruleId === rule && !l.uncertain))
    const found = labels.filter((l) => l.found).length
    const fixes = labels.filter((l) => l.found && l.expected !== undefined)
    return {
      rule,
      labels: labels.length,
      found,
      recall: labels.length ? found / labels.length : NaN,
      falseAlarms: results.flatMap((r) => r.falseAlarms).filter((m) => m.ruleId === rule).length,
      cleanFalseAlarms: results.filter((r) => r.clean).flatMap((r) => r.falseAlarms).filter((m) => m.ruleId === rule && m.fatal !== undefined).length,
      fixRight: fixes.filter((l) => l.found!.expected?.[0] === l.expected).length,
      fixTotal: fixes.length
    }
  })
}
