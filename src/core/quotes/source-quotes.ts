// Every quotation in the sources with its speaker and where it stands, indexed by content words
// so a draft quote is aligned only against the few source quotes that share its words. Built once
// per corpus version. Transcript turns ("NAME: …") count as quotes of that speaker.
import {keyOf} from '../align.js'
import type {Source, SourceSentence} from '../corpus/corpus.js'
import type {CorpusReader} from '../corpus/reader.js'
import {firstSources} from '../corpus/query.js'
import {isContent, tokenize, type Token} from '../text/tokens.js'
import {extractQuotes} from './extract.js'
import {peopleIn, speakerOf, type Speaker} from './speakers.js'

export interface SourceQuote {
  id: number
  source: Source
  /** The paragraph the quote stands in (sentences joined by single spaces) and its sentences. */
  paragraph: {text: string; sentences: Array<{sentence: SourceSentence; offset: number}>}
  start: number
  end: number
  /** Tokens of the quote with offsets into `paragraph.text` (read on first use: most are never compared). */
  readonly tokens: Token[]
  readonly keys: string[]
  /** Distinct content stems, for ranking candidates. */
  readonly stems: readonly string[]
  speaker?: Speaker
  /** Not inside quotation marks: a sentence whose words a draft may quote (a statement, a release). */
  plain?: boolean
  /** A sentence holding a quotation and narration: for finding the source, not for word-by-word matching. */
  mixed?: boolean
}

