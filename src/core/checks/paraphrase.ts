// Machine paraphrase: the thesaurus swaps of article spinners. A swap is an edit between a draft
// sentence and the source sentence it copies, one to a few words on each side, anchored by
// verbatim words around it. What makes a swap a spinner's and not a writer's:
//   - a known spinner pair or phrase (Problematic Paper Screener list), or a split word ("with out");
//   - the document as a whole is spun: many copied sentences carry swaps, so each swap is suspect,
//     WordNet-related or not (spinners use thesaurus neighbours WordNet lacks);
//   - outside a spun document, only a sentence with several sense-blind swaps (related words through
//     a rare sense) is flagged: one natural synonym ("began" for "started") is the writer's choice.
// Known spinner phrases no source sentence aligns to are flagged from the lexicon alone.
//
// Options: {corpus} (required).
import type {Root} from 'nlcst'
import type {VFile} from 'vfile'
import {analyze, clauseCopy, factEdits, isNumeric, nameRunsAround, rebuiltNames, SKELETON_COVERAGE, SOFT_COVERAGE, softCoverage, thesaurusName, type ClassifiedEdit, type DraftAnalysis} from '../analysis.js'
import {expressionFillers, findSpinnerPhrases, isAdverb, isLemma, relation, spinnerWordPairs, type Relation} from '../lexicon/index.js'
import {evidenceOf, report, where} from '../report.js'
import {isContent, STOPWORDS, type Token} from '../text/tokens.js'
import type {CheckPluginOptions} from './index.js'

/** A document is spun when at least this many copied sentences carry suspect swaps… */
const SPUN_MIN_SENTENCES = 3
/** …and they are at least this share of the sentences copied from a source. */
const SPUN_MIN_SHARE = 0.34
/** A sense rank above this means the words are synonyms only through a minor sense. */
const DOMINANT_SENSE = 2
/** Longest swap, in words per side. */
const MAX_SWAP_WORDS = 4

export type SwapStrength = 'spinner' | 'sense-blind' | 'synonym' | 'unrelated'

export interface Swap {
  edit: ClassifiedEdit
  strength: SwapStrength
  relation?: Relation
}

export default function retextParaphrase(options: CheckPluginOptions) {
  const {corpus} = options
  return (tree: Root, file: VFile) => {
    const analysis = analyze(tree, file, corpus)
    const spun = isSpun(analysis)
    const flagged = new Set<string>()
    for (const sentence of analysis.sentences) {
      const swaps = sentenceSwaps(sentence)
      const suspect = isSuspectSentence(sentence, swaps)
      const dense = isDense(sentence, swaps)
      for (const swap of swaps) {
        const flag =
          swap.strength === 'spinner' ||
          // A copied sentence with a large share of its words swapped one for one is spun, whatever each swap
          // looks like alone ("individuals … dealt with … automobile close to the station").
          (dense && inPlace(swap)) ||
          (spun && (swap.strength !== 'unrelated' || swap.edit.alignment.coverage >= 0.6 || softCoverage(swap.edit.alignment) >= 0.6 || clauseCopy(swap.edit.alignment))) ||
          // Outside a spun draft, only sense-blind swaps, and only where the sentence has several of them:
          // "grabbed and eaten" for "attacked and killed" is a writer's choice.
          (suspect && oneToOne(swap) && swap.strength === 'sense-blind' && swaps.filter((x) => x.strength === 'sense-blind' || x.strength === 'spinner').length >= 2)
        if (!flag) continue
        const {edit} = swap
        const {draft, tokens, source} = edit.alignment
        const start = sentence.sentence.start + draft[edit.dStart].start
        const end = sentence.sentence.start + draft[edit.dEnd - 1].end
        const key = `${start}:${end}`
        if (flagged.has(key)) continue
        flagged.add(key)
        const expected = source.text.slice(tokens[edit.sStart].start, tokens[edit.sEnd - 1].end)
        const actual = String(file.value).slice(start, end)
        report(file, {
          ruleId: 'machine-paraphrase',
          start,
          end,
          // A natural synonym ("said" for "reported") inside spun text is worth seeing, not an alarm.
          demote: naturalRewording(swap),
          reason: `Unexpected \`${actual}\`, expected \`${expected}\`: ${why(swap)} (${where(source)})`,
          expected: [expected],
          evidence: [evidenceOf(source, [[tokens[edit.sStart].start, tokens[edit.sEnd - 1].end]])]
        })
      }
      reportLexiconPhrases(file, sentence, flagged)
      reportRebuiltNames(file, sentence, flagged)
      if (spun || suspect) reportBrokenExpressions(file, sentence, flagged)
    }
  }
}

