// Where a draft quote stands in the sources: the source quote it is a (possibly partial) copy of,
// aligned word by word, with the writer's legitimate edits (ellipses, [brackets], first-letter
// case, quotation-mark style, a quote split around "she said") told apart from changed words.
// Computed once per check run and shared by the quotes and attribution checks.
import {diffArrays} from 'diff'
import QuickLRU from 'quick-lru'
import type {Root} from 'nlcst'
import type {VFile} from 'vfile'
import type {CorpusReader} from '../corpus/reader.js'
import {touches} from '../corpus/change.js'
import {draftOf} from '../draft.js'
import {isContent, tokenize, type Token} from '../text/tokens.js'
import {brackets, ellipses, extractQuotes, type QuoteSpan} from './extract.js'
import {candidates, quoteIndex, quoteKey, type SourceQuote} from './source-quotes.js'
import {peopleIn, speakerOf, type Speaker} from './speakers.js'
import {hasVerbatim, inAnySource, VERBATIM_CANDIDATES} from './verbatim.js'

/** A change inside a quote: draft tokens [dStart, dEnd) stand where the source has [sStart, sEnd). */
export interface QuoteEdit {
  dStart: number
  dEnd: number
  sStart: number
  sEnd: number
}

export interface QuoteMatch {
  quote: SourceQuote
  /** Share of the draft quote's words found in order in the source quote. */
  score: number
  /** The same share within the stretch this source quotes (words beyond its ends left out). */
  core: number
  /** Draft words found, and draft words beyond the ends of this source's quote. */
  matched: number
  edge: number
  edits: QuoteEdit[]
  /** Source words from the first to the last shared word: a real copy is about as long as the draft quote. */
  window: number
}

export interface DraftQuote {
  span: QuoteSpan
  tokens: Token[]
  speaker?: Speaker
  /** Matches against source quotes, best first (fewest changes among the well-matching). */
  matches: QuoteMatch[]
  /** Some source passage holds the quote word for word (each part around an ellipsis, in order). */
  verbatim: boolean
}

declare module 'vfile' {
  interface DataMap {
    corroborateQuotes: DraftQuote[]
  }
}

/** Matches of this many quote texts are kept per corpus (bounded: an editing session types many versions). */
const QUOTE_CACHE = 2_000
/** Candidate passages a draft quote is matched against. */
const MATCHED = 12
/** A draft quote's match with one source quote never changes (quote ids are never reused): kept across
 * corpus versions, so saving one source re-matches only against that source's quotes. */
const PAIR_CACHE = 20_000
const matchCache = new WeakMap<CorpusReader, {version: number; byText: QuickLRU<string, {matches: QuoteMatch[]; verbatim: boolean}>; pairs: QuickLRU<string, QuoteMatch>}>()

/** Quotes of up to this many words are scare quotes or fragments: the checks look at them only when they
 * hold a content word. */
export const FRAGMENT_WORDS = 3

/** Below this share of words found, the quote is not in the sources. */
export const FOUND = 0.5

