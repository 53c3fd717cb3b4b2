// Where the writer's own sources disagree with each other: sentence pairs from different sources
// that say the same thing except for a number, a name, a negation, or the wording of a quote.
// Powers "Show Sources Report" in the editor and `corroborate sources` on the command line.
import {align, type Alignment} from './align.js'
import {classify, GOOD_COVERAGE, wellAnchored, type EditKind} from './analysis.js'
import type {SourceSentence} from './corpus/corpus.js'
import type {CorpusReader} from './corpus/reader.js'
import {extractQuotes} from './quotes/extract.js'
import {evidenceOf} from './report.js'
import type {Evidence} from './types.js'

export interface SourceDisagreement {
  kind: Exclude<EditKind, 'minor' | 'split' | 'wording'> | 'quote'
  /** What each side says at the point of disagreement. */
  a: {evidence: Evidence; words: string}
  b: {evidence: Evidence; words: string}
}

const CANDIDATES = 6

export function compareSources(corpus: CorpusReader): SourceDisagreement[] {
  const found: SourceDisagreement[] = []
  const seen = new Set<string>()
  const reported = new Set<string>()
  for (const sentence of corpus.sentences) {
    for (const hit of corpus.search(sentence.tokens, CANDIDATES)) {
      const other = hit.sentence
      if (other.source === sentence.source) continue
      const pair = sentence.id < other.id ? `${sentence.id}:${other.id}` : `${other.id}:${sentence.id}`
      if (seen.has(pair)) continue
      seen.add(pair)
      const alignment = align(sentence.tokens, other)
      // One side may be split into two sentences: judge by the shorter side.
      if (Math.max(alignment.coverage, alignment.sourceCoverage) < GOOD_COVERAGE || alignment.matched.size < 4) continue
      for (const d of disagreements(sentence, alignment, corpus)) {
        // The same two wordings from the same two files are one disagreement, however often the story repeats it.
        const key = [`${d.a.evidence.path}|${d.a.words.toLowerCase()}`, `${d.b.evidence.path}|${d.b.words.toLowerCase()}`].sort().join('||')
        if (reported.has(key)) continue
        reported.add(key)
        found.push(d)
      }
    }
  }
  return found
}

function disagreements(sentence: SourceSentence, alignment: Alignment, corpus: CorpusReader): SourceDisagreement[] {
  const out: SourceDisagreement[] = []
  const quotesA = extractQuotes(sentence.text)
  const quotesB = extractQuotes(alignment.source.text)
  const inQuote = (quotes: ReturnType<typeof extractQuotes>, offset: number) => quotes.some((q) => offset >= q.start && offset < q.end)
  for (const edit of alignment.edits) {
    if (!wellAnchored(edit, alignment)) continue
    const kind = classify(edit, alignment, corpus)
    if (kind !== 'negation' && (edit.dStart === edit.dEnd || edit.sStart === edit.sEnd)) continue
    // An inserted or dropped negation is shown with the word it negates.
    const widen = edit.dStart === edit.dEnd || edit.sStart === edit.sEnd ? 1 : 0
    const a = alignment.draft.slice(edit.dStart, edit.dEnd + widen)
    const b = alignment.tokens.slice(edit.sStart, edit.sEnd + widen)
    if (!a.length || !b.length) continue
    const quoted = inQuote(quotesA, a[0].start) && inQuote(quotesB, b[0].start)
    if (kind !== 'quantity' && kind !== 'name' && kind !== 'negation' && !(quoted && kind === 'wording')) continue
    const spanA: [number, number] = [a[0].start, a[a.length - 1].end]
    const spanB: [number, number] = [b[0].start, b[b.length - 1].end]
    // Shown with one shared word either side, so "in a" vs "or did not" reads "abstained in a vote".
    const context = (tokens: typeof a, from: number, to: number, text: string) =>
      text.slice(tokens[Math.max(0, from - 1)].start, tokens[Math.min(tokens.length, to + 1) - 1].end)
    out.push({
      kind: quoted && kind === 'wording' ? 'quote' : (kind as SourceDisagreement['kind']),
      a: {evidence: evidenceOf(sentence, [spanA]), words: context(alignment.draft, edit.dStart, edit.dEnd + widen, sentence.text)},
      b: {evidence: evidenceOf(alignment.source, [spanB]), words: context(alignment.tokens, edit.sStart, edit.sEnd + widen, alignment.source.text)}
    })
  }
  return out
}