function why(swap: Swap): string {
  if (swap.edit.kind === 'split') return 'a word split in two, as article spinners do'
  if (swap.edit.kind === 'quantity') return 'a spinner’s word swap that also changes the number'
  if (swap.strength === 'spinner') return 'a known article-spinner swap'
  if (swap.relation?.kind === 'synonym' && swap.strength === 'sense-blind') return 'a synonym of the source’s word in another of its senses, as spinners substitute'
  if (swap.relation) return 'a thesaurus relative of the source’s word, as spinners substitute'
  return 'the source’s word replaced, as throughout this machine-paraphrased text'
}

const spunCache = new WeakMap<DraftAnalysis, boolean>()

/** Spinners swap word for word and keep everything else: a copied sentence with two or more
 * one-for-one swaps (or one known spinner swap) looks spun. A writer's rewrite moves, drops and
 * restructures instead. */
function isSuspectSentence(sentence: DraftAnalysis['sentences'][number], swaps: Swap[]): boolean {
  if (swaps.some((s) => s.strength === 'spinner')) return true
  const best = sentence.alignments[0]
  if (!best || (best.coverage < 0.6 && best.tokenCoverage < SKELETON_COVERAGE && softCoverage(best) < SOFT_COVERAGE && !clauseCopy(best))) return false
  return swaps.filter(oneToOne).length >= 2
}

const REPORTING_WORDS = /^(said|says|say|told|tells|tell|reported|reports|report|stated|states|added|adds|noted|notes|announced|explained|according)$/

/** A reporting verb for another ("said" for "reported") or another form of the same word: a writer's
 * choice even inside spun text, shown as information. */
function naturalRewording(swap: Swap): boolean {
  const {draft, tokens} = swap.edit.alignment
  const d = draft.slice(swap.edit.dStart, swap.edit.dEnd)
  const s = tokens.slice(swap.edit.sStart, swap.edit.sEnd)
  return swap.relation?.kind === 'morph' || (d.length === 1 && s.length === 1 && REPORTING_WORDS.test(d[0].norm) && REPORTING_WORDS.test(s[0].norm))
}

/** Share of a copied sentence's content words swapped one for one with the word order kept, above which the
 * sentence reads as spun. Calibrated on ../shared/data/honest-dev (human summaries: few sentences reach
 * it) against the planted spun sentences of bench/plant.ts; see docs/meaning.md. */
export const SWAP_DENSITY = 0.18
/** …and at least this many swaps: two swaps in a short sentence are a writer's touch. */
const DENSE_MIN_SWAPS = 3

export function swapDensity(sentence: DraftAnalysis['sentences'][number], swaps: Swap[]): {density: number; swaps: number} {
  const best = sentence.alignments[0]
  if (!best) return {density: 0, swaps: 0}
  // Each swap counts the content words it replaces ("blazing edifice close to" for "burning building near": two).
  let n = 0
  for (const swap of swaps) if (inPlace(swap)) n += Math.min(contentOf(swap, 'd').length, contentOf(swap, 's').length)
  const content = best.draft.filter(isContent).length || 1
  return {density: n / content, swaps: n}
}

