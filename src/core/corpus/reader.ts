// What the checks read of a corpus: one interface, so another store of sources (a shared archive in a
// database) can stand behind the same checks. The embedded index (`Corpus`) implements it.
import type {Token} from '../text/tokens.js'
import type {Source, SourceSentence} from './corpus.js'

export interface CorpusReader {
  /** Changes on every change of the sources, so caches keyed on it stay honest. */
  readonly version: number
  readonly sources: Source[]
  readonly sentences: SourceSentence[]
  hasSource(absPath: string): boolean
  sentence(id: number): SourceSentence | undefined
  /** Candidate source sentences for a run of draft tokens, best first; equal scores in file order. */
  search(tokens: Token[], limit?: number): Array<{sentence: SourceSentence; score: number}>
  /** Statistics: sentences using a stem, its inverse document frequency. */
  hasStem(stem: string): boolean
  documentFrequency(stem: string): number
  idf(stem: string): number
  /** Facts stated anywhere: quantities by value, people's names, capitalised names and near spellings. */
  hasValue(value: number, tolerance?: number): boolean
  isPerson(norm: string): boolean
  hasNameLike(norm: string): boolean
  similarNames(norm: string): string[]
}