export function draftQuotes(tree: Root, file: VFile, corpus: CorpusReader): DraftQuote[] {
  const cached = file.data.corroborateQuotes
  if (cached) return cached
  const draft = draftOf(tree, file)
  const furniture = draft.sentences.filter((s) => s.boilerplate)
  const index = quoteIndex(corpus)
  let perCorpus = matchCache.get(corpus)
  if (!perCorpus) matchCache.set(corpus, (perCorpus = {version: corpus.version, byText: new QuickLRU({maxSize: QUOTE_CACHE}), pairs: new QuickLRU({maxSize: PAIR_CACHE})}))
  if (perCorpus.version !== corpus.version && corpus.additiveSince?.(perCorpus.version)) {
    // Only missing answers came in (an archive's fetch): the matches kept were final (see below).
    matchCache.set(corpus, (perCorpus = {...perCorpus, version: corpus.version}))
  } else if (perCorpus.version !== corpus.version) {
    // A source saved: a quote that touches none of its words keeps its matches (see `touches`).
    const change = corpus.changesSince?.(perCorpus.version)
    if (change) for (const text of [...perCorpus.byText.keys()]) if (touches(text, change, corpus)) perCorpus.byText.delete(text)
    matchCache.set(corpus, (perCorpus = {...perCorpus, version: corpus.version, byText: change ? perCorpus.byText : new QuickLRU({maxSize: QUOTE_CACHE})}))
  }
  const cache = perCorpus.byText
  const pairs = perCorpus.pairs
  const context = {text: draft.text, people: peopleIn(draft.text)}
  const result: DraftQuote[] = []
  for (const span of extractQuotes(draft.text)) {
    if (furniture.some((s) => span.start >= s.start && span.start < s.end)) continue
    const skip = [...ellipses(span.text, span.start), ...brackets(span.text, span.start), ...censored(span.text, span.start)]
    const tokens = tokenize(span.text, span.start).filter((t) => !skip.some(([a, b]) => t.start >= a && t.end <= b))
    if (!tokens.length) continue
    // Matches depend only on the quote's own text (edits are token indexes): cached per corpus version.
    let found = cache.get(span.text)
    if (!found) {
      const misses = corpus.misses
      // One search for both uses: the best 12 passages are matched, the best 24 searched for a verbatim copy
      // (the same order, so the first list is the second's start).
      const passages = candidates(index, tokens, Math.max(MATCHED, VERBATIM_CANDIDATES))
      const matches = passages
        .slice(0, MATCHED)
        .filter((quote) => !quote.mixed)
        .map((quote) => {
          const key = `${quote.id}\u0000${span.text}`
          let match = pairs.get(key)
          if (!match) pairs.set(key, (match = matchQuote(tokens, quote, draft.text, span)))
          return match
        })
        .filter((m) => m.score > 0)
        .sort((a, b) => b.score - a.score || a.edits.length - b.edits.length || Number(a.quote.plain) - Number(b.quote.plain))
      // Common words only: no rare word finds the passage; the words themselves are looked for, in the sources
      // using its one content word, or in every source when it has none (unless it is a fragment, which the
      // checks pass over then) or the store cannot tell which sources use a word.
      const content = tokens.filter(isContent)
      const lookedUp = content.length === 1 && skip.length === 0 && corpus.sourcesWith !== undefined
      const readsEverySource = skip.length === 0 && !lookedUp && (content.length === 1 || (content.length === 0 && tokens.length > FRAGMENT_WORDS))
      const verbatim =
        hasVerbatim(passages.slice(0, VERBATIM_CANDIDATES), tokens, segments(tokens, skip)) ||
        (lookedUp && inAnySource(corpus.sourcesWith!(content[0].stem), span.text)) ||
        (readsEverySource && inAnySource(corpus.sources, span.text))
      found = {matches, verbatim}
      // Kept only when final: not while the store lacked an answer, nor when read off a fetching store's
      // sources so far (an archive's `sources` are the articles fetched yet).
      if (corpus.misses === misses && !(readsEverySource && misses !== undefined)) cache.set(span.text, found)
    }
    result.push({span, tokens, speaker: speakerOf(context, span.outerStart, span.outerEnd), ...found})
  }
  file.data.corroborateQuotes = result
  return result
}

/** A censored word ("f---ing", "s***"): the writer's edit of one word, like an insertion. */
const CENSORED = /(?<!\p{L})\p{L}(?:-{3,}|\*{2,}|_{3,})\p{L}*/u

function censored(text: string, base: number): Array<[number, number]> {
  return [...text.matchAll(new RegExp(CENSORED.source, 'gu'))].map((m) => [base + m.index, base + m.index + m[0].length])
}

/** Token index ranges of a quote between the writer's ellipses and insertions. */
function segments(tokens: Token[], skip: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = []
  let from = 0
  for (let i = 1; i <= tokens.length; i++) {
    const cut = i === tokens.length || skip.some(([a, b]) => a >= tokens[i - 1].end && b <= tokens[i].start)
    if (cut) {
      out.push([from, i])
      from = i
    }
  }
  return out
}

/** Aligns a draft quote with a source quote. A partial quote may start anywhere in the source's quote:
 * the diff is tried from each place where the draft's first word stands, so "the mayor signed…" is not
 * anchored on an earlier "The council…". The best alignment finds the most words in the shortest stretch. */
function matchQuote(tokens: Token[], quote: SourceQuote, text: string, span: QuoteSpan): QuoteMatch {
  const draftKeys = tokens.map(quoteKey)
  const starts = [0]
  for (let j = 1; j < quote.keys.length && starts.length < 6; j++) if (quote.keys[j] === draftKeys[0]) starts.push(j)
  let best: QuoteMatch | undefined
  for (const from of starts) {
    const m = alignFrom(tokens, draftKeys, quote, from, text, span)
    if (!best || m.matched > best.matched || (m.matched === best.matched && (m.window < best.window || (m.window === best.window && m.edits.length < best.edits.length)))) best = m
  }
  return best!
}