function contentOf(swap: Swap, side: 'd' | 's'): Token[] {
  const {edit} = swap
  return side === 'd' ? edit.alignment.draft.slice(edit.dStart, edit.dEnd).filter(isContent) : edit.alignment.tokens.slice(edit.sStart, edit.sEnd).filter(isContent)
}

/** A swap in place: content words for as many content words, pair by pair thesaurus relatives ("blazing edifice
 * close" / "burning building near"). */
function inPlace(swap: Swap): boolean {
  const d = contentOf(swap, 'd')
  const s = contentOf(swap, 's')
  // Word for word: as many content words each side, each pair the same word, a relative or a spinner pair.
  if (!d.length || d.length !== s.length || d.length > 3) return false
  return d.every((x, i) => x.norm === s[i].norm || relation(x.norm, s[i].norm) !== undefined || spinnerWordPairs(x.norm, s[i].norm))
}

function isDense(sentence: DraftAnalysis['sentences'][number], swaps: Swap[]): boolean {
  const best = sentence.alignments[0]
  // Order kept: most of the sentence's skeleton is the source's.
  if (!best || best.tokenCoverage < 0.4) return false
  const {density, swaps: n} = swapDensity(sentence, swaps)
  return n >= DENSE_MIN_SWAPS && density >= SWAP_DENSITY
}

/** Word for word, content word for content word ("firefighters" for "was" is restructuring). */
function oneToOne(swap: Swap): boolean {
  const {edit} = swap
  const n = edit.dEnd - edit.dStart
  if (n !== edit.sEnd - edit.sStart || n > 2) return false
  const {draft, tokens} = edit.alignment
  return draft.slice(edit.dStart, edit.dEnd).some(isContent) && tokens.slice(edit.sStart, edit.sEnd).some(isContent)
}

/** Is the draft as a whole machine-paraphrased? Counts copied sentences that look spun. */
export function isSpun(analysis: DraftAnalysis): boolean {
  const cached = spunCache.get(analysis)
  if (cached !== undefined) return cached
  let copied = 0
  let suspect = 0
  for (const sentence of analysis.sentences) {
    const best = sentence.alignments[0]
    if (!best || (best.coverage < 0.5 && best.tokenCoverage < SKELETON_COVERAGE && softCoverage(best) < SOFT_COVERAGE && !clauseCopy(best))) continue
    copied++
    if (isSuspectSentence(sentence, sentenceSwaps(sentence))) suspect++
  }
  // Two suspect sentences make a short draft spun; a long one needs a quarter of its copied sentences.
  const spun = suspect >= Math.max(SPUN_MIN_SENTENCES, Math.ceil(copied * SPUN_MIN_SHARE))
  spunCache.set(analysis, spun)
  return spun
}

/** A quantity edit that is a spinner's word swap ("tens of hundreds" for "tens of thousands") in a
 * spun draft: number words swapped, digits untouched. */
export function isSpunSwap(edit: ClassifiedEdit, analysis: DraftAnalysis): boolean {
  const words = (ts: Token[]) => ts.length > 0 && ts.every((t) => t.kind === 'word')
  const {draft, tokens} = edit.alignment
  const d = draft.slice(edit.dStart, edit.dEnd)
  const s = tokens.slice(edit.sStart, edit.sEnd)
  return words(d) && words(s) && d.concat(s).some(isNumeric) && isSpun(analysis)
}


