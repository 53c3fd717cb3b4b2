// STUB — being implemented. The exported names and signatures below are the contract.
import type {Token} from '../text/tokens.js'

export interface SkippedSource {
  path: string
  /** Human-readable reason: "binary file", "empty file", "larger than 5 MB (12.3 MB)", "unsupported type". */
  reason: string
}

export interface SourceSentence {
  /** Index in corpus.sentences. */
  id: number
  source: Source
  /** Original text of the sentence (a slice of source.text). */
  text: string
  /** UTF-16 offsets in source.text. */
  start: number
  end: number
  /** 1-based line/column of `start` in the file as read. */
  line: number
  column: number
  /** Paragraph (block) index within the source. */
  paragraph: number
  tokens: Token[]
}

export interface Source {
  id: number
  /** Display path (relative to cwd/workspace when possible). */
  path: string
  absPath: string
  /** Text as read (BOM removed). For HTML this is the raw HTML; sentences point into it. */
  text: string
  sentences: SourceSentence[]
}

export interface LoadCorpusOptions {
  /** Base for relative inputs and display paths (default process.cwd()). */
  cwd?: string
  /** Files above this size are skipped with a note (default 5 MB). */
  maxBytes?: number
}

export class CorpusError extends Error {}

export class Corpus {
  sources: Source[] = []
  sentences: SourceSentence[] = []
  skipped: SkippedSource[] = []
  /** Increments on every change, so caches keyed on it stay honest. */
  version = 0
  constructor(readonly options: LoadCorpusOptions = {}) {}
  /** Add or replace a source from its bytes; returns the skip note if it cannot be used. */
  addFile(absPath: string, content: Uint8Array | string): SkippedSource | undefined {
    void absPath
    void content
    return undefined
  }
  removeFile(absPath: string): boolean {
    void absPath
    return false
  }
  /** Candidate source sentences for a draft sentence, best first. */
  search(tokens: Token[], limit = 10): Array<{sentence: SourceSentence; score: number}> {
    void tokens
    void limit
    return []
  }
}

/** Load every .txt/.md/.html source under the given folders, files or globs. Throws CorpusError when
 * an input does not exist or nothing readable is found (the message says what to do). */
export async function loadCorpus(inputs: string[], options: LoadCorpusOptions = {}): Promise<Corpus> {
  void inputs
  return new Corpus(options)
}
