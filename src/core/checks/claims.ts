// Claims: a sentence the sources address but state otherwise (a number, a name, a negation) is
// `contradicted-claim`, with the source's words as the fix; one the sources do not address at all
// is `unsupported-claim`. When good sources disagree on the very words the draft uses, the draft
// gets `conflicting-sources` (info) naming both instead of an error.
//
// Options: {corpus} (required). Thresholds are module constants documented below.
import type {Root} from 'nlcst'
import type {VFile} from 'vfile'
import {analyze, factEdits, isDateWord, isName, isNumeric, GOOD_COVERAGE, type ClassifiedEdit, type SentenceAnalysis} from '../analysis.js'
import {evidenceOf, report, where} from '../report.js'
import {isContent} from '../text/tokens.js'
import {isSpunSwap} from './paraphrase.js'
import type {CheckPluginOptions} from './index.js'

/** Below this share of content words found in any source, a factual sentence is unsupported. */
export const SUPPORT_THRESHOLD = 0.5
/** The same, when every number and name of the sentence is found in its candidate sources. */
export const CONDENSED_THRESHOLD = 0.3
/** Sentences with fewer non-quoted content words than this are too short to judge. */
const MIN_CONTENT_WORDS = 4

export default function retextClaims(options: CheckPluginOptions) {
  const {corpus} = options
  return (tree: Root, file: VFile) => {
    const analysis = analyze(tree, file, corpus)
    for (const sentence of analysis.sentences) {
      if (!checkFacts(file, sentence, analysis)) checkSupport(file, sentence)
    }
  }
}

/** Contradictions and source conflicts; returns true when the sentence had any fact edit. */
function checkFacts(file: VFile, sentence: SentenceAnalysis, analysis: ReturnType<typeof analyze>): boolean {
  const seen = new Set<string>()
  const edits = factEdits(sentence).filter((e) => e.kind === 'quantity' || e.kind === 'name' || e.kind === 'negation')
  for (const edit of edits) {
    const span = widen(edit)
    // One message per place, whichever alignment saw it first (the best one).
    if ([...seen].some((k) => {
      const [a, b] = k.split(':').map(Number)
      return a < span.dEnd && span.dStart < b
    })) continue
    seen.add(`${span.dStart}:${span.dEnd}`)
    if (edit.kind === 'quantity' && isSpunSwap(edit, analysis)) continue // a spinner's word swap, reported as machine-paraphrase
    const alignment = edit.alignment
    const start = sentence.sentence.start + alignment.draft[span.dStart].start
    const end = sentence.sentence.start + alignment.draft[span.dEnd - 1].end
    const sourceText = alignment.source.text.slice(alignment.tokens[span.sStart].start, alignment.tokens[span.sEnd - 1].end)
    const marks: Array<[number, number]> = [[alignment.tokens[edit.sStart]?.start ?? alignment.tokens[span.sStart].start, alignment.tokens[Math.max(edit.sEnd, edit.sStart + 1) - 1]?.end ?? alignment.tokens[span.sEnd - 1].end]]
    const agreeing = sentence.alignments.find((a) => a !== alignment && a.coverage >= GOOD_COVERAGE && covers(a, span.dStart, span.dEnd))
    const actual = String(file.value).slice(start, end)
    if (agreeing) {
      report(file, {
        ruleId: 'conflicting-sources',
        start,
        end,
        reason: `Sources disagree: ${where(agreeing.source)} says \`${actual}\`, ${where(alignment.source)} says \`${sourceText}\``,
        expected: [],
        evidence: [evidenceOf(agreeing.source)],
        data: {conflicting: [evidenceOf(alignment.source, marks)]}
      })
      continue
    }
    const swapped = alignment.draft.slice(span.dStart, span.dEnd)
    const what = edit.kind === 'quantity' ? 'number' : edit.kind === 'negation' ? 'negation' : swapped.some(isDateWord) ? 'date' : 'name'
    report(file, {
      ruleId: 'contradicted-claim',
      start,
      end,
      reason: `Unexpected \`${actual}\`, expected \`${sourceText}\`: the source states a different ${what} (${where(alignment.source)})`,
      expected: [sourceText],
      evidence: [evidenceOf(alignment.source, marks)]
    })
  }
  return edits.length > 0
}

/** Widen a fact edit to whole facts: a deleted or inserted negation takes the verb after it
 * ("attended" ↔ "did not attend"), a number takes its scale words ("2 billion" ↔ "2 million"). */
function widen(edit: ClassifiedEdit): {dStart: number; dEnd: number; sStart: number; sEnd: number} {
  const {draft, tokens} = edit.alignment
  let {dStart, dEnd, sStart, sEnd} = edit
  if (dStart === dEnd || sStart === sEnd) {
    if (dEnd < draft.length && sEnd < tokens.length) {
      dEnd++
      sEnd++
    } else if (dStart > 0 && sStart > 0) {
      dStart--
      sStart--
    }
  }
  if (edit.kind === 'quantity') {
    while (dStart > 0 && sStart > 0 && isNumeric(draft[dStart - 1]) && isNumeric(tokens[sStart - 1])) {
      dStart--
      sStart--
    }
    while (dEnd < draft.length && sEnd < tokens.length && isNumeric(draft[dEnd]) && isNumeric(tokens[sEnd])) {
      dEnd++
      sEnd++
    }
  }
  return {dStart, dEnd, sStart, sEnd}
}

/** Does alignment `a` find every content word of draft tokens [from, to) verbatim? */
function covers(a: SentenceAnalysis['alignments'][number], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isContent(a.draft[i]) && !a.matched.has(i)) return false
  return true
}

function checkSupport(file: VFile, sentence: SentenceAnalysis) {
  const {sentence: s, tokens, quoted} = sentence
  if (s.heading) return
  const content = tokens.filter((t, i) => isContent(t) && !quoted.has(i))
  if (content.length < MIN_CONTENT_WORDS) return
  const factual = tokens.some((t, i) => !quoted.has(i) && (isNumeric(t) || isName(t, i)))
  if (!factual) return
  // A condensed sentence whose every number and name is in the sources it draws on needs less of
  // their wording: reporters restate freely around the facts.
  const factsFound = tokens.every((t, i) => quoted.has(i) || !(isNumeric(t) || isName(t, i)) || sentence.alignments.slice(0, 4).some((a) => a.matched.has(i)))
  if (sentence.unionCoverage >= (factsFound ? CONDENSED_THRESHOLD : SUPPORT_THRESHOLD)) return
  // A sentence copied with its words swapped keeps the skeleton of the source sentence(s) it
  // rewords: most of its words, function words included, sit in verbatim runs.
  const inRuns = tokens.filter((_, i) => sentence.alignments.slice(0, 3).some((a) => a.matched.has(i))).length
  if (inRuns / tokens.length >= SUPPORT_THRESHOLD) return
  const closest = sentence.alignments[0]
  report(file, {
    ruleId: 'unsupported-claim',
    start: s.start,
    end: s.end,
    reason: closest
      ? `No source supports this sentence (closest: ${where(closest.source)}, ${Math.round(closest.coverage * 100)}% of its words)`
      : 'No source supports this sentence',
    expected: [],
    evidence: closest ? [evidenceOf(closest.source)] : []
  })
}
