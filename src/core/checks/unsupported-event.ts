// An event no source tells: a sentence about someone the sources name whose other words are almost all
// absent from every source ("Mayor Okafor declared a curfew on Friday" where the sources only say she
// met the council). Word-level checks need an aligned source sentence and frames need a source event to
// compare with; an invented event has neither, so it is read here from what the sentence does not share.
// Honest reporting adds context too, so the bar is high: most content words unknown to the whole corpus,
// and a person the sources know as the one it is about.
//
// Options: {corpus} (required).
import type {Root} from 'nlcst'
import type {VFile} from 'vfile'
import {analyze, isDateWord, type SentenceAnalysis} from '../analysis.js'
import {evidenceOf, report} from '../report.js'
import {isContent, type Token} from '../text/tokens.js'
import {isLemma} from '../lexicon/index.js'
import {REPORTING} from '../frames/frames.js'
import type {CheckPluginOptions} from './index.js'

/** Content words a sentence needs before its share of unknown words means anything. */
const MIN_CONTENT = 4
/** At most this share of its content words may be in some source. */
const MAX_KNOWN_SHARE = 0.3
/** And at least this many must be in none. */
const MIN_UNKNOWN = 4

export default function retextUnsupportedEvent(options: CheckPluginOptions) {
  const {corpus} = options
  return (tree: Root, file: VFile) => {
    const analysis = analyze(tree, file, corpus)
    for (const sentence of analysis.sentences) checkSentence(file, sentence)
  }
}

function checkSentence(file: VFile, analysis: SentenceAnalysis) {
  const {sentence, tokens, quoted, corpus} = analysis
  // Questions and headings claim nothing; a quote is the quote checks' to judge.
  if (sentence.heading || sentence.text.includes('?') || quoted.size) return
  // A capitalised word is a name inside the sentence, or at its start when the sources know it as one.
  const capitalised = (t: Token, i: number) => /^\p{Lu}/u.test(t.value) && (i > 0 || corpus.isPerson(t.norm))
  const people = tokens.filter((t, i) => capitalised(t, i) && corpus.isPerson(t.norm))
  if (!people.length) return
  // A name the sources have never seen, beside one they know, is a second actor they say nothing about:
  // often another outlet the writer cites ("writes Laura Rozen in Politico").
  // At the start of the sentence, an unknown name that reports is a citation too ("NBC Washington reports…").
  const reports = (i: number) => tokens.slice(i + 1, i + 4).some((t) => REPORTING.test(t.norm))
  const unknownName = (t: Token, i: number) => t.kind === 'word' && /^\p{Lu}/u.test(t.value) && !isDateWord(t) && !corpus.hasStem(t.stem) && !corpus.isPerson(t.norm) && (i > 0 || (!isLemma(t.norm) && reports(i)))
  if (tokens.some(unknownName)) return
  const content = tokens.filter((t, i) => t.kind === 'word' && isContent(t) && !capitalised(t, i) && t.norm.length > 2)
  if (content.length < MIN_CONTENT) return
  const unknown = content.filter((t) => !corpus.hasStem(t.stem))
  if (unknown.length < MIN_UNKNOWN || 1 - unknown.length / content.length > MAX_KNOWN_SHARE) return
  // The sentence text without its closing punctuation.
  const end = sentence.start + tokens[tokens.length - 1].end
  const person = people[0].value
  const mentions = analysis.alignments.filter((a) => a.source.tokens.some((t) => t.norm === people[0].norm)).slice(0, 2)
  report(file, {
    ruleId: 'unsupported-claim',
    start: sentence.start + tokens[0].start,
    end,
    reason: `No source tells this about \`${person}\`: ${unknown.length} of its ${content.length} words (${unknown.slice(0, 4).map((t) => `\`${t.value}\``).join(', ')}…) are in no source`,
    evidence: mentions.map((a) => evidenceOf(a.source))
  })
}
