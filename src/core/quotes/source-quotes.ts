// Every quotation in the sources with its speaker and where it stands, indexed by content words
// so a draft quote is aligned only against the few source quotes that share its words. Built once
// per corpus version. Transcript turns ("NAME: …") count as quotes of that speaker.
import {keyOf} from '../align.js'
import type {Corpus, Source, SourceSentence} from '../corpus/corpus.js'
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
  /** Tokens of the quote with offsets into `paragraph.text`. */
  tokens: Token[]
  keys: string[]
  speaker?: Speaker
  /** Not inside quotation marks: a sentence whose words a draft may quote (a statement, a release). */
  plain?: boolean
  /** A sentence holding a quotation and narration: for finding the source, not for word-by-word matching. */
  mixed?: boolean
}

export interface QuoteIndex {
  quotes: SourceQuote[]
  byStem: Map<string, number[]>
}

const cache = new WeakMap<Corpus, {version: number; index: QuoteIndex}>()

export function quoteIndex(corpus: Corpus): QuoteIndex {
  const hit = cache.get(corpus)
  if (hit && hit.version === corpus.version) return hit.index
  const index: QuoteIndex = {quotes: [], byStem: new Map()}
  for (const source of corpus.sources) addSource(index, source)
  cache.set(corpus, {version: corpus.version, index})
  return index
}

/** Comparison key inside quotes: the word itself (a changed inflection is a changed quote), numbers by value. */
export function quoteKey(token: Token): string {
  const key = keyOf(token)
  return /^\d/.test(key) ? key : token.norm
}

function addSource(index: QuoteIndex, source: Source) {
  const paragraphs = new Map<number, SourceSentence[]>()
  for (const s of source.sentences) paragraphs.set(s.paragraph, [...(paragraphs.get(s.paragraph) ?? []), s])
  // People named anywhere in the source, for pronouns and surname-only mentions.
  const whole = [...paragraphs.values()].map((ss) => ss.map((s) => s.text).join(' ')).join('\n')
  const people = peopleIn(whole)
  let offsetInWhole = 0
  for (const sentences of paragraphs.values()) {
    let text = ''
    const placed = sentences.map((sentence) => {
      const offset = text.length ? text.length + 1 : 0
      text = text ? `${text} ${sentence.text}` : sentence.text
      return {sentence, offset}
    })
    const paragraph = {text, sentences: placed}
    const context = {text, people: people.filter((p) => p.end <= offsetInWhole + text.length).map((p) => ({...p, start: p.start - offsetInWhole, end: p.end - offsetInWhole}))}
    const quotes = extractQuotes(text)
    for (const q of quotes) add(index, source, paragraph, q.start, q.end, speakerOf(context, q.outerStart, q.outerEnd))
    const turn = /^([\p{Lu}][\p{L}.’' -]{1,40}?)\s*:\s+/u.exec(text)
    if (turn && !quotes.length && turn[1].split(/\s+/).length <= 4) {
      add(index, source, paragraph, turn[0].length, text.length, speakerOf(context, turn[0].length, text.length))
    }
    // Sentences outside quotation marks may still be quoted by a draft (statements, releases).
    for (const {sentence, offset} of placed) {
      // A sentence that holds a quotation is the quote plus narration: it is kept to find its source by
      // (verbatim search reads the whole source) but never matched word by word as if it were one quote.
      const mixed = quotes.some((q) => q.start < offset + sentence.text.length && offset < q.end)
      add(index, source, paragraph, offset, offset + sentence.text.length, undefined, true, mixed)
    }
    offsetInWhole += text.length + 1
  }
}

function add(index: QuoteIndex, source: Source, paragraph: SourceQuote['paragraph'], start: number, end: number, speaker: Speaker | undefined, plain = false, mixed = false) {
  // [Bracketed] and (parenthesised) words inside a source's quote are its reporter's insertions: a draft may keep or drop them.
  const inserted = plain ? [] : [...paragraph.text.slice(start, end).matchAll(/\[[^\]]*\]|\([^)]*\)/g)].map((m) => [start + m.index, start + m.index + m[0].length])
  const tokens = tokenize(paragraph.text.slice(start, end), start).filter((t) => !inserted.some(([a, b]) => t.start >= a && t.end <= b))
  if (!tokens.length) return
  const quote: SourceQuote = {id: index.quotes.length, source, paragraph, start, end, tokens, keys: tokens.map(quoteKey), speaker, plain, ...(mixed ? {mixed} : {})}
  index.quotes.push(quote)
  for (const stem of new Set(tokens.filter(isContent).map((t) => t.stem))) {
    const list = index.byStem.get(stem)
    if (list) list.push(quote.id)
    else index.byStem.set(stem, [quote.id])
  }
}

/** Source quotes sharing the most content words with `tokens`, best first. */
export function candidates(index: QuoteIndex, tokens: Token[], limit = 8): SourceQuote[] {
  const counts = new Map<number, number>()
  // The rarest words pick the candidates; a story's common words would touch every quote.
  const stems = [...new Set(tokens.filter(isContent).map((t) => t.stem))]
    .filter((stem) => index.byStem.has(stem))
    .sort((a, b) => (index.byStem.get(a)?.length ?? 0) - (index.byStem.get(b)?.length ?? 0))
    .slice(0, 8)
  for (const stem of stems) {
    for (const id of index.byStem.get(stem) ?? []) counts.set(id, (counts.get(id) ?? 0) + 1)
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || Number(index.quotes[a[0]].plain) - Number(index.quotes[b[0]].plain))
    .slice(0, limit)
    .map(([id]) => index.quotes[id])
}

/** The sentence of a source quote that holds paragraph offset `at`, and `at` relative to it. */
export function sentenceAt(quote: SourceQuote, at: number): {sentence: SourceSentence; offset: number} {
  let found = quote.paragraph.sentences[0]
  for (const s of quote.paragraph.sentences) if (s.offset <= at) found = s
  return found
}
