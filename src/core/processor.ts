// STUB — being implemented.
import {VFile} from 'vfile'
import type {Corpus} from './corpus/corpus.js'
import type {RuleId, Severity} from './types.js'

export interface CheckOptions {
  /** 'markdown' or 'plaintext'; default from the file extension (.md/.markdown → markdown). */
  language?: 'markdown' | 'plaintext'
  /** Per-rule severity; 'off' disables a rule. Defaults: DEFAULT_SEVERITY. */
  rules?: Partial<Record<RuleId, Severity>>
}

/** Check a draft against the corpus. Synchronous and pure: messages land on the returned VFile. */
export function checkDraft(draft: VFile | {path?: string; value: string}, corpus: Corpus, options: CheckOptions = {}): VFile {
  void corpus
  void options
  return draft instanceof VFile ? draft : new VFile(draft)
}