/** The wording swaps of a sentence against its best alignment, each with how suspect it is. */
export function sentenceSwaps(sentence: DraftAnalysis['sentences'][number]): Swap[] {
  const cached = sentence.memo.get('swaps') as Swap[] | undefined
  if (cached) return cached
  const best = sentence.alignments[0]
  const swaps: Swap[] = []
  if (sentence.sentence.heading) {
    sentence.memo.set('swaps', swaps)
    return swaps // headlines are rewritten freely; their swaps say little
  }
  for (const edit of factEdits(sentence)) {
    if (edit.alignment !== best) continue
    if (edit.dEnd - edit.dStart > MAX_SWAP_WORDS || edit.sEnd - edit.sStart > MAX_SWAP_WORDS) continue
    if (edit.dStart === edit.dEnd || edit.sStart === edit.sEnd) continue
    if (edit.kind === 'split') {
      swaps.push({edit, strength: 'spinner'})
      continue
    }
    if (edit.kind === 'quantity' && isNumberWordSwap(edit)) {
      swaps.push({edit, strength: 'sense-blind'})
      continue
    }
    if (edit.kind !== 'wording') continue
    // Spinners swap words, never digits: a changed figure is a claim (or another fact), not a swap.
    const {draft, tokens} = edit.alignment
    if (draft.slice(edit.dStart, edit.dEnd).some((t) => t.kind === 'number') || tokens.slice(edit.sStart, edit.sEnd).some((t) => t.kind === 'number')) continue
    // Words the source sentence has verbatim elsewhere were moved, not swapped.
    const sourceKeys = new Set(tokens.map((t) => t.norm))
    if (draft.slice(edit.dStart, edit.dEnd).filter(isContent).every((t) => sourceKeys.has(t.norm))) continue
    // Adjacent swaps of equal length whose words pair up as relatives ("primary hike" for "first
    // increase") are word-for-word swaps; otherwise the phrase stays whole ("after which" for "and then").
    const n = edit.dEnd - edit.dStart
    const pairsUp = () => Array.from({length: n}, (_, k) => [edit.alignment.draft[edit.dStart + k].norm, edit.alignment.tokens[edit.sStart + k].norm])
      .every(([a, b]) => a === b || relation(a, b) || spinnerWordPairs(a, b))
    if (n > 1 && n === edit.sEnd - edit.sStart && pairsUp()) {
      for (let k = 0; k < n; k++) {
        if (edit.alignment.draft[edit.dStart + k].norm === edit.alignment.tokens[edit.sStart + k].norm) continue
        swaps.push(grade({...edit, dStart: edit.dStart + k, dEnd: edit.dStart + k + 1, sStart: edit.sStart + k, sEnd: edit.sStart + k + 1}))
      }
      continue
    }
    swaps.push(grade(edit))
  }
  sentence.memo.set('swaps', swaps)
  return swaps
}

function isNumberWordSwap(edit: ClassifiedEdit): boolean {
  const {draft, tokens} = edit.alignment
  const words = (ts: Token[]) => ts.every((t) => t.kind === 'word')
  return words(draft.slice(edit.dStart, edit.dEnd)) && words(tokens.slice(edit.sStart, edit.sEnd))
}

function grade(edit: ClassifiedEdit): Swap {
  const {draft, tokens} = edit.alignment
  const d = draft.slice(edit.dStart, edit.dEnd).map((t) => t.norm)
  const s = tokens.slice(edit.sStart, edit.sEnd).map((t) => t.norm)
  // A word of a name swapped for a thesaurus neighbour ("Joined" in "Joined Countries"), or a word of a
  // fixed expression ("inventory market" for "stock market"): writers keep both whole.
  if (d.length === 1 && s.length === 1 && (capitalisedSwap(edit) || brokenCollocation(edit))) return {edit, strength: 'spinner', relation: relation(d[0], s[0])}
  // A known spinner pair of content words; "during" for "in" is everyday wording.
  if (d.length === 1 && s.length === 1 && !STOPWORDS.has(d[0]) && !STOPWORDS.has(s[0]) && spinnerWordPairs(d[0], s[0])) return {edit, strength: 'spinner'}
  const rel = relation(d.join(' '), s.join(' ')) ?? (d.length === s.length ? pairwise(d, s) : undefined)
  if (!rel) return {edit, strength: 'unrelated'}
  if (rel.kind === 'morph') return {edit, strength: 'synonym', relation: rel}
  const dominant = rel.kind === 'synonym' && rel.senseRankA <= DOMINANT_SENSE && rel.senseRankB <= DOMINANT_SENSE
  return {edit, strength: dominant ? 'synonym' : 'sense-blind', relation: rel}
}

