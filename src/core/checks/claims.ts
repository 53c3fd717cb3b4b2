// Claims: a sentence the sources address but state otherwise (a number, a name, a negation) is
// `contradicted-claim`, with the source's words as the fix; one the sources do not address at all
// is `unsupported-claim`. When good sources disagree on the very words the draft uses, the draft
// gets `conflicting-sources` (info) naming both instead of an error.
//
// Options: {corpus} (required). Thresholds are module constants documented below.
import type {Root} from 'nlcst'
import type {VFile} from 'vfile'
import {keyOf} from '../align.js'
import {statedValues} from '../text/quantities.js'
import {isLemma, isPlaceName, relation, separatePlaces} from '../lexicon/index.js'
import {isCitation} from '../citation.js'
import {analyze, clauseCopy, factEdits, isDateWord, isName, isNumeric, placeSwap, rebuiltNames, quantityValue, unknownNameSwap, GOOD_COVERAGE, type ClassifiedEdit, type SentenceAnalysis} from '../analysis.js'
import {evidenceOf, report, where} from '../report.js'
import {isContent, STOPWORDS, type Token} from '../text/tokens.js'
import {isSpun, isSpunSwap} from './paraphrase.js'
import type {CheckPluginOptions} from './index.js'


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
  const edits = factEdits(sentence).filter((e) => e.kind === 'quantity' || e.kind === 'name' || e.kind === 'negation' || e.kind === 'certainty' || e.kind === 'time')
  for (const edit of edits) {
    const span = widen(edit)
    // One message per place, whichever alignment saw it first (the best one).
    if ([...seen].some((k) => {
      const [a, b] = k.split(':').map(Number)
      return a < span.dEnd && span.dStart < b
    })) continue
    seen.add(`${span.dStart}:${span.dEnd}`)
    if (edit.kind === 'quantity' && isSpunSwap(edit, analysis)) continue // a spinner's word swap, reported as machine-paraphrase
    // The same fact needs most of the sentence's content in the source sentence; a shared skeleton ("… percent
    // … are …") is enough only in a spun draft, whose copies keep the skeleton and swap the words.
    if (edit.alignment.coverage < GOOD_COVERAGE && !isSpun(analysis) && !clauseCopy(edit.alignment)) continue
    // One slot differs and the rest is the same: another content word changed in the same sentence pair
    // ("… are unemployed" / "… are homeless") makes it another fact.
    // A fact inside a long verbatim run ("Chechnya must stay within the Russian …") is the same fact whatever
    // the reporting frame around it says.
    if (!isSpun(analysis) && Math.max(edit.leftAnchor, edit.rightAnchor) < 4 && otherContentChange(edit)) continue
    const alignment = edit.alignment
    const start = sentence.sentence.start + alignment.draft[span.dStart].start
    const end = sentence.sentence.start + alignment.draft[span.dEnd - 1].end
    const sourceText = alignment.source.text.slice(alignment.tokens[span.sStart].start, alignment.tokens[span.sEnd - 1].end)
    const marks: Array<[number, number]> = [[alignment.tokens[edit.sStart]?.start ?? alignment.tokens[span.sStart].start, alignment.tokens[Math.max(edit.sEnd, edit.sStart + 1) - 1]?.end ?? alignment.tokens[span.sEnd - 1].end]]
    // Another source that says what the draft says makes it a disagreement between sources; two
    // sentences of one article are one source (a story updates its own figures).
    const agreeing = sentence.alignments.find((a) => a !== alignment && a.coverage >= GOOD_COVERAGE && covers(a, span.dStart, span.dEnd))
    const actual = String(file.value).slice(start, end)
    if (agreeing && agreeing.source.source === alignment.source.source) continue
    // Sources that word a polarity differently ("has yet to be" / "hasn't yet been") or name a place two
    // ways ("John F. Kennedy International" / "New York") seldom disagree on the fact: only figures and
    // people are reported as a disagreement between sources.
    if (agreeing && (edit.kind === 'negation' || edit.kind === 'certainty' || (edit.kind === 'name' && !swappedPeople(edit, sentence.corpus)))) continue
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
    // Two parts of one person's name ("Frances Bean Cobain" is "Cobain" here and "Bean" there).
    if (edit.kind === 'name' && partsOfOneName(actual, sourceText, String(file.value), alignment.source.source.text)) continue
    if (edit.kind === 'certainty') {
      report(file, {
        ruleId: 'contradicted-claim',
        start,
        end,
        // A claim made stronger than its source, not turned over: a warning.
        demote: true,
        reason: `Unexpected \`${actual}\`, expected \`${sourceText}\`: the source is less certain (${where(alignment.source)})`,
        expected: [sourceText],
        evidence: [evidenceOf(alignment.source, marks)]
      })
      continue
    }
    const what = edit.kind === 'quantity' ? 'number' : edit.kind === 'negation' ? 'negation' : swapped.some(isDateWord) ? 'date' : edit.kind === 'time' ? 'time' : placeSwap(edit, alignment, sentence.corpus) ? 'place' : 'name'
    // A number some source does state may be right in another sentence the retrieval did not pair:
    // still worth a look, not an error.
    const draftValue = edit.kind === 'quantity' ? quantityValue(alignment.draft.slice(edit.dStart, edit.dEnd).filter((t) => !/^(percent|per|cent)$/.test(t.norm))) : undefined
    // A clause copied from this sentence in a sentence merged from several: a figure some other source sentence
    // states may belong to the other half ("Back in 2009, …" beside "In 2014, …").
    if (alignment.coverage < GOOD_COVERAGE && !isSpun(analysis) && (draftValue === undefined || sentence.corpus.hasValue(draftValue))) continue
    report(file, {
      ruleId: 'contradicted-claim',
      start,
      end,
      // A name no source has in a source name's slot: likely changed, but it may be the writer's own name for
      // the same thing; a warning.
      demote: (draftValue !== undefined && sentence.corpus.hasValue(draftValue)) || (what === 'name' && unknownNameSwap(edit, alignment, sentence.corpus)),
      reason: `Unexpected \`${actual}\`, expected \`${sourceText}\`: the source states a different ${what} (${where(alignment.source)})`,
      expected: [sourceText],
      evidence: [evidenceOf(alignment.source, marks)]
    })
  }
  return edits.length > 0
}

