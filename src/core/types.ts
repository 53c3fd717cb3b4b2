// The one contract between the engine and every front end (CLI reporters, language server).
// Checks report VFile messages; the typed `data` field carries the evidence a front end shows.
import type {VFileMessage} from 'vfile-message'

/** Stable rule ids: the CLI, settings, ignore comments and tests all use them. */
export const RULE_IDS = [
  'contradicted-claim',
  'unsupported-claim',
  'altered-quote',
  'unsourced-quote',
  'misattributed-quote',
  'machine-paraphrase',
  'conflicting-sources'
] as const

export type RuleId = (typeof RULE_IDS)[number]

/** `off` silences a rule; the others map to VFile `fatal` true / false / undefined. */
export type Severity = 'error' | 'warning' | 'info' | 'off'

export const DEFAULT_SEVERITY: Record<RuleId, Exclude<Severity, 'off'>> = {
  'contradicted-claim': 'error',
  'unsupported-claim': 'warning',
  'altered-quote': 'error',
  'unsourced-quote': 'warning',
  'misattributed-quote': 'error',
  'machine-paraphrase': 'warning',
  'conflicting-sources': 'info'
}

/** One-line summaries, used by the README rule table, settings descriptions and SARIF rule metadata. */
export const RULE_SUMMARY: Record<RuleId, string> = {
  'contradicted-claim': 'A source sentence on the same fact says otherwise (number, name, negation, date, event).',
  'unsupported-claim': 'A number, name or event of the draft that no source states.',
  'altered-quote': 'Quoted words match a source quote except for changed, added or dropped words.',
  'unsourced-quote': 'No source contains the quoted words.',
  'misattributed-quote': 'The quote is in the sources, spoken by someone else.',
  'machine-paraphrase': 'A thesaurus swap against the source wording, or a known spinner phrase.',
  'conflicting-sources': 'The sources disagree with each other on what the draft states or quotes.'
}

export const DOCS_URL = 'https://github.com/corroborate/corroborate#rules'

/** Documentation link for a rule (README anchor). */
export function ruleUrl(ruleId: RuleId): string {
  return `https://github.com/corroborate/corroborate#${ruleId}`
}

export function severityToFatal(severity: Exclude<Severity, 'off'>): boolean | undefined {
  return severity === 'error' ? true : severity === 'warning' ? false : undefined
}

/** One step less severe: how a less certain finding of a rule is shown. */
export function lowerSeverity(severity: Exclude<Severity, 'off'>): Exclude<Severity, 'off'> {
  return severity === 'error' ? 'warning' : 'info'
}

export function fatalToSeverity(fatal: boolean | null | undefined): Exclude<Severity, 'off'> {
  return fatal === true ? 'error' : fatal === false ? 'warning' : 'info'
}

/** A place in a source that backs (or contradicts) a message. */
export interface Evidence {
  /** Source path as the user gave it (relative to the working directory or workspace when possible). */
  path: string
  /** Absolute path, for "open source at this sentence". */
  absPath: string
  /** 1-based line and column of the sentence start in the source file as read. */
  line: number
  column: number
  /** UTF-16 offsets of the sentence in the source file as read. */
  start: number
  end: number
  /** The source sentence (original characters, whitespace collapsed). */
  sentence: string
  /** Offsets into `sentence` of the words that differ from the draft (for highlighting on hover). */
  marks?: Array<[number, number]>
  /** Who says the quoted words in this source, when known. */
  speaker?: string
  /** The sentence is an article of a shared archive (no file on this machine): which one. */
  archive?: ArchiveArticle
}

/** An article of a shared archive, as a hover names it and the editor opens it. */
export interface ArchiveArticle {
  /** The archive, without its password (postgres://user@host/db). */
  url: string
  id: number
  title?: string
  /** The file's modification time when it was ingested (ISO date), the nearest thing to a dateline. */
  date?: string
}

/** Typed payload on every Corroborate message (`message.data`). */
export interface FindingData {
  /** Best evidence first. Empty only for `unsourced-quote` / `unsupported-claim` (nothing found). */
  evidence: Evidence[]
  /** misattributed-quote: the speaker in the draft and the one the sources give. */
  draftSpeaker?: string
  sourceSpeaker?: string
  /** conflicting-sources: the other side of the disagreement. */
  conflicting?: Evidence[]
  /** Less certain than the rule's usual finding: shown one severity below the rule's setting. */
  demoted?: boolean
  /** Where the replacement goes when it is not the message's own range (e.g. the speaker's name). */
  fixRange?: {start: number; end: number}
}

/** A VFile message as Corroborate emits it. */
export type CorroborateMessage = VFileMessage & {ruleId: RuleId; data?: FindingData}

/** A message the writer accepted (recorded in the project config, honoured by CLI and extension). */
export interface AcceptedItem {
  rule: RuleId
  /** The flagged text exactly as it stood in the draft (message `actual`). */
  text: string
  /** Optional: limit to one draft (path relative to the config file). */
  file?: string
  note?: string
}