function capitalisedSwap(edit: ClassifiedEdit): boolean {
  const {draft, tokens} = edit.alignment
  const d = draft[edit.dStart]
  const s = tokens[edit.sStart]
  const name = (ts: Token[], i: number) => ts.slice(Math.max(0, i - 1), i + 2).filter((t) => /^\p{Lu}/u.test(t.value)).length >= 2
  return edit.dStart > 0 && /^\p{Lu}/u.test(d.value) && /^\p{Lu}/u.test(s.value) && name(draft, edit.dStart) && name(tokens, edit.sStart) && thesaurusName(...nameRunsAround(edit, edit.alignment))
}

/** The source word and its neighbour form a fixed expression (a WordNet compound: "stock market", "press
 * release", "public transport") and the draft's word with the same neighbour forms none. */
export function brokenCollocation(edit: ClassifiedEdit): boolean {
  const {draft, tokens} = edit.alignment
  const d = draft[edit.dStart]
  const s = tokens[edit.sStart]
  if (!isContent(d) || !isContent(s) || d.kind !== 'word' || /^\p{Lu}/u.test(s.value)) return false
  const left = tokens[edit.sStart - 1]
  const right = tokens[edit.sStart + 1]
  const compound = (a?: Token, b?: Token) => Boolean(a && b && isContent(a) && isContent(b) && a.kind === 'word' && b.kind === 'word' && isLemma(`${a.norm} ${b.norm}`))
  const leftKept = left && draft[edit.dStart - 1]?.norm === left.norm
  const rightKept = right && draft[edit.dStart + 1]?.norm === right.norm
  if (leftKept && compound(left, s) && !compound(left, d)) return true
  return Boolean(rightKept && compound(s, right) && !compound(d, right))
}

/** Relation of equal-length phrases word by word: the weakest word relation, if every word relates. */
function pairwise(d: string[], s: string[]): Relation | undefined {
  let worst: Relation | undefined
  for (let i = 0; i < d.length; i++) {
    if (d[i] === s[i]) continue
    const rel = relation(d[i], s[i])
    if (!rel) return undefined
    if (!worst || rel.senseRankA + rel.senseRankB > worst.senseRankA + worst.senseRankB) worst = rel
  }
  return worst
}

/** Known spinner phrases in the draft that no aligned source sentence contains verbatim. */
/** Names rebuilt from a source name's thesaurus neighbours in a sentence reworded too much for word-level swaps. */
function reportRebuiltNames(file: VFile, sentence: DraftAnalysis['sentences'][number], flagged: Set<string>) {
  for (const name of rebuiltNames(sentence)) {
    const start = sentence.sentence.start + sentence.tokens[name.from].start
    const end = sentence.sentence.start + sentence.tokens[name.to - 1].end
    if ([...flagged].some((k) => overlaps(k, start, end))) continue
    flagged.add(`${start}:${end}`)
    const {tokens, source} = name.alignment
    const mark: [number, number] = [tokens[name.sFrom].start, tokens[name.sTo - 1].end]
    const expected = source.text.slice(...mark)
    report(file, {
      ruleId: 'machine-paraphrase',
      start,
      end,
      reason: `Unexpected \`${String(file.value).slice(start, end)}\`, expected \`${expected}\`: a name rebuilt word by word from thesaurus neighbours, as article spinners do (${where(source)})`,
      expected: [expected],
      evidence: [evidenceOf(source, [mark])]
    })
  }
}

