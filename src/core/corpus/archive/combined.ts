// Local sources and the shared archive in one check ("corpus": ["sources", "postgres://…"]): candidates from
// both, best first; counts added; a fact stated in either is stated. Each finding's evidence names where it
// is (a file's path, or the archive's postgres://…/collection/path). The archive's sentence ids are moved
// past any local id (ARCHIVE_IDS), so `sentence(id)` knows which store to ask.
import {byPlace, type Corpus, type Source, type SourceSentence} from '../corpus.js'
import type {CorpusReader} from '../reader.js'
import type {Token} from '../../text/tokens.js'
import type {ArchiveReader} from './reader.js'

/** The archive's ids start here (2^40: no local corpus holds a trillion sentences). */
export const ARCHIVE_IDS = 2 ** 40
/** The local version times this plus the archive's: a million fetches per local change before they could meet. */
const VERSION_STRIDE = 1_000_003

export class CombinedReader implements CorpusReader {
  constructor(
    readonly local: Corpus,
    readonly archive: ArchiveReader
  ) {}

  /** Changes when either store does (the archive's version counts its fetches). */
  get version(): number {
    return this.local.version * VERSION_STRIDE + this.archive.version
  }

  get misses(): number {
    return this.archive.misses
  }

  /** Only the archive fetched since then (the local sources are as they were). */
  additiveSince(version: number): boolean {
    return Math.floor(version / VERSION_STRIDE) === this.local.version
  }

  get sources(): Source[] {
    return [...this.local.sources, ...this.archive.sources]
  }

  get sentences(): SourceSentence[] {
    return [...this.local.sentences, ...this.archive.sentences]
  }

  hasSource(absPath: string): boolean {
    return this.local.hasSource(absPath)
  }

  sentence(id: number): SourceSentence | undefined {
    return id >= ARCHIVE_IDS ? this.archive.sentence(id) : this.local.sentence(id)
  }

  /** Both stores' candidates, by score (each store's BM25 on its own counts), then by place. */
  search(tokens: Token[], limit = 10): Array<{sentence: SourceSentence; score: number}> {
    return [...this.local.search(tokens, limit), ...this.archive.search(tokens, limit)].sort((a, b) => b.score - a.score || byPlace(a.sentence, b.sentence))
  }

  hasStem(stem: string): boolean {
    // Both asked, so the archive learns what it lacks in the same round.
    const archive = this.archive.hasStem(stem)
    return this.local.hasStem(stem) || archive
  }

  documentFrequency(stem: string): number {
    return this.local.documentFrequency(stem) + this.archive.documentFrequency(stem)
  }

  idf(stem: string): number {
    return Math.log(1 + (this.local.sentenceCount + this.archive.sentenceCount) / (1 + this.documentFrequency(stem)))
  }

  hasValue(value: number, tolerance?: number): boolean {
    const archive = this.archive.hasValue(value, tolerance)
    return this.local.hasValue(value, tolerance) || archive
  }

  isPerson(norm: string): boolean {
    const archive = this.archive.isPerson(norm)
    return this.local.isPerson(norm) || archive
  }

  hasNameLike(norm: string): boolean {
    const archive = this.archive.hasNameLike(norm)
    return this.local.hasNameLike(norm) || archive
  }

  similarNames(norm: string): string[] {
    return [...new Set([...this.local.similarNames(norm), ...this.archive.similarNames(norm)])]
  }

  fetch(): Promise<boolean> {
    return this.archive.fetch()
  }
}