function swappedPeople(edit: ClassifiedEdit, corpus: SentenceAnalysis['corpus']): boolean {
  const {draft, tokens} = edit.alignment
  return draft.slice(edit.dStart, edit.dEnd).some((t) => corpus.isPerson(t.norm)) && tokens.slice(edit.sStart, edit.sEnd).some((t) => corpus.isPerson(t.norm))
}

function partsOfOneName(a: string, b: string, ...texts: string[]): boolean {
  const together = new RegExp(`\\b(${escapeRe(a)}\\s+${escapeRe(b)}|${escapeRe(b)}\\s+${escapeRe(a)})\\b`)
  return texts.some((t) => together.test(t))
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function otherContentChange(edit: ClassifiedEdit): boolean {
  const {alignment} = edit
  const text = alignment.sentenceText ?? ''
  // Only within the fact's own clause: no comma, semicolon, colon or dash between the two changes.
  const sameClause = (a: number, b: number) => {
    const [from, to] = a < b ? [a, b] : [b, a]
    return !/[,;:—–(]/.test(text.slice(alignment.draft[from].end, alignment.draft[to].start))
  }
  return alignment.edits.some((e) => {
    if (e.dStart === edit.dStart && e.sStart === edit.sStart) return false
    if (e.dStart === e.dEnd || !sameClause(edit.dStart < e.dStart ? edit.dStart : e.dStart, edit.dStart < e.dStart ? e.dStart : edit.dStart)) return false
    const d = alignment.draft.slice(e.dStart, e.dEnd).filter(isContent)
    const s = alignment.tokens.slice(e.sStart, e.sEnd).filter(isContent)
    // A substitution of content words that are neither the same words reordered nor synonyms ("stay" / "remain").
    return d.length > 0 && s.length > 0 && d.some((t) => !s.some((x) => x.stem === t.stem || relation(t.norm, x.norm)?.kind === 'synonym' || relation(t.norm, x.norm)?.kind === 'morph'))
  })
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

/** Hedges before a number: the sources may state it a little differently ("nearly 200,000" for 196,000). */
const HEDGES = new Set(['about', 'nearly', 'almost', 'some', 'around', 'roughly', 'approximately', 'over', 'more', 'than', 'less', 'fewer',
  'under', 'least', 'estimated', 'close', 'just', 'up', 'to', 'upwards', 'below', 'above', 'circa', 'approx'])
/** How far a hedged number may be from the sources' value. */
const HEDGE_TOLERANCE = 0.15
/** Number words this small ("two weeks", "three times") are too common to be a checkable fact. */
const SMALL_NUMBER_WORD = 12

interface Fact {
  /** Token indexes [from, to) in the sentence. */
  from: number
  to: number
  kind: 'number' | 'name'
  /** A name that cites where the writer read or heard something: only a misspelling of it is reported. */
  cited?: boolean
}

/** The checkable facts of a sentence outside its quotes: quantities and names. */
export function factsOf(sentence: SentenceAnalysis): Fact[] {
  const {tokens, quoted} = sentence
  const facts: Fact[] = []
  const text = sentence.sentence.text
  for (let i = 0; i < tokens.length; i++) {
    if (quoted.has(i)) continue
    const t = tokens[i]
    if (isQuantity(t)) {
      let j = i
      while (j < tokens.length && !quoted.has(j) && isQuantity(tokens[j])) j++
      const run = tokens.slice(i, j)
      const value = quantityValue(run)
      const wordsOnly = run.every((x) => x.kind === 'word')
      // A number inside a cited name ("Fox 5 reports") is part of the citation.
      const cited = i > 0 && /^\p{Lu}/u.test(tokens[i - 1].value) && isCitation(tokens, i, j, text)
      if (value !== undefined && !cited && !(wordsOnly && value <= SMALL_NUMBER_WORD) && !run.some((x) => /^(first|second|third|fourth|fifth)$/.test(x.norm))) facts.push({from: i, to: j, kind: 'number'})
      i = j - 1
    } else if (isProperName(t, i, text)) {
      let j = i
      while (j + 1 < tokens.length && !quoted.has(j + 1) && (isProperName(tokens[j + 1], j + 1, text) || isNameJoiner(tokens, j + 1, text))) j++
      while (j > i && !isProperName(tokens[j], j, text)) j--
      facts.push({from: i, to: j + 1, kind: 'name', cited: isCitation(tokens, i, j + 1, text)})
      i = j
    }
  }
  return facts
}

/** A number the writer worked out from the numbers of a sentence it draws on: a difference or a sum
 * ("raised by 50 cents" from $2.25 and $2.75), in the same unit or a hundredth of it. */
function derived(value: number, sentence: SentenceAnalysis): boolean {
  const close = (x: number) => Math.abs(x - value) < 1e-6 * Math.max(1, value) || Math.abs(x * 100 - value) < 1e-6 * Math.max(1, value)
  // Both figures from one source sentence that shares a good part of the draft's words ("from $2.25 to $2.75"):
  // across several sentences, some pair of figures adds up by chance.
  for (const alignment of sentence.alignments.slice(0, 4)) {
    if (alignment.coverage < DERIVED_COVERAGE) continue
    const values = [...new Set(statedValues(alignment.tokens))]
    for (let i = 0; i < values.length; i++) {
      for (let j = i + 1; j < values.length; j++) {
        if (close(Math.abs(values[i] - values[j])) || close(values[i] + values[j])) return true
      }
    }
  }
  return false
}

/** Share of the draft sentence's words a source sentence must hold for its figures to count in a derived one. */
const DERIVED_COVERAGE = 0.25

const isYear = (value: number) => Number.isInteger(value) && value >= 1800 && value <= 2100

const isQuantity = (t: Token) => t.kind === 'number' || /^\d/.test(keyOf(t)) || /^(hundred|thousand|million|billion|trillion|m|bn|mn|k)$/.test(t.norm)

/** A capitalised word that names someone or something: not a sentence or clause opener (after a
 * colon, dash, bracket or quotation mark), not "I", not a month ("May" is also a verb). */
function isProperName(t: Token, i: number, text: string): boolean {
  if (t.kind !== 'word' || !isName(t, i) || t.norm.length < 2 || STOPWORDS.has(t.norm) || /^(january|february|march|april|may|june|july|august|september|october|november|december)$/.test(t.norm)) return false
  const before = text.slice(Math.max(0, t.start - 3), t.start).trimEnd()
  return !/[:;(\[—–"“‘'-]$/.test(before)
}

/** "of", "de", "the" inside a name ("Bank of England", "Academy of Motion Picture Arts"). */
function isNameJoiner(tokens: Token[], i: number, text: string): boolean {
  return /^(of|de|da|del|van|von|the|and|for|al|bin|la|le)$/.test(tokens[i].norm) && i + 1 < tokens.length && isProperName(tokens[i + 1], i + 1, text) && tokens[i].start - tokens[i - 1].end <= 1
}

/** Is this name in the sources, as written or as a related form ("Kenyan" for "Kenya")? */
function knownName(corpus: SentenceAnalysis['corpus'], t: Token): boolean {
  if (corpus.hasStem(t.stem)) return true
  return corpus.hasNameLike(t.norm)
}

/** The place a closely aligned source sentence names where the draft names `actual`, a place they cannot both
 * be: one the draft sentence does not name itself, left unmatched by the alignment. */
function displacedPlace(actual: string, sentence: SentenceAnalysis): {place: string; alignment: SentenceAnalysis['alignments'][number]; mark: [number, number]} | undefined {
  if (!isPlaceName(actual.split(/\s+/).join('_'))) return undefined
  const draftWords = new Set(sentence.tokens.map((t) => t.norm))
  for (const alignment of sentence.alignments.slice(0, 2)) {
    if (alignment.coverage < GOOD_COVERAGE) continue
    const used = new Set(alignment.matched.values())
    const {tokens} = alignment
    const text = alignment.source.text
    for (let k = 1; k < tokens.length; k++) {
      if (used.has(k) || draftWords.has(tokens[k].norm) || !isName(tokens[k], k)) continue
      // One or two capitalised words ("Norway", "New Zealand").
      for (const to of [k + 2, k + 1]) {
        if (to > tokens.length || tokens.slice(k, to).some((t, x) => used.has(k + x) || !isName(t, k + x))) continue
        const place = text.slice(tokens[k].start, tokens[to - 1].end)
        if (separatePlaces(actual, place)) return {place, alignment, mark: [tokens[k].start, tokens[to - 1].end]}
      }
    }
  }
  return undefined
}

function checkSupport(file: VFile, sentence: SentenceAnalysis) {
  const {sentence: s, tokens, corpus} = sentence
  // A heading, or a fragment without words ("35.", "2677).") that no source sentence keeps either.
  if (s.heading || !/\p{L}{2}/u.test(s.text)) return
  const closest = sentence.alignments[0]
  const near = closest ? ` (closest: ${where(closest.source)})` : ''
  const facts = factsOf(sentence)
  // The sentence credits an outlet or person no source names ("…, notes CNN"): its figures come from
  // there, and the draft says so — information, as for a quote credited that way.
  const credited = facts.filter((f) => f.kind === 'name' && f.cited).map((f) => tokens.slice(f.from, f.to)).find((run) => run.some((t) => !knownName(corpus, t)))
  const creditedTo = credited ? String(file.value).slice(s.start + credited[0].start, s.start + credited[credited.length - 1].end) : undefined
  for (const fact of facts) {
    const run = tokens.slice(fact.from, fact.to)
    if (fact.kind === 'number') {
      const value = quantityValue(run)!
      const hedged = tokens.slice(Math.max(0, fact.from - 2), fact.from).some((t) => HEDGES.has(t.norm))
      if (corpus.hasValue(value, hedged ? HEDGE_TOLERANCE : 0)) continue
      // A numeral may also stand in a source alone ("2.5" of "$2.5m" written "2.5 million").
      if (run.every((t) => t.kind !== 'number' || corpus.hasValue(Number(t.norm)))) continue
      if (derived(value, sentence)) continue
      const start = s.start + run[0].start
      const end = s.start + run[run.length - 1].end
      report(file, {
        ruleId: 'unsupported-claim',
        start,
        end,
        reason: `\`${String(file.value).slice(start, end)}\` is in no source: no source states this number${creditedTo ? `; the draft credits ${creditedTo}, which no source names` : near}`,
        expected: [],
        // A year the sources do not give is usually background the writer knows; worth a look, not a warning.
        demote: isYear(value) || creditedTo !== undefined,
        evidence: closest ? [evidenceOf(closest.source)] : []
      })
      continue
    }
    // A spinner's rebuilt name is machine-paraphrase (paraphrase.ts), not a name the sources lack.
    if (rebuiltNames(sentence).some((r) => r.from < fact.to && fact.from < r.to)) continue
    // Report each unknown word of a name ("Chrylser" in "DaimlerChrylser"), adjacent ones together;
    // joiners ("of", "and") are never the unknown part.
    const known = (t: Token) => STOPWORDS.has(t.norm) || knownName(corpus, t)
    for (let i = 0; i < run.length; i++) {
      if (known(run[i])) continue
      let j = i
      while (j + 1 < run.length && !known(run[j + 1])) j++
      const start = s.start + run[i].start
      const end = s.start + run[j].end
      const actual = String(file.value).slice(start, end)
      // A word of its own ("Christmas", "Olympians") is no misspelling of a name that looks like it.
      const spelling = i === j && !isDateWord(run[i]) && !isLemma(run[i].norm) ? corpus.similarNames(run[i].norm) : []
      if (fact.cited && !spelling.length) {
        i = j
        continue
      }
      // A place no source names, in a sentence a source tells with another place in its stead ("divers from
      // Britain and Montenegro" / "from Britain and Norway"): the writer moved the event. A place that may
      // hold the source's ("Florida" for "Tampa") stays the writer's own knowledge.
      const moved = spelling.length ? undefined : displacedPlace(actual, sentence)
      if (moved) {
        report(file, {
          ruleId: 'contradicted-claim',
          start,
          end,
          reason: `Unexpected \`${actual}\`, expected \`${moved.place}\`: no source names ${actual}; the source tells this of ${moved.place} (${where(moved.alignment.source)})`,
          expected: [moved.place],
          // Less sure than a swap in place: the sentences may tell two events.
          demote: true,
          evidence: [evidenceOf(moved.alignment.source, [moved.mark])]
        })
        i = j
        continue
      }
      report(file, {
        ruleId: 'unsupported-claim',
        start,
        end,
        reason: spelling.length
          ? `Unexpected \`${actual}\`, expected \`${spelling[0]}\`: no source spells this name so; they have \`${spelling[0]}\``
          : `\`${actual}\` is in no source: no source names ${i === j && isPlaceName(run[i].value) ? 'this place' : 'it'}${near}`,
        expected: spelling.slice(0, 3),
        // A person, an outlet or a place no source mentions is often the writer's own knowledge ("a Florida
        // police chief" for a town the sources name): information. A near-miss of a source's spelling is a warning.
        demote: spelling.length === 0,
        evidence: closest ? [evidenceOf(closest.source)] : []
      })
      i = j
    }
  }
}