function reportLexiconPhrases(file: VFile, sentence: DraftAnalysis['sentences'][number], flagged: Set<string>) {
  const words = sentence.tokens.filter((t) => t.kind === 'word')
  const hits = findSpinnerPhrases(words.map((t) => t.norm))
  for (const hit of hits) {
    const first = words[hit.start]
    const last = words[hit.end - 1]
    const inQuote = sentence.tokens.some((t, i) => sentence.quoted.has(i) && t.start >= first.start && t.end <= last.end)
    if (inQuote) continue
    // A phrase that is itself an English compound ("search engine") is the writer's, whatever a spinner
    // list says it once stood for.
    if (hit.phrase.includes(' ') && isLemma(hit.phrase)) continue
    // Compared on words alone: "search-engine" in a source is the phrase "search engine".
    const plain = (text: string) => ` ${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `
    const inSource = sentence.alignments.some((a) => plain(a.source.text).includes(plain(hit.phrase)))
    if (inSource) continue
    const start = sentence.sentence.start + first.start
    const end = sentence.sentence.start + last.end
    const key = `${start}:${end}`
    if ([...flagged].some((k) => overlaps(k, start, end))) continue
    flagged.add(key)
    report(file, {
      ruleId: 'machine-paraphrase',
      start,
      end,
      reason: `Unexpected \`${String(file.value).slice(start, end)}\`, expected \`${hit.expected}\`: a known article-spinner phrase (Problematic Paper Screener list)`,
      expected: [hit.expected],
      evidence: []
    })
  }
}

/** A parenthetical adverb with its noun swapped for a relative (", in flip," for ", in turn,"):
 * the draft phrase is no expression, the restored one is a WordNet adverb, and it stands between
 * commas or at a sentence edge as such adverbs do. Only in spun text, where no source sentence may
 * align to show the original. Free word combinations ("talks with") are never considered. */
function reportBrokenExpressions(file: VFile, sentence: DraftAnalysis['sentences'][number], flagged: Set<string>) {
  const {tokens, text} = {tokens: sentence.tokens, text: sentence.sentence.text}
  for (let i = 0; i + 1 < tokens.length; i++) {
    const [prep, noun] = [tokens[i], tokens[i + 1]]
    if (!PREPOSITIONS.has(prep.norm) || noun.kind !== 'word' || sentence.quoted.has(i + 1) || /^\p{Lu}/u.test(noun.value)) continue
    const before = text.slice(0, prep.start).trimEnd()
    const after = text.slice(noun.end).trimStart()
    const parenthetical = (before === '' || /[,;:—–(]$/.test(before)) && /^[,;:—–).!?]/.test(after)
    if (!parenthetical || isLemma(`${prep.norm} ${noun.norm}`)) continue
    // Words the aligned source has verbatim are the source's, never a swap (", in addition," copied).
    const phrase = new RegExp(`\\b${prep.norm}\\s+${noun.norm}\\b`, 'i')
    if (sentence.alignments.some((a) => phrase.test(a.source.text))) continue
    // The closest relative among the nouns that make an adverb with this preposition.
    const score = (r: Relation) => r.senseRankA + r.senseRankB + (r.kind === 'related' ? 4 : 0)
    const candidates = expressionFillers([prep.norm, noun.norm], 1)
      .filter((f) => f !== noun.norm && isAdverb(`${prep.norm} ${f}`))
      .flatMap((f) => {
        const r = relation(noun.norm, f)
        return r ? [{f, s: score(r)}] : []
      })
      .sort((a, b) => a.s - b.s)
    const filler = candidates[0]?.f
    if (!filler) continue
    const start = sentence.sentence.start + noun.start
    const end = sentence.sentence.start + noun.end
    if ([...flagged].some((k) => overlaps(k, start, end))) continue
    flagged.add(`${start}:${end}`)
    report(file, {
      ruleId: 'machine-paraphrase',
      start,
      end,
      reason: `Unexpected \`${noun.value}\`, expected \`${filler}\`: the expression “${prep.norm} ${filler}” with a word swapped for a thesaurus neighbour`,
      expected: [filler],
      evidence: []
    })
  }
}

const PREPOSITIONS = new Set(['in', 'on', 'at', 'by', 'for', 'of', 'to', 'from', 'with', 'as', 'under', 'over'])

function overlaps(key: string, start: number, end: number): boolean {
  const [a, b] = key.split(':').map(Number)
  return a < end && start < b
}
