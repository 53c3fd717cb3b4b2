// Who did what to whom, read off the words: the draft copies a source sentence but two names trade places
// around the same verb ("Baker said it has no explanation from Hughes" / "Hughes said it has no explanation
// from Baker"). Frames (frames.ts) read roles clause by clause from tags and miss a swap when the verb's
// participants are long or tagged wrongly; a swap of two names that both stay in the sentence, with the
// words between them unchanged, needs no tags.
//
// Options: {corpus} (required).
import type {Root} from 'nlcst'
import type {VFile} from 'vfile'
import lemmatizer from 'wink-lemmatizer'
import type {Alignment} from '../align.js'
import {adjacentRuns, analyze, GOOD_COVERAGE, isName, type SentenceAnalysis} from '../analysis.js'
import {framesOf, isSymmetric} from '../frames/frames.js'
import {evidenceOf, report, where} from '../report.js'
import {isContent, STOPWORDS, type Token} from '../text/tokens.js'
import type {CheckPluginOptions} from './index.js'

/** Source sentences compared per draft sentence. */
const CANDIDATES = 3
/** Share of the words between the two names the source must have between them too. */
const SAME_MIDDLE = 0.6


interface NameRun {
  from: number
  to: number
  /** Lower-case words of the name. */
  key: string
}

export default function retextSwappedRoles(options: CheckPluginOptions) {
  const {corpus} = options
  return (tree: Root, file: VFile) => {
    const analysis = analyze(tree, file, corpus)
    for (const sentence of analysis.sentences) checkSentence(file, sentence)
  }
}

interface Swap {
  alignment: Alignment
  /** Draft token range [from, to) from the first name to the second, and the source's range of the same stretch. */
  draft: [number, number]
  source: [number, number]
  names: [string, string]
  /** The words between the names are the same: the source's stretch is a fix. */
  verbatim: boolean
}

function checkSentence(file: VFile, sentence: SentenceAnalysis) {
  let swaps = sentence.memo.get('swapped-roles') as Swap[] | undefined
  if (!swaps) sentence.memo.set('swapped-roles', (swaps = swapsOf(sentence)))
  for (const swap of swaps) {
    const {alignment} = swap
    const start = sentence.sentence.start + sentence.tokens[swap.draft[0]].start
    const end = sentence.sentence.start + sentence.tokens[swap.draft[1] - 1].end
    if (file.messages.some((m) => m.ruleId === 'contradicted-claim' && (m.place as {start?: {offset?: number}})?.start?.offset !== undefined && overlaps(m, start, end))) continue
    const st = alignment.tokens
    const sourceText = alignment.source.text.slice(st[swap.source[0]].start, st[swap.source[1] - 1].end)
    report(file, {
      ruleId: 'contradicted-claim',
      start,
      end,
      reason: `Roles swapped: the draft has ${swap.names[0]} and ${swap.names[1]} the other way round from ${where(alignment.source)}, which says \`${sourceText}\``,
      expected: swap.verbatim ? [sourceText] : [],
      evidence: [evidenceOf(alignment.source, [[st[swap.source[0]].start, st[swap.source[1] - 1].end]])]
    })
  }
}

function overlaps(m: {place?: unknown}, start: number, end: number): boolean {
  const place = m.place as {start?: {offset?: number}; end?: {offset?: number}} | undefined
  const a = place?.start?.offset
  const b = place?.end?.offset
  return a !== undefined && b !== undefined && a < end && start < b
}

function swapsOf(sentence: SentenceAnalysis): Swap[] {
  if (sentence.sentence.heading) return []
  for (const alignment of sentence.alignments.slice(0, CANDIDATES)) {
    if (alignment.coverage < GOOD_COVERAGE) continue
    const swap = swapIn(sentence, alignment)
    if (swap) return [swap]
  }
  return []
}

