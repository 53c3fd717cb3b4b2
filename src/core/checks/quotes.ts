// Quotes: words inside quotation marks must be a source's words. Changed, added or dropped words
// are `altered-quote` (the fix restores the source's words); a quote no source contains is
// `unsourced-quote`; when two sources quote the same words differently and the draft follows one,
// `conflicting-sources` (info) names both. Ellipses, [brackets], partial quotes, first-letter case,
// quotation-mark style and quotes split around "she said" are legitimate edits.
//
// Options: {corpus} (required).
import type {Root} from 'nlcst'
import type {VFile} from 'vfile'
import {contentCount, draftQuotes, FRAGMENT_WORDS, isAlteredCopy, isSourceOf, type DraftQuote, type QuoteEdit, type QuoteMatch} from '../quotes/match.js'
import {sentenceAt, type SourceQuote} from '../quotes/source-quotes.js'
import {sameSpeaker} from '../quotes/speakers.js'
import {evidenceOf, report, where} from '../report.js'
import type {Evidence} from '../types.js'
import type {CheckPluginOptions} from './index.js'
import {citedNames} from '../citation.js'
import {spellKey} from '../quotes/verbatim.js'
import {tokenize} from '../text/tokens.js'
import type {CorpusReader} from '../corpus/reader.js'
import {draftOf, type Draft} from '../draft.js'

export default function retextQuotes(options: CheckPluginOptions) {
  const {corpus} = options
  return (tree: Root, file: VFile) => {
    for (const quote of draftQuotes(tree, file, corpus)) {
      const sources = quote.matches.filter((m) => isSourceOf(m, quote))
      const exact = sources.find((m) => m.edits.length === 0)
      const fragment = quote.tokens.length <= FRAGMENT_WORDS
      if (exact) {
        if (!fragment) conflicts(file, quote, exact)
        continue
      }
      if (quote.verbatim) continue
      if (fragment && contentCount(quote.tokens) === 0) continue
      const copy = fragment ? undefined : sources.find(isAlteredCopy)
      if (!copy) {
        unsourced(file, quote, quote.matches[0], citesOutside(draftOf(tree, file), quote, corpus))
        continue
      }
      for (const edit of copy.edits) altered(file, quote, copy, edit)
    }
  }
}

function unsourced(file: VFile, quote: DraftQuote, closest: QuoteMatch | undefined, cited: string | undefined) {
  const near = closest && closest.score >= 0.3 ? closest : undefined
  report(file, {
    // A word or three in quotation marks is as often a scare quote or a title as a quotation; a quote
    // the draft itself credits to an outlet or interview the sources do not include carries its provenance.
    // Quotes of common words only ("What will be will be") cannot be looked up by their words: information.
    demote: quote.tokens.length <= FRAGMENT_WORDS || cited !== undefined || contentCount(quote.tokens) < 2,
    ruleId: 'unsourced-quote',
    start: quote.span.start,
    end: quote.span.end,
    reason: (near
      ? `No source contains this quote (closest: ${where(near.quote.paragraph.sentences[0].sentence)}, ${Math.round(near.score * 100)}% of its words)`
      : 'No source contains this quote') + (cited ? `; the draft credits it to ${cited}, whom no source names` : ''),
    expected: [],
    evidence: near ? [quoteEvidence(near.quote, near.quote.start, near.quote.end)] : []
  })
}

/** The outlet or interview the draft credits for a quote ("…,” he told KIII-TV; per Politico), when
 * the sources never name it. */
function citesOutside(draft: Draft, quote: DraftQuote, corpus: CorpusReader): string | undefined {
  // A speaker no source names was interviewed or read elsewhere: the draft says where the words come from.
  const speaker = quote.speaker
  if (speaker && !speaker.anonymous && speaker.via !== 'descriptor') {
    const words = tokenize(speaker.fullName).filter((t) => t.kind === 'word' && /^\p{Lu}/u.test(t.value))
    if (words.length && words.some((t) => !corpus.hasStem(t.stem))) return speaker.fullName
  }
  for (const sentence of draft.sentences) {
    if (sentence.end <= quote.span.outerStart || sentence.start >= quote.span.outerEnd + 1) continue
    for (const [from, to] of citedNames(sentence.tokens, draft.text)) {
      const words = sentence.tokens.slice(from, to)
      if (words.some((t) => t.start >= quote.span.outerStart && t.end <= quote.span.outerEnd)) continue
      if (words.some((t) => t.kind === 'word' && !corpus.hasStem(t.stem))) return draft.text.slice(words[0].start, words[words.length - 1].end)
    }
  }
  return undefined
}

/** The draft range and source words for an edit, widened to a neighbour for insertions and drops. */
export function editSpan(quote: DraftQuote, match: QuoteMatch, edit: QuoteEdit) {
  const d = quote.tokens
  const s = match.quote.tokens
  let {dStart, dEnd, sStart, sEnd} = edit
  if (dStart === dEnd || sStart === sEnd) {
    if (dEnd < d.length && sEnd < s.length) {
      dEnd++
      sEnd++
    }
    if (dStart > 0 && sStart > 0) {
      dStart--
      sStart--
    }
  }
  const text = match.quote.paragraph.text
  return {
    start: d[dStart].start,
    end: d[dEnd - 1].end,
    sourceStart: s[sStart].start,
    sourceEnd: s[sEnd - 1].end,
    sourceWords: text.slice(s[sStart].start, s[sEnd - 1].end),
    changedStart: s[edit.sStart]?.start ?? s[sStart].start,
    changedEnd: s[Math.max(edit.sEnd, edit.sStart + 1) - 1]?.end ?? s[sEnd - 1].end
  }
}