class Quote implements SourceQuote {
  #tokens?: Token[]
  #keys?: string[]
  speaker?: Speaker
  plain?: boolean
  mixed?: boolean
  constructor(
    readonly id: number,
    readonly source: Source,
    readonly paragraph: SourceQuote['paragraph'],
    readonly start: number,
    readonly end: number,
    readonly read: () => Token[],
    readonly stems: readonly string[]
  ) {}
  get tokens(): Token[] {
    return (this.#tokens ??= this.read())
  }
  get keys(): string[] {
    return (this.#keys ??= this.tokens.map(quoteKey))
  }
}

/** The quotes of a corpus, read per source when a draft quote's search first reaches that source: a
 * source's quotes are found by the corpus's own sentence search (a quote's rare words find the sentences
 * that hold it), so there is no second index of every source's words. A saved or changed source is a new
 * `Source`, so its quotes are read again; the others' stay. */
export interface QuoteIndex {
  corpus: CorpusReader
}

const bySource = new WeakMap<Source, SourceQuote[]>()
let nextQuoteId = 0

export function quoteIndex(corpus: CorpusReader): QuoteIndex {
  return {corpus}
}

function quotesOf(source: Source): SourceQuote[] {
  let quotes = bySource.get(source)
  if (!quotes) bySource.set(source, (quotes = readQuotes(source)))
  return quotes
}

/** Comparison key inside quotes: the word itself (a changed inflection is a changed quote), numbers by value. */
export function quoteKey(token: Token): string {
  const key = keyOf(token)
  return /^\d/.test(key) ? key : token.norm
}

function readQuotes(source: Source): SourceQuote[] {
  const out: SourceQuote[] = []
  const paragraphs = new Map<number, SourceSentence[]>()
  for (const s of source.sentences) paragraphs.set(s.paragraph, [...(paragraphs.get(s.paragraph) ?? []), s])
  // People named anywhere in the source, for pronouns and surname-only mentions.
  const whole = [...paragraphs.values()].map((ss) => ss.map((s) => s.text).join(' ')).join('\n')
  const people = peopleIn(whole)
  let offsetInWhole = 0
  const add = (paragraph: SourceQuote['paragraph'], start: number, end: number, read: () => Token[], stems: readonly string[], speaker?: Speaker, plain = false, mixed = false) => {
    const quote = new Quote(nextQuoteId++, source, paragraph, start, end, read, stems)
    if (speaker) quote.speaker = speaker
    if (plain) quote.plain = true
    if (mixed) quote.mixed = true
    out.push(quote)
  }
  for (const sentences of paragraphs.values()) {
    let text = ''
    const placed = sentences.map((sentence) => {
      const offset = text.length ? text.length + 1 : 0
      text = text ? `${text} ${sentence.text}` : sentence.text
      return {sentence, offset}
    })
    const paragraph = {text, sentences: placed}
    const context = {text, people: people.filter((p) => p.end <= offsetInWhole + text.length).map((p) => ({...p, start: p.start - offsetInWhole, end: p.end - offsetInWhole}))}
    const quoted = (start: number, end: number, speaker: Speaker | undefined) => {
      const tokens = quoteTokens(text, start, end)
      if (tokens.length) add(paragraph, start, end, () => quoteTokens(text, start, end), contentStems(tokens), speaker)
    }
    const quotes = extractQuotes(text)
    for (const q of quotes) quoted(q.start, q.end, speakerOf(context, q.outerStart, q.outerEnd))
    const turn = /^([\p{Lu}][\p{L}.’' -]{1,40}?)\s*:\s+/u.exec(text)
    if (turn && !quotes.length && turn[1].split(/\s+/).length <= 4) quoted(turn[0].length, text.length, speakerOf(context, turn[0].length, text.length))
    // Sentences outside quotation marks may still be quoted by a draft (statements, releases). Their
    // tokens are the sentence's own, shifted into the paragraph, read only when compared.
    for (const {sentence, offset} of placed) {
      // A sentence that holds a quotation is the quote plus narration: it is kept to find its source by
      // (verbatim search reads the whole source) but never matched word by word as if it were one quote.
      const mixed = quotes.some((q) => q.start < offset + sentence.text.length && offset < q.end)
      const read = () => sentence.tokens.map((t) => ({...t, start: t.start + offset, end: t.end + offset}))
      add(paragraph, offset, offset + sentence.text.length, read, sentence.stems, undefined, true, mixed)
    }
    offsetInWhole += text.length + 1
  }
  return out
}

/** Tokens of a quotation: [bracketed] and (parenthesised) words inside a source's quote are its reporter's
 * insertions, which a draft may keep or drop. */
function quoteTokens(text: string, start: number, end: number): Token[] {
  const inserted = [...text.slice(start, end).matchAll(/\[[^\]]*\]|\([^)]*\)/g)].map((m) => [start + m.index, start + m.index + m[0].length])
  return tokenize(text.slice(start, end), start).filter((t) => !inserted.some(([a, b]) => t.start >= a && t.end <= b))
}

function contentStems(tokens: Token[]): string[] {
  return [...new Set(tokens.filter(isContent).map((t) => t.stem))]
}

/** Source sentences a draft quote's words retrieve; their sources' quotes are the candidates. */
const SEARCH_HITS = 30
const MAX_SOURCES = 10

/** Source quotes sharing the most content words with `tokens`, best first. */
export function candidates(index: QuoteIndex, tokens: Token[], limit = 8): SourceQuote[] {
  const {corpus} = index
  const sources = corpus.searchSources?.(tokens, SEARCH_HITS, MAX_SOURCES) ?? sourcesOfHits(corpus.search(tokens, SEARCH_HITS), MAX_SOURCES)
  const pool = sources.flatMap(quotesOf)
  const inPool = new Set(pool.flatMap((q) => q.stems))
  // The rarest words pick the candidates; a story's common words would touch every quote.
  const stems = new Set(
    [...new Set(tokens.filter(isContent).map((t) => t.stem))]
      .filter((stem) => inPool.has(stem))
      .sort((a, b) => corpus.documentFrequency(a) - corpus.documentFrequency(b))
      .slice(0, 8)
  )
  const scored: Array<{quote: SourceQuote; count: number; order: number}> = []
  pool.forEach((quote, order) => {
    let count = 0
    for (const stem of quote.stems) if (stems.has(stem)) count++
    if (count) scored.push({quote, count, order})
  })
  return scored
    .sort((a, b) => b.count - a.count || Number(a.quote.plain) - Number(b.quote.plain) || (a.quote.source.absPath < b.quote.source.absPath ? -1 : a.quote.source.absPath > b.quote.source.absPath ? 1 : a.order - b.order))
    .slice(0, limit)
    .map((x) => x.quote)
}

/** The sources of a search's hits, in its order, each once, at most `max`. */
export function sourcesOfHits(hits: Array<{sentence: SourceSentence}>, max: number): Source[] {
  return firstSources(hits.map((hit) => hit.sentence.source), max)
}

/** The sentence of a source quote that holds paragraph offset `at`, and `at` relative to it. */
export function sentenceAt(quote: SourceQuote, at: number): {sentence: SourceSentence; offset: number} {
  let found = quote.paragraph.sentences[0]
  for (const s of quote.paragraph.sentences) if (s.offset <= at) found = s
  return found
}
