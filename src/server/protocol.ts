// Messages between the extension client and the language server beyond LSP itself.
import type {Evidence, RuleId} from '../core/index.js'

/** Status for the status bar, sent by the server whenever the corpus changes. */
export interface StatusParams {
  /** checking: sources indexed, the first check of the open drafts still running. */
  state: 'indexing' | 'checking' | 'ready' | 'error' | 'no-corpus'
  sources: number
  skipped: Array<{path: string; reason: string}>
  message?: string
}
export const STATUS = 'corroborate/status'

/** The client's visible ranges of a huge draft (checked only around them). */
export interface VisibleRangesParams {
  uri: string
  ranges: Array<{start: number; end: number}>
}
export const VISIBLE_RANGES = 'corroborate/visibleRanges'

/** What a diagnostic carries for code actions and hover: the message's data, never re-computed. */
export interface DiagnosticData {
  ruleId: RuleId
  uri: string
  /** Document version the diagnostic was computed for: a fix applies to that version only. */
  version: number
  actual: string
  expected: string[]
  evidence: Evidence[]
  conflicting?: Evidence[]
  draftSpeaker?: string
  sourceSpeaker?: string
  fixRange?: {start: number; end: number}
}

/** Commands the user runs (registered by the client). */
export const COMMANDS = {
  checkDocument: 'corroborate.checkDocument',
  reindex: 'corroborate.reindex',
  sourcesReport: 'corroborate.sourcesReport',
  openSource: 'corroborate.openSource',
  /** Apply a fix only if the document still has the version the fix was computed for. */
  applyFix: 'corroborate.applyFix',
  /** Apply several fixes of one document at once (fix all), under the same version check. */
  applyFixes: 'corroborate.applyFixes',
  /** Pick the folder of sources and write it to the workspace setting. */
  setUpSources: 'corroborate.setUpSources'
} as const

export interface ApplyFixArgs {
  uri: string
  version: number
  start: number
  end: number
  newText: string
}

/** Commands the server executes (vscode-languageclient registers them for code actions). */
export const SERVER_COMMANDS = {
  checkDocument: 'corroborate.server.checkDocument',
  reindex: 'corroborate.server.reindex',
  sourcesReport: 'corroborate.server.sourcesReport',
  accept: 'corroborate.server.accept'
} as const
