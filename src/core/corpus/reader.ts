// What the checks read of a corpus: one interface, so another store of sources (a shared archive in a
// database) can stand behind the same checks. The embedded index (`Corpus`) implements it.
import type {Token} from '../text/tokens.js'
import type {Source, SourceSentence} from './corpus.js'

/** What a change of sources touched: the content words, capitalised names and stated values of
 * the sources added or taken out. What a check worked out for a draft sentence that touches none of them
 * stays as it was. */
export interface SourceChange {
  /** Content stems, with how many of the changed sentences hold each. */
  words: Map<string, number>
  /** Stems, capitalised words (lower case) and figures the sources now have and did not, or had and no longer
   * have: only these change what "is it in any source?" and near-spelling look-ups answer. */
  appeared: Set<string>
  names: Set<string>
  values: number[]
}

export interface CorpusReader {
  /** Changes on every change of the sources, so caches keyed on it stay honest. */
  readonly version: number
  readonly sources: Source[]
  readonly sentences: SourceSentence[]
  hasSource(absPath: string): boolean
  sentence(id: number): SourceSentence | undefined
  /** The sources' changes since `version`, merged; undefined when they are not known (a reload, or too long
   * ago): then everything is worked out again. A backend may leave this out. */
  changesSince?(version: number): SourceChange | undefined
  /** A store that answers from what it has fetched (the shared archive) counts the answers it gave without
   * what they needed; what a check worked out while this did not move is final. Absent: every answer is. */
  readonly misses?: number
  /** True when every change since `version` only answered what had been missing (an archive's fetch), so
   * final results worked out before it stand. */
  additiveSince?(version: number): boolean
  /** Candidate source sentences for a run of draft tokens, best first; equal scores in file order. */
  search(tokens: Token[], limit?: number): Array<{sentence: SourceSentence; score: number}>
  /** The sources of `search`'s hits, in its order, each once, at most `max` (a backend may leave this out:
   * then `search`'s sentences give them). */
  searchSources?(tokens: Token[], limit: number, max: number): Source[]
  /** The sources with a sentence using this stem: where a phrase holding the word can be. A backend may leave
   * this out; then every source it has is read. */
  sourcesWith?(stem: string): Source[]
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
