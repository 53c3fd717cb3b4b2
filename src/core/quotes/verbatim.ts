// Is a draft quote word for word in a source? Any verbatim stretch of a source paragraph is quotable —
// a speaker's quote, a columnist's sentence, a release's wording — and a partial quote may start
// anywhere in it. Words are compared by a spelling key, so "co-ordinate"/"coordinate", "day
// care"/"daycare", "colour"/"color", "could've"/"could have" and "five"/"5" are the same words; the
// parts of a quote around an ellipsis or a [bracketed] insertion must each be verbatim, in order.
import type {Token} from '../text/tokens.js'
import {numberKey} from '../text/quantities.js'
import type {SourceQuote} from './source-quotes.js'

/** How many candidate source passages (`candidates` in source-quotes.ts) are searched for a verbatim copy. */
export const VERBATIM_CANDIDATES = 24

/** A word's spelling key: case, hyphens, apostrophes, British/American spelling and contractions folded. */
export function spellKey(token: Token): string {
  let k = numberKey(token) ?? token.norm
  // Contractions written without the apostrophe ("cant", "dont") are the same words.
  k = k.replace(/^(ca|do|does|did|is|was|are|were|could|would|should|have|has|had|wo)nt$/, (_, head: string) => `${head === 'wo' ? 'will' : head === 'ca' ? 'can' : head}not`)
  k = k.replace(/'ve$/, 'have').replace(/'re$/, 'are').replace(/'ll$/, 'will').replace(/'m$/, 'am')
  k = k.replace(/['’.-]/g, '')
  if (k.length >= 6) k = k.replace(/wards$/, 'ward').replace(/our(s|ed|ing)?$/, 'or$1').replace(/tre(s)?$/, 'ter$1').replace(/ll(ed|ing|er|ers)$/, 'l$1')
  if (k.length >= 7) k = k.replace(/is(e|es|ed|ing|ation|ations)$/, 'iz$1').replace(/ys(e|es|ed|ing)$/, 'yz$1')
  return k
}

interface Keyed {
  joined: string
  /** Offsets in `joined` where a source word starts / ends. */
  starts: Set<number>
  ends: Set<number>
}

const keyedCache = new WeakMap<object, Keyed>()

/** The spelling keys of a whole source, so the parts of a quote around an ellipsis may stand in
 * different paragraphs, as a long statement's do. */
function keyed(source: SourceQuote['source']): Keyed {
  let hit = keyedCache.get(source)
  if (hit) return hit
  let joined = ''
  const starts = new Set<number>()
  const ends = new Set<number>()
  for (const t of source.sentences.flatMap((sentence) => sentence.tokens)) {
    starts.add(joined.length)
    joined += spellKey(t)
    ends.add(joined.length)
  }
  hit = {joined, starts, ends}
  keyedCache.set(source, hit)
  return hit
}

/** Does one source of these candidate passages (the quote's first VERBATIM_CANDIDATES) hold every segment of
 * the draft quote verbatim, in order? `segments` are draft token index ranges split at ellipses and insertions. */
export function hasVerbatim(passages: readonly SourceQuote[], tokens: Token[], segments: Array<[number, number]>): boolean {
  const parts = segments.map(([a, b]) => tokens.slice(a, b).map(spellKey).join('')).filter(Boolean)
  if (!parts.length) return false
  const seen = new Set<object>()
  for (const quote of passages) {
    if (seen.has(quote.source)) continue
    seen.add(quote.source)
    const k = keyed(quote.source)
    let from = 0
    let ok = true
    for (const part of parts) {
      let at = k.joined.indexOf(part, from)
      while (at >= 0 && !(k.starts.has(at) && k.ends.has(at + part.length))) at = k.joined.indexOf(part, at + 1)
      if (at < 0) {
        ok = false
        break
      }
      from = at + part.length
    }
    if (ok) return true
  }
  return false
}

/** Does this source hold these words verbatim (by spelling key, at word boundaries)? */
export function sourceHas(source: SourceQuote['source'], tokens: Token[]): boolean {
  const part = tokens.map(spellKey).join('')
  if (!part) return false
  const k = keyed(source)
  for (let at = k.joined.indexOf(part); at >= 0; at = k.joined.indexOf(part, at + 1)) if (k.starts.has(at) && k.ends.has(at + part.length)) return true
  return false
}

/** A quote of common words only ("What will be will be") has no rare word to look it up by: its words,
 * in order with any punctuation between, are searched for in the texts of the sources given. */
export function inAnySource(sources: Array<{text: string}>, quoteText: string): boolean {
  const words = quoteText.split(/[^\p{L}\p{N}]+/u).filter(Boolean)
  if (!words.length || words.length > 40) return false
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^\\p{L}\\p{N}]+')}(?![\\p{L}\\p{N}])`, 'iu')
  return sources.some((source) => re.test(source.text))
}
