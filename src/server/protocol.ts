// Messages between the extension client and the language server beyond LSP itself.
import {pathToFileURL} from 'node:url'
import type {Evidence, RuleId} from '../core/index.js'

/** Status for the status bar, sent by the server whenever the corpus changes. */
export interface StatusParams {
  /** checking: sources indexed, the first check of the open drafts still running. */
  state: 'indexing' | 'checking' | 'ready' | 'error' | 'no-corpus'
  sources: number
  skipped: Array<{path: string; reason: string}>
  message?: string
  /** The shared archive beside the folders, when one is named: reached or not, and why not. */
  archive?: {url: string; connected: boolean; sentences: number; message?: string}
}
export const STATUS = 'corroborate/status'

/** An article of the shared archive, by id: its text to show read-only (the client asks when opening one). */
export const ARCHIVE_ARTICLE = 'corroborate/archiveArticle'
export type ArchiveArticleResult = {path: string; title?: string; text: string} | {error: string}

/** Archive articles open under this scheme: corroborate-archive:/collection/path?id. */
export const ARCHIVE_SCHEME = 'corroborate-archive'

/** Where a piece of evidence opens: its file, or its article of the shared archive. */
export function evidenceUri(e: Evidence): string {
  return e.archive ? `${ARCHIVE_SCHEME}:/${e.path.split('/').map(encodeURIComponent).join('/')}?${e.archive.id}` : pathToFileURL(e.absPath).href
}

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
  /** Open a source at a line and column: a file's path, or an evidence URI (an archive's article). */
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