function alignFrom(tokens: Token[], draftKeys: string[], quote: SourceQuote, from: number, text: string, span: QuoteSpan): QuoteMatch {
  const parts = diffArrays(quote.keys.slice(from), draftKeys)
  const edits: QuoteEdit[] = []
  let d = 0
  let s = from
  let matched = 0
  let firstCommon = -1
  let lastCommon = -1
  let firstS = -1
  let lastS = -1
  let pending: QuoteEdit | undefined
  for (const part of parts) {
    const n = part.count ?? part.value.length
    if (!part.added && !part.removed) {
      if (pending) edits.push(pending)
      pending = undefined
      if (firstCommon < 0) firstCommon = edits.length
      if (firstS < 0) firstS = s
      lastS = s + n
      matched += n
      d += n
      s += n
      lastCommon = edits.length
      continue
    }
    pending ??= {dStart: d, dEnd: d, sStart: s, sEnd: s}
    if (part.added) pending.dEnd = d += n
    else pending.sEnd = s += n
  }
  if (pending) edits.push(pending)
  // The quote may be a fragment: source words before the first and after the last shared word are
  // not "dropped". And the draft may quote more than this source did: words beyond both ends of the
  // source's quote are unverified by it, not altered. But a last (or first) word that differs where the
  // source's quote also ends (or starts) is a changed word: "do the remainder" for "do the rest".
  let edge = 0
  const sourceEnd = quote.keys.length
  const interior = edits.filter((e, i) => {
    if (i >= firstCommon && i < lastCommon) return true
    const changedAtEnd = i >= lastCommon && e.dEnd === tokens.length && e.sEnd === sourceEnd && e.sStart < e.sEnd && e.dStart < e.dEnd && e.sEnd - e.sStart <= 2
    const changedAtStart = i < firstCommon && e.dStart === 0 && e.sStart === from && from === 0 && e.sStart < e.sEnd && e.dStart < e.dEnd && e.sEnd - e.sStart <= 2
    if (changedAtEnd || changedAtStart) return true
    edge += e.dEnd - e.dStart
    return false
  }).filter((e) => !legitimateGap(e, tokens, text, span))
  return {quote, score: matched / tokens.length, core: matched / Math.max(1, tokens.length - edge), matched, edge, edits: interior, window: lastS - firstS}
}

/** Words the source has and the draft leaves out where the draft marks it with an ellipsis, or at
 * the quote's edges (a partial quote); a quote split around "she said" is two spans, each matched. */
function legitimateGap(edit: QuoteEdit, tokens: Token[], text: string, span: QuoteSpan): boolean {
  if (edit.dStart !== edit.dEnd) return false
  const from = edit.dStart > 0 ? tokens[edit.dStart - 1].end : span.start
  const to = edit.dStart < tokens.length ? tokens[edit.dStart].start : span.end
  const between = text.slice(from, to)
  if (/…|\.\s?\.\s?\.|\[[^\]]*\]|\([^)]*\)/.test(between) || CENSORED.test(between)) return true
  return edit.dStart === 0 || edit.dStart === tokens.length
}

/** Is this the quote's source? Most of its words in order, in a stretch about as long as the quote
 * (ellipses allowed); a sentence outside quotation marks only when it is copied nearly verbatim. */
export function isSourceOf(match: QuoteMatch, quote: DraftQuote): boolean {
  if (match.score < FOUND) return false
  if (match.quote.plain && match.score < 0.9) return false
  const elided = ellipses(quote.span.text).length
  return elided > 0 || match.window <= quote.tokens.length * 1.5 + 3
}

/** Close enough to be the same quote with words changed (rather than a different quote). */
export function isAlteredCopy(match: QuoteMatch): boolean {
  if (match.core < 0.7 || match.matched < 4 || match.edge > match.matched) return false
  // Words left out (however many) keep the quote the same quote; changes and additions must be few and short.
  const changes = match.core >= 0.9 ? match.edits.filter((e) => e.dStart !== e.dEnd) : match.edits
  return changes.length <= 3 && changes.every((e) => e.dEnd - e.dStart <= 4 && e.sEnd - e.sStart <= 4)
}

/** Content words of a draft quote (short fragments are checked for existence only). */
export function contentCount(tokens: Token[]): number {
  return tokens.filter(isContent).length
}