function swapIn(sentence: SentenceAnalysis, alignment: Alignment): Swap | undefined {
  const draftTokens = sentence.tokens
  const sourceTokens = alignment.tokens
  // A capitalised sentence opener is a name when the other sentence has it as one.
  const firstWords = (runs: NameRun[]) => new Set(runs.map((r) => r.key.split(' ')[0]))
  const sourceRuns = nameRuns(sourceTokens, firstWords(nameRuns(draftTokens, new Set())))
  const draftRuns = nameRuns(draftTokens, firstWords(nameRuns(sourceTokens, new Set())))
  // Each name once on each side, and the same names on both sides; a run may hold more words before the
  // name ("Wells Fargo CEO John Stumpf" holds "John Stumpf").
  const matched: Array<{d: NameRun; s: NameRun}> = []
  for (const d of draftRuns) {
    const s = partner(d, sourceRuns)
    if (s && partner(s, draftRuns) === d) matched.push(commonTail(d, s)!)
  }
  for (let i = 0; i < matched.length; i++) {
    for (let j = i + 1; j < matched.length; j++) {
      const a = matched[i]
      const b = matched[j]
      if (b.s.from > a.s.from) continue // same order on both sides
      // Two names, not parts of one ("Frances Bean Cobain").
      const words = (r: NameRun) => r.key.split(' ')
      if (words(a.d).some((w) => words(b.d).includes(w))) continue
      const dMiddle = draftTokens.slice(a.d.to, b.d.from)
      const sMiddle = sourceTokens.slice(b.s.to, a.s.from)
      const dGap = sentence.sentence.text.slice(draftTokens[a.d.to - 1].end, draftTokens[b.d.from].start)
      const sGap = alignment.source.text.slice(sourceTokens[b.s.to - 1].end, sourceTokens[a.s.from].start)
      if (!sameEvent(dMiddle, sMiddle, dGap, sGap)) continue
      // A verb between the names in both sentences (compromise's tags): "Rice University history professor
      // Douglas Brinkley" holds none.
      const verbBetween = (t: string, ts: Token[], from: number, to: number) => framesOf(t, ts).frames.some((f) => f.verb >= from && f.verb < to)
      if (!verbBetween(sentence.sentence.text, draftTokens, a.d.to, b.d.from) || !verbBetween(alignment.source.text, sourceTokens, b.s.to, a.s.from)) continue
      const verbatim = dMiddle.map((t) => t.norm).join(' ') === sMiddle.map((t) => t.norm).join(' ')
      return {
        alignment,
        draft: [a.d.from, b.d.to],
        source: [b.s.from, a.s.to],
        names: [text(draftTokens, a.d), text(draftTokens, b.d)],
        verbatim
      }
    }
  }
  return undefined
}

/** The words between the two names tell one event that has a direction: a content word, mostly the same
 * words on both sides, no verb that makes the names interchangeable ("met"), and no passive turned around
 * ("attacked" / "was attacked by"). */
function sameEvent(d: Token[], s: Token[], dGap: string, sGap: string): boolean {
  const content = (ts: Token[]) => ts.filter((t) => isContent(t) && t.kind === 'word')
  const dc = content(d)
  const sc = content(s)
  if (!dc.length || !sc.length) return false
  const lemma = (t: Token) => lemmatizer.verb(t.norm)
  if ([...d, ...s].some((t) => /^(vs|v|versus)$/.test(t.norm) || isSymmetric(lemma(t)))) return false
  const by = (ts: Token[]) => ts.some((t) => t.norm === 'by')
  if (by(d) !== by(s)) return false
  // A clause boundary between them: the names are in different clauses, not two sides of one verb. A comma
  // right after the first name or right before the second makes a list or an apposition ("Washington,
  // Oregon and California"; "Douglas Brinkley, a professor at Rice University").
  const loose = (gap: string) => /[;:!?]|\.\s/.test(gap) || /^\s*,|,\s*$/.test(gap)
  if (loose(dGap) || loose(sGap)) return false
  const stems = new Set(sc.map((t) => t.stem))
  const shared = dc.filter((t) => stems.has(t.stem)).length
  return shared / Math.max(dc.length, sc.length) >= SAME_MIDDLE
}

/** The one run of `runs` that names what `run` names: the same words when one run has them ("Tait" beside
 * "Mathew Tait"), else the one that ends in the same words. */
function partner(run: NameRun, runs: NameRun[]): NameRun | undefined {
  const same = runs.filter((r) => r.key === run.key)
  if (same.length) return same.length === 1 ? same[0] : undefined
  const found = runs.filter((r) => commonTail(run, r) !== undefined)
  return found.length === 1 ? found[0] : undefined
}

/** The last words two name runs share, as runs of their own ("John Stumpf" of "Wells Fargo CEO John Stumpf"). */
function commonTail(d: NameRun, s: NameRun): {d: NameRun; s: NameRun} | undefined {
  const dw = d.key.split(' ')
  const sw = s.key.split(' ')
  let n = 0
  while (n < dw.length && n < sw.length && dw[dw.length - 1 - n] === sw[sw.length - 1 - n]) n++
  // The whole of one side, so "Robert Rubin" does not match "Robert Smith" by a first name.
  if (n === 0 || (n < dw.length && n < sw.length)) return undefined
  const key = dw.slice(dw.length - n).join(' ')
  return {d: {from: d.to - n, to: d.to, key}, s: {from: s.to - n, to: s.to, key}}
}

/** Runs of capitalised words that name someone or something; an opener counts when it is in `openers`. */
function nameRuns(tokens: Token[], openers: Set<string>): NameRun[] {
  const named = (t: Token, i: number) => t.kind === 'word' && !STOPWORDS.has(t.norm) && t.norm.length > 1 && (isName(t, i) || (i === 0 && /^\p{Lu}/u.test(t.value) && openers.has(t.norm)))
  return adjacentRuns(tokens, named).map(([from, to]) => ({from, to, key: tokens.slice(from, to).map((t) => t.norm).join(' ')}))
}

const text = (tokens: Token[], r: NameRun) => tokens.slice(r.from, r.to).map((t) => t.value).join(' ')
