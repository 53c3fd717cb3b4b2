// One way to emit a Corroborate message, so every check fills the contract the same way.
import type {VFile} from 'vfile'
import {location} from 'vfile-location'
import type {SourceSentence} from './corpus/corpus.js'
import {DEFAULT_SEVERITY, lowerSeverity, ruleUrl, severityToFatal, type CorroborateMessage, type Evidence, type FindingData, type RuleId} from './types.js'

export interface Finding {
  ruleId: RuleId
  /** UTF-16 offsets of the offending words in the draft. */
  start: number
  end: number
  reason: string
  /** Replacements in the source's wording, best first. */
  expected?: string[]
  evidence?: Evidence[]
  data?: Omit<FindingData, 'evidence'>
  /** Less certain than the rule's usual finding: shown one severity lower (error → warning → info). */
  demote?: boolean
}

export function report(file: VFile, finding: Finding): CorroborateMessage {
  const text = String(file.value)
  const place = {start: point(file, finding.start), end: point(file, finding.end)}
  const message = file.message(finding.reason, {place, ruleId: finding.ruleId, source: 'corroborate'}) as CorroborateMessage
  // Default severity; the writer's settings are applied afterwards (filter.ts).
  message.fatal = severityToFatal(finding.demote ? lowerSeverity(DEFAULT_SEVERITY[finding.ruleId]) : DEFAULT_SEVERITY[finding.ruleId])
  message.actual = text.slice(finding.start, finding.end)
  message.expected = finding.expected ?? []
  message.url = ruleUrl(finding.ruleId)
  const evidence = finding.evidence ?? []
  message.note = evidence.length ? evidence.map(describeEvidence).join('\n') : undefined
  message.data = {evidence, ...finding.data, ...(finding.demote ? {demoted: true} : {})}
  return message
}

export function describeEvidence(e: Evidence): string {
  return `${e.path}:${e.line}:${e.column}${e.speaker ? ` (${e.speaker})` : ''}: ${e.sentence}`
}

/** Short place of a source sentence for reasons: file name and line ("wire.txt:7"). */
export function where(sentence: SourceSentence): string {
  return `${sentence.source.path.split('/').pop()}:${sentence.line}`
}

/** Evidence for a source sentence; `marks` are offsets into the sentence text. */
export function evidenceOf(sentence: SourceSentence, marks?: Array<[number, number]>, speaker?: string): Evidence {
  return {
    path: sentence.source.path,
    absPath: sentence.source.absPath,
    line: sentence.line,
    column: sentence.column,
    start: sentence.start,
    end: sentence.end,
    sentence: sentence.text,
    ...(marks && marks.length ? {marks} : {}),
    ...(speaker ? {speaker} : {}),
    ...(sentence.source.archive ? {archive: sentence.source.archive} : {})
  }
}

const locations = new WeakMap<VFile, ReturnType<typeof location>>()

function point(file: VFile, offset: number) {
  let place = locations.get(file)
  if (!place) locations.set(file, (place = location(file)))
  const p = place.toPoint(offset)
  return {line: p?.line ?? 1, column: p?.column ?? 1, offset}
}