function altered(file: VFile, quote: DraftQuote, match: QuoteMatch, edit: QuoteEdit) {
  const span = editSpan(quote, match, edit)
  const actual = String(file.value).slice(span.start, span.end)
  const dropped = edit.dStart === edit.dEnd
  if (!dropped && edit.sStart !== edit.sEnd && sameWords(quote, match, edit)) return
  const what = dropped ? 'Dropped words in quote' : edit.sStart === edit.sEnd ? 'Added words in quote' : 'Changed words in quote'
  report(file, {
    // Words left out without an ellipsis change a quote less than words changed or added: a warning.
    demote: dropped,
    ruleId: 'altered-quote',
    start: span.start,
    end: span.end,
    reason: `${what}: \`${actual}\`, the source has \`${span.sourceWords}\` (${where(sentenceAt(match.quote, span.sourceStart).sentence)})`,
    expected: [span.sourceWords],
    evidence: [quoteEvidence(match.quote, span.changedStart, span.changedEnd)]
  })
}

/** The same words written another way: a spelling variant ("co-ordinate", "daycare", "colour"), a
 * contraction, or a censored expletive ("f---ing"). */
function sameWords(quote: DraftQuote, match: QuoteMatch, edit: QuoteEdit): boolean {
  const d = quote.tokens.slice(edit.dStart, edit.dEnd)
  const s = match.quote.tokens.slice(edit.sStart, edit.sEnd)
  if (d.map(spellKey).join('') === s.map(spellKey).join('')) return true
  // Take in a censoring tail ("s---", "f---ing") that tokenising left out.
  const tail = /^(?:-{3,}|\*{2,}|_{3,})\p{L}*/u.exec(quote.span.text.slice(d[d.length - 1].end - quote.span.start))?.[0] ?? ''
  const draftText = quote.span.text.slice(d[0].start - quote.span.start, d[d.length - 1].end - quote.span.start) + tail
  const censored = /^(\p{L})(?:-{3,}|\*{2,}|_{3,})(\p{L}*)$/u.exec(draftText)
  return Boolean(censored && s.length === 1 && s[0].norm.startsWith(censored[1].toLowerCase()) && s[0].norm.endsWith(censored[2].toLowerCase()))
}

const ROMAN: Record<string, string> = {i: '1', ii: '2', iii: '3', iv: '4', v: '5', vi: '6', vii: '7', viii: '8', ix: '9', x: '10'}

function romanEqual(quote: DraftQuote, match: QuoteMatch, edit: QuoteEdit): boolean {
  const d = quote.tokens.slice(edit.dStart, edit.dEnd).map((t) => ROMAN[t.norm] ?? t.norm).join(' ')
  const s = match.quote.tokens.slice(edit.sStart, edit.sEnd).map((t) => ROMAN[t.norm] ?? t.norm).join(' ')
  return d === s
}

/** The draft matches one source's version exactly; another source quotes the same words otherwise. */
function conflicts(file: VFile, quote: DraftQuote, exact: QuoteMatch) {
  // Another version of the same quote: nearly the same words, a few small changes, not another speaker.
  if (exact.quote.plain) return
  const other = quote.matches.find((m) =>
    m !== exact && !m.quote.plain && m.quote.source !== exact.quote.source && isSourceOf(m, quote) && m.score >= 0.85 && m.edits.length > 0 && m.edits.length <= 2 &&
    m.edits.every((e) => e.dEnd - e.dStart <= 3 && e.sEnd - e.sStart <= 3) &&
    !(m.quote.speaker && exact.quote.speaker && !sameSpeaker(m.quote.speaker, exact.quote.speaker)))
  if (!other) return
  const edit = other.edits[0]
  // A word only one version has ("since Reagan" / "since Ronald Reagan") or the same word spelt otherwise
  // ("Episode 1" / "Episode I") is no disagreement on what was said.
  if (other.edits.some((e) => e.dStart === e.dEnd || e.sStart === e.sEnd) || other.edits.every((e) => sameWords(quote, other, e) || romanEqual(quote, other, e))) return
  const span = editSpan(quote, other, edit)
  const actual = String(file.value).slice(span.start, span.end)
  report(file, {
    ruleId: 'conflicting-sources',
    start: span.start,
    end: span.end,
    reason: `Sources disagree on this quote: ${where(sentenceAt(exact.quote, exact.quote.start).sentence)} has \`${actual}\`, ${where(sentenceAt(other.quote, span.sourceStart).sentence)} has \`${span.sourceWords}\``,
    expected: [],
    evidence: [quoteEvidence(exact.quote, exact.quote.start, exact.quote.end)],
    data: {conflicting: [quoteEvidence(other.quote, span.changedStart, span.changedEnd)]}
  })
}

/** Evidence for a source quote: the sentence holding paragraph offset `from`, with [from, to) marked. */
export function quoteEvidence(quote: SourceQuote, from: number, to: number): Evidence {
  const {sentence, offset} = sentenceAt(quote, from)
  const a = Math.max(0, from - offset)
  const b = Math.min(sentence.text.length, to - offset)
  const marks: Array<[number, number]> | undefined = from > quote.start || to < quote.end ? [[a, b]] : undefined
  return evidenceOf(sentence, marks, quote.speaker?.fullName)
}
