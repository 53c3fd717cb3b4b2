// The writer's say over messages: severity per rule (or off), accepted items, and ignore comments
// in the draft (`<!-- corroborate-disable rule -->`, `<!-- corroborate-enable -->`,
// `<!-- corroborate-ignore-next -->`). Runs last in `checkDraft`, so the CLI and the editor agree.
import type {VFile} from 'vfile'
import {DEFAULT_SEVERITY, lowerSeverity, RULE_IDS, severityToFatal, type AcceptedItem, type CorroborateMessage, type RuleId, type Severity} from './types.js'

export interface MessageControlOptions {
  rules?: Partial<Record<RuleId, Severity>>
  accepted?: AcceptedItem[]
  /** Draft path relative to the config file, for accepted items limited to one file. */
  relativePath?: string
}

interface Range {
  start: number
  end: number
  rules: Set<RuleId> | 'all'
}

const COMMENT = /<!--\s*corroborate-(disable|enable|ignore-next)((?:\s+[a-z-]+)*)\s*-->/g

/** Offset ranges in which rules are switched off by comments. */
export function ignoredRanges(text: string): Range[] {
  const ranges: Range[] = []
  const open = new Map<RuleId | 'all', number>()
  for (const m of text.matchAll(COMMENT)) {
    const ids = m[2].trim().split(/\s+/).filter((id): id is RuleId => (RULE_IDS as readonly string[]).includes(id))
    const at = m.index
    const after = at + m[0].length
    if (m[1] === 'disable') {
      for (const id of ids.length ? ids : (['all'] as const)) if (!open.has(id)) open.set(id, after)
    } else if (m[1] === 'enable') {
      const which = ids.length ? ids : [...open.keys()]
      for (const id of which) {
        const start = open.get(id)
        if (start === undefined) continue
        ranges.push({start, end: at, rules: id === 'all' ? 'all' : new Set([id])})
        open.delete(id)
      }
    } else {
      // The next block: from the comment to the next blank line after some text.
      const rest = text.slice(after)
      const block = /^\s*\S[\s\S]*?(\r?\n[ \t]*\r?\n|$)/.exec(rest)
      const end = after + (block ? block[0].length : rest.length)
      ranges.push({start: after, end, rules: ids.length ? new Set(ids) : 'all'})
    }
  }
  for (const [id, start] of open) ranges.push({start, end: text.length, rules: id === 'all' ? 'all' : new Set([id])})
  return ranges
}

export function applyMessageControl(file: VFile, options: MessageControlOptions = {}): void {
  const text = String(file.value)
  const ranges = ignoredRanges(text)
  file.messages = file.messages.filter((raw) => {
    const message = raw as CorroborateMessage
    const rule = message.ruleId
    const severity = options.rules?.[rule] ?? DEFAULT_SEVERITY[rule]
    if (severity === 'off') return false
    message.fatal = severityToFatal(message.data?.demoted ? lowerSeverity(severity) : severity)
    const accepted = options.accepted?.some((a) => a.rule === rule && a.text === message.actual && (!a.file || a.file === options.relativePath))
    if (accepted) return false
    const offset = (message.place && 'start' in message.place ? message.place.start.offset : undefined) ?? 0
    return !ranges.some((r) => offset >= r.start && offset < r.end && (r.rules === 'all' || r.rules.has(rule)))
  })
}
