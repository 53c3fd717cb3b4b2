// Which of a check's remembered results a change of sources can alter: the caches keyed by draft sentence
// (alignments, per-sentence findings) and by quote keep what no changed source bears on.
import QuickLRU from 'quick-lru'
import {statedValues} from '../text/quantities.js'
import {isContent, tokenize, type Token} from '../text/tokens.js'
import type {CorpusReader, SourceChange} from './reader.js'

/** A word in more sentences than this weighs too little in retrieval and support for one source's change to
 * matter (idf moves by a fraction of a percent) — unless the change holds a good share of its sentences. */
const COMMON = 1_000
const CHANGE_SHARE = 0.1

/** Each source saved asks this of every remembered draft sentence and quote: their words are kept, not
 * tokenised again on every save (as many as the caches asking hold). */
const contentTokens = new QuickLRU<string, Token[]>({maxSize: 6_000})

/** Could a change of sources alter what the checks make of this text? It shares a content word with the
 * sources changed that is not common in the archive (or that the change holds a good share of); or names
 * someone or something the sources now know or no longer know; or states a figure within a sixth of one that
 * appeared or went (hedged figures are compared by value); or holds a word the corpus does not know that is
 * near one that appeared or went (a misspelt name, a demonym, a one-letter-off retrieval match). Only a
 * sentence like that is worked out again. */
export function touches(text: string, change: SourceChange, corpus: CorpusReader): boolean {
  // Content words only: retrieval and every fact the checks look up go by them ("the" is in every source).
  let tokens = contentTokens.get(text)
  if (!tokens) contentTokens.set(text, (tokens = tokenize(text).filter(isContent)))
  for (const t of tokens) {
    const changed = change.words.get(t.stem)
    if (changed !== undefined) {
      const df = corpus.documentFrequency(t.stem)
      if (df <= COMMON || changed >= CHANGE_SHARE * df) return true
    }
    if (change.names.has(t.norm) || change.appeared.has(t.stem)) return true
  }
  const values = statedValues(tokens)
  if (values.some((v) => change.values.some((c) => Math.abs(v - c) <= 0.2 * Math.max(Math.abs(v), Math.abs(c))))) return true
  const near = (w: string) => [...change.appeared].some((n) => n[0] === w[0] && Math.abs(n.length - w.length) <= 4)
  return tokens.some((t) => t.kind === 'word' && !corpus.hasStem(t.stem) && near(t.norm))
}
