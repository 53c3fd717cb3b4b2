// Per-draft analysis shared by the claims and paraphrase checks: for every draft sentence, the
// source sentences it aligns with and the classified edits between them. Computed once per check
// run (cached on the file) and per sentence text across runs (cached per corpus version), so a
// keystroke re-aligns only the sentences that changed.
import QuickLRU from 'quick-lru'
import type {Root} from 'nlcst'
import type {VFile} from 'vfile'
import {align, keyOf, type Alignment, type Edit} from './align.js'
import {byPlace} from './corpus/corpus.js'
import type {CorpusReader} from './corpus/reader.js'
import {touches} from './corpus/change.js'
import {draftOf, type Draft, type DraftSentence} from './draft.js'
import {extractQuotes, type QuoteSpan} from './quotes/extract.js'
import {antonyms, isLemma, isPlaceName, relation, separatePlaces, spinnerWordPairs} from './lexicon/index.js'
import {isContent, STOPWORDS, type Token} from './text/tokens.js'
import {quantityValue, SCALE_WORDS} from './text/quantities.js'
import {editDistance} from './text/spelling.js'
import lemmatizer from 'wink-lemmatizer'
export {quantityValue}

export type EditKind = 'quantity' | 'name' | 'negation' | 'certainty' | 'time' | 'split' | 'wording' | 'minor'

export interface ClassifiedEdit extends Edit {
  kind: EditKind
  alignment: Alignment
}

export interface SentenceAnalysis {
  sentence: DraftSentence
  /** Draft tokens of the sentence with offsets relative to the sentence start. */
  tokens: Token[]
  /** Alignments with at least one shared content word, best (highest coverage) first. */
  alignments: Alignment[]
  /** Share of the draft's content words found in any of the top alignments (condensed sentences). */
  unionCoverage: number
  /** Draft token indexes inside quotation marks (left to the quote checks). */
  quoted: Set<number>
  corpus: CorpusReader
  /** What the checks worked out for this sentence, kept while its text, quotation marks, heading and
   * the corpus stay the same: an edit elsewhere in the draft re-checks nothing here. */
  memo: Map<string, unknown>
  /** The person a pronoun subject here most likely stands for: the last one named in this sentence or the
   * two before it that the sources know (stem). */
  antecedent?: string
}

export interface DraftAnalysis {
  draft: Draft
  sentences: SentenceAnalysis[]
  quotes: QuoteSpan[]
}

/** Alignments worth reading facts from: most of the draft sentence is in the source sentence. */
export const GOOD_COVERAGE = 0.5
/** Headlines must be mostly verbatim before their edits mean anything. */
const HEADING_COVERAGE = 0.8
/** Share of all words in verbatim runs that marks a reworded copy of one source sentence. */
export const SKELETON_COVERAGE = 0.55
/** Share of content words verbatim or related (WordNet) that marks a word-by-word rewording. */
export const SOFT_COVERAGE = 0.7
/** An alignment needs at least this many shared words to read edits off it. */
const MIN_MATCHED = 3
const CANDIDATES = 8

declare module 'vfile' {
  interface DataMap {
    corroborateAnalysis: DraftAnalysis
  }
}

/** Alignments of this many sentence texts are kept per corpus: an editing session's drafts, not every
 * keystroke's version of every sentence forever. */
const SENTENCE_CACHE = 2_000
/** Candidates are looked up again when the corpus changes (a source saved may hold a better one), but an
 * alignment of a draft sentence with a source sentence never changes: source sentence ids are never
 * reused, so alignments are kept across corpus versions, keyed by both. */
const ALIGNMENT_CACHE = 40_000
const alignmentCache = new WeakMap<CorpusReader, {version: number; bySentence: QuickLRU<string, Alignment[]>; pairs: QuickLRU<string, Alignment>; memos: QuickLRU<string, Map<string, unknown>>}>()

export function analyze(tree: Root, file: VFile, corpus: CorpusReader): DraftAnalysis {
  const cached = file.data.corroborateAnalysis
  if (cached) return cached
  const draft = draftOf(tree, file)
  const quotes = extractQuotes(draft.text)
  let cache = alignmentCache.get(corpus)
  if (!cache) alignmentCache.set(corpus, (cache = {version: corpus.version, bySentence: new QuickLRU({maxSize: SENTENCE_CACHE}), pairs: new QuickLRU({maxSize: ALIGNMENT_CACHE}), memos: new QuickLRU({maxSize: SENTENCE_CACHE})}))
  if (cache.version !== corpus.version && corpus.additiveSince?.(cache.version)) {
    // Only answers that were missing came in (an archive's fetch): what was stored was final (see below).
    // The checks' memos may hold results worked out from missing answers: those go.
    cache = {...cache, version: corpus.version, memos: new QuickLRU({maxSize: SENTENCE_CACHE})}
  } else if (cache.version !== corpus.version) {
    // A source saved: what was worked out for a sentence that touches none of its words stays (its
    // candidates, and every fact the checks look up for its words, are as they were).
    const change = corpus.changesSince?.(cache.version)
    if (change) {
      for (const text of [...cache.bySentence.keys()]) if (touches(text, change, corpus)) cache.bySentence.delete(text)
      for (const key of [...cache.memos.keys()]) if (touches(key.slice(key.lastIndexOf('\u0000') + 1), change, corpus)) cache.memos.delete(key)
      cache = {...cache, version: corpus.version}
    } else cache = {...cache, version: corpus.version, bySentence: new QuickLRU({maxSize: SENTENCE_CACHE}), memos: new QuickLRU({maxSize: SENTENCE_CACHE})}
  }
  alignmentCache.set(corpus, cache)
  const pairs = cache.pairs
  const sentences: SentenceAnalysis[] = []
  // People named in the last sentences, for what a pronoun subject stands for.
  const named: Array<string | undefined> = []
  for (const sentence of draft.sentences) {
    if (sentence.boilerplate) continue
    const tokens = sentence.tokens.map((t) => ({...t, start: t.start - sentence.start, end: t.end - sentence.start}))
    let alignments = cache.bySentence.get(sentence.text)
    if (!alignments) {
      const misses = corpus.misses
      alignments = corpus
        .search(tokens, CANDIDATES)
        .map((hit) => {
          const key = `${hit.sentence.id}\u0000${sentence.text}`
          let alignment = pairs.get(key)
          if (!alignment) pairs.set(key, (alignment = align(tokens, hit.sentence, sentence.text)))
          return alignment
        })
        .filter((a) => a.coverage > 0)
        .sort((x, y) => y.coverage - x.coverage || y.sourceCoverage - x.sourceCoverage || byPlace(x.source, y.source))
      // Kept only when final: candidates found while the store lacked some of what they needed are not.
      if (corpus.misses === misses) cache.bySentence.set(sentence.text, alignments)
    }
    const quoted = new Set<number>()
    tokens.forEach((t, i) => {
      const at = sentence.start + t.start
      if (quotes.some((q) => at >= q.start && at < q.end)) quoted.add(i)
    })
    named.push(tokens.findLast((t, i) => i > 0 && CAPITAL.test(t.value) && corpus.isPerson(t.norm))?.stem)
    const antecedent = named.slice(-3).findLast(Boolean)
    const key = `${sentence.heading ? 'h' : ''}${[...quoted].join(',')}\u0000${antecedent ?? ''}\u0000${sentence.text}`
    let memo = cache.memos.get(key)
    if (!memo) cache.memos.set(key, (memo = new Map()))
    sentences.push({sentence, tokens, alignments, unionCoverage: unionCoverage(tokens, alignments.slice(0, 4), quoted, corpus), quoted, corpus, memo, antecedent})
  }
  const analysis = {draft, sentences, quotes}
  file.data.corroborateAnalysis = analysis
  return analysis
}

/** Share of the sentence's content (weighted by rarity, so story-wide names count for little)
 * found in any of the given source sentences. */
function unionCoverage(tokens: Token[], alignments: Alignment[], quoted: Set<number>, corpus: CorpusReader): number {
  let total = 0
  let found = 0
  tokens.forEach((t, i) => {
    if (!isContent(t) || quoted.has(i)) return
    const weight = corpus.idf(keyOf(t))
    total += weight
    if (alignments.some((a) => a.matched.has(i))) found += weight
  })
  return total ? found / total : 1
}

const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'him', 'her', 'them', 'his', 'hers', 'their', 'its', 'we', 'our', 'i'])
const REFUSALS = /^(refus|declin|fail)(e|es|ed|ing|s)?$/
const NEGATORS = new Set(['not', 'no', 'never', 'without', 'neither', 'nor', 'none', 'nobody', 'nothing', 'nowhere'])
const MONTHS_DAYS = /^(january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/

export function isDateWord(token: Token): boolean {
  return MONTHS_DAYS.test(token.norm)
}

export function isNumeric(token: Token): boolean {
  return token.kind === 'number' || /^\d/.test(keyOf(token)) || SCALE_WORDS.has(token.norm)
}

function sameQuantity(a: Token[], b: Token[]): boolean {
  const x = quantityValue(a)
  const y = quantityValue(b)
  return x !== undefined && y !== undefined && Math.abs(x - y) < 1e-9 * Math.max(1, Math.abs(x))
}

const CAPITAL = /^\p{Lu}/u
const COURTESY = /^(mr|mrs|ms|miss|mx|dr|prof|sir|dame|lord|lady|madam|mister)$/

/** A capitalised word that is not capitalised only because it starts the sentence. */
export function isName(token: Token, index: number): boolean {
  if (MONTHS_DAYS.test(token.norm)) return true
  return index > 0 && CAPITAL.test(token.value) && token.kind === 'word'
}

/** Closed-class opposites WordNet does not list (it covers content words: "rise"/"fall"). */
const OPPOSITES = new Set(['for|against', 'before|after', 'above|below', 'more|less', 'most|least', 'up|down', 'over|under',
  'increase|decrease', 'won|lost', 'win|lose', 'higher|lower', 'rose|fell', 'always|never', 'all|none', 'pro|anti', 'more|fewer',
  // Verbs that reverse an event, by lemma; WordNet lists few of these as antonyms.
  'launch|lose', 'back|oppose', 'support|oppose', 'attend|skip', 'clear|convict', 'acquit|convict', 'approve|reject', 'accept|reject',
  'gain|lose', 'rise|fall', 'rise|drop', 'rise|decline', 'increase|cut', 'raise|cut', 'raise|lower', 'boost|cut', 'open|close', 'buy|sell',
  'confirm|deny', 'allow|ban', 'allow|forbid', 'permit|ban', 'hire|fire', 'agree|refuse', 'succeed|fail', 'expand|shrink', 'welcome|criticise',
  'welcome|criticize', 'praise|criticise', 'praise|criticize', 'pass|reject', 'release|detain', 'arrive|depart', 'join|quit', 'join|leave',
  'enter|leave', 'start|end', 'begin|end', 'strengthen|weaken', 'profit|loss', 'surplus|deficit', 'win|lost', 'won|lose', 'live|die', 'survive|die',
  'include|exclude', 'add|remove', 'resume|suspend', 'lift|impose', 'ease|tighten', 'grant|deny', 'admit|deny', 'find|lose'])

/** Two words that say opposite things ("backed" / "opposed", "rise" / "fall"): by form, by verb lemma, or WordNet antonyms. */
export function opposite(a: string, b: string): boolean {
  if (OPPOSITES.has(`${a}|${b}`) || OPPOSITES.has(`${b}|${a}`)) return true
  const la = lemmatizer.verb(a)
  const lb = lemmatizer.verb(b)
  if (la !== lb && (OPPOSITES.has(`${la}|${lb}`) || OPPOSITES.has(`${lb}|${la}`))) return true
  return antonyms(a, b)
}

/** Negators in a run of tokens, counting split ones ("with out") too. */
function neg(ts: Token[]): number {
  let n = 0
  for (let i = 0; i < ts.length; i++) {
    if (NEGATORS.has(ts[i].norm)) n++
    // "refused to sign" denies the signing as surely as "did not sign".
    else if (REFUSALS.test(ts[i].norm) && ts[i + 1]?.norm === 'to') n++
    else if (i + 1 < ts.length && NEGATORS.has(ts[i].norm + ts[i + 1].norm)) {
      n++
      i++
    }
  }
  return n
}

/** Classify an edit by what it changes: facts (numbers, names, negation) go to the claims check,
 * wording to the paraphrase check; spacing and function-word changes are minor. */
export function classify(edit: Edit, alignment: Alignment, corpus?: CorpusReader): EditKind {
  const d = alignment.draft.slice(edit.dStart, edit.dEnd)
  const s = alignment.tokens.slice(edit.sStart, edit.sEnd)
  // "no people" for "three people", "none of the" for "all": a count turned into nothing denies the fact.
  if (existence(d, s) || existence(s, d)) return 'negation'
  // "will" where the source has "may", "could" or "might": the draft states as certain what the source
  // only allows.
  if (d.length === 1 && s.length === 1 && HEDGE_MODAL.test(s[0].norm) && CERTAIN_MODAL.test(d[0].norm)) return 'certainty'
  if (neg(d) !== neg(s)) {
    // A flip changes polarity and nothing else: apart from the negators, both sides say the same words
    // ("attended" / "did not attend", "signed" / "refused to sign"). "Was unable to" / "cannot" and
    // "not tolerated" / "unacceptable" say the same in other words; a rewrite holding a "not" is wording.
    // "has no plans to" for "will", "refused to" for "agreed to": the intention turned over.
    return polarityOnly(d, s) || intentionOnly(d, s) ? 'negation' : 'wording'
  }
  // Words only one side has are extra detail, not a contradiction (support is judged separately).
  if (!d.length || !s.length) return 'minor'
  // "next year" for "last year": the other side of now.
  if (d.length === 1 && s.length === 1 && RELATIVE_TIME.has(`${d[0].norm}|${s[0].norm}`) && TIME_UNIT.test(alignment.draft[edit.dEnd]?.norm ?? '') && alignment.draft[edit.dEnd]?.norm === alignment.tokens[edit.sEnd]?.norm) return 'time'
  // One word for its opposite ("voted for" / "voted against") flips the claim like a negation.
  if (d.length === 1 && s.length === 1 && opposite(d[0].norm, s[0].norm)) return 'negation'
  if (d.some(isNumeric) && s.some(isNumeric)) {
    // A number in another role is another fact: "by 50 cents" is not "from $2.25".
    if (d[0].kind === 'word' && s[0].kind === 'word' && !isNumeric(d[0]) && !isNumeric(s[0]) && d[0].norm !== s[0].norm) return 'minor'
    if (sameQuantity(d, s)) return 'minor'
    // The same fact with another number: each side is one exact quantity ("2 billion", "forty-nine"), of
    // the same unit. "2014, 1,000" / "2006, 300", "about half" / "120", "20%" / "857 million" are other facts.
    if (!d.every(isNumeric) || !s.every(isNumeric) || quantityValue(d) === undefined || quantityValue(s) === undefined) return 'wording'
    if (unitAfter(alignment.draft, edit.dEnd, alignment.sentenceText) !== unitAfter(alignment.tokens, edit.sEnd, alignment.source.text)) return 'wording'
    return 'quantity'
  }
  if (d.some(isNumeric) || s.some(isNumeric)) return 'wording'
  const named = (t: Token, i: number) => isName(t, i) && (isDateWord(t) || !STOPWORDS.has(t.norm))
  const dNames = d.filter((t, i) => named(t, edit.dStart + i))
  const sNames = s.filter((t, i) => named(t, edit.sStart + i))
  if (dNames.length && sNames.length) {
    if (sameEntity(dNames, sNames)) return 'minor'
    // "Mr Greenspan" / "Alan Greenspan": a courtesy title for a first name names the same person.
    if ([...d, ...s].some((t) => COURTESY.test(t.norm))) return 'minor'
    if (placeSwap(edit, alignment, corpus)) return 'name'
    // "Joined Countries" for "United Nations": a name rebuilt word by word from thesaurus neighbours is a
    // spinner's swap (wording), not another name.
    if (thesaurusName(...nameRunsAround(edit, alignment))) return 'wording'
    // A name for a name and nothing else ("Lund" for "Okafor"); a clause that holds a name is wording.
    if (dNames.length !== d.length || sNames.length !== s.length) return 'minor'
    // Parts of one name ("Frances Bean Cobain" called "Cobain" here and "Bean" there) are the same person.
    if (dNames.some((t) => alignment.tokens.some((x) => x.norm === t.norm)) || sNames.some((t) => alignment.draft.some((x) => x.norm === t.norm))) return 'minor'
    return personLike(edit, alignment, dNames, sNames, corpus) ? 'name' : 'minor'
  }
  // A name for a pronoun or a description ("Tileuberdi" for "he", "the region's" for "their") is a
  // writer's choice; a pronoun inside a reworded phrase ("its campaign against") is not.
  const onlyReferences = (ts: Token[]) => ts.some((t) => PRONOUNS.has(t.norm)) && ts.every((t) => PRONOUNS.has(t.norm) || /^(the|a|an)$/.test(t.norm))
  if (dNames.length || sNames.length || onlyReferences(d) || onlyReferences(s)) return 'minor'
  if (d.length && s.length && d.map((t) => t.norm).join('') === s.map((t) => t.norm).join('')) return 'split'
  if (!d.some(isContent) && !s.some(isContent)) return 'minor'
  if (!d.length || !s.length) return 'minor'
  return 'wording'
}

const NONE = /^(no|none|zero|nobody|neither)$/
const SOME = /^(all|both|every|each|many|most|some|several)$/

/** One side says nothing exists ("no", "none of the"), the other gives a count or a whole ("three", "all the"). */
function existence(a: Token[], b: Token[]): boolean {
  const core = (ts: Token[]) => ts.filter((t) => !/^(of|the|its|their)$/.test(t.norm))
  const x = core(a)
  const y = core(b)
  return x.length === 1 && NONE.test(x[0].norm) && y.length >= 1 && y.length <= 2 && (y.every(isNumeric) || (y.length === 1 && SOME.test(y[0].norm)) || y.every((t) => NUMBER_WORD.test(t.norm)))
}

const NUMBER_WORD = /^(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|dozens|hundreds|thousands|millions)$/

/** Capitalised words of equal number, each the same word or a thesaurus neighbour of its counterpart (WordNet
 * or a known spinner pair), not a spelt-out title ("Mister" for "Mr"). A place word counts only inside a
 * name the draft breaks, one the sources spell whole or with a word kept ("Occident German" for "West German"):
 * "Holland" alone for "Netherlands" is one place. */
export function thesaurusName(d: Token[], s: Token[]): boolean {
  if (d.length !== s.length) return false
  // A real name of its own ("United Kingdom" beside "United States") is no rebuilt one.
  if (d.length >= 2 && isLemma(d.map((t) => t.norm).join(' '))) return false
  const fixed = isLemma(s.map((t) => t.norm).join(' ')) || d.some((t, i) => t.norm === s[i].norm)
  let swapped = 0
  for (let i = 0; i < d.length; i++) {
    if (d[i].norm === s[i].norm) continue
    if (isDateWord(s[i]) || isDateWord(d[i]) || s[i].norm.length < 4 || d[i].norm.startsWith(s[i].norm) || s[i].norm.startsWith(d[i].norm)) return false
    if (!fixed && (isPlaceName(s[i].norm) || isPlaceName(d[i].norm))) return false
    if (!relation(d[i].norm, s[i].norm) && !spinnerWordPairs(d[i].norm, s[i].norm)) return false
    swapped++
  }
  return swapped > 0
}

const RELATIVE_TIME = new Set(['last|next', 'next|last', 'previous|next', 'next|previous', 'past|coming', 'coming|past', 'this|last', 'last|this', 'this|next', 'next|this'])
const TIME_UNIT = /^(year|month|week|weekend|season|decade|century|spring|summer|autumn|fall|winter|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|night|term|quarter)$/
const HEDGE_MODAL = /^(may|might|could)$/
const CERTAIN_MODAL = /^(will|would|shall|must)$/
/** Words that state an intention or expectation ("will", "plans to", "agreed to", "is expected to"). */
const INTENT = /^(will|shall|would|plan|plans|planned|planning|intend|intends|intended|intention|expect|expects|expected|set|going|agree|agrees|agreed|aim|aims|aimed|has|have|had|is|are|was|were|be|to|of|any)$/

/** Apart from negators, refusals and words of intention, neither side says anything: "has no plans to" /
 * "will", "refused to" / "agreed to", "is not expected to" / "is set to". */
function intentionOnly(d: Token[], s: Token[]): boolean {
  const rest = (ts: Token[]) => ts.filter((t, i) => !NEGATORS.has(t.norm) && !INTENT.test(t.norm) && !(REFUSALS.test(t.norm) && ts[i + 1]?.norm === 'to'))
  return rest(d).length === 0 && rest(s).length === 0 && [...d, ...s].some((t) => INTENT.test(t.norm) && !/^(to|of|be|is|are|was|were|has|have|had|any)$/.test(t.norm))
}

/** A name of the draft rebuilt from thesaurus neighbours of a name in a source sentence the draft sentence
 * draws on, however reworded the rest ("the Global Wellness Organisation" for "the World Health
 * Organization"): two or more capitalised words, one of them a word no source has. */
export interface RebuiltName {
  /** Draft token range [from, to). */
  from: number
  to: number
  alignment: Alignment
  /** Source token range [from, to). */
  sFrom: number
  sTo: number
}

export function rebuiltNames(analysis: SentenceAnalysis): RebuiltName[] {
  const cached = analysis.memo.get('rebuiltNames') as RebuiltName[] | undefined
  if (cached) return cached
  const out: RebuiltName[] = []
  analysis.memo.set('rebuiltNames', out)
  for (const run of capitalRuns(analysis.tokens, analysis.quoted)) {
    const words = analysis.tokens.slice(run[0], run[1])
    if (words.every((t) => analysis.corpus.hasStem(t.stem))) continue
    found: for (const alignment of analysis.alignments) {
      for (const [from, to] of capitalRuns(alignment.tokens, new Set())) {
        if (to - from === words.length && thesaurusName(words, alignment.tokens.slice(from, to))) {
          out.push({from: run[0], to: run[1], alignment, sFrom: from, sTo: to})
          break found
        }
      }
    }
  }
  return out
}

/** Runs of two or more capitalised words outside quotes, without a leading or trailing function word ("The"). */
function capitalRuns(tokens: Token[], quoted: Set<number>): Array<[number, number]> {
  const runs: Array<[number, number]> = []
  for (let [a, b] of adjacentRuns(tokens, (t, i) => t.kind === 'word' && CAPITAL.test(t.value) && !quoted.has(i))) {
    while (a < b && STOPWORDS.has(tokens[a].norm)) a++
    while (b > a && STOPWORDS.has(tokens[b - 1].norm)) b--
    if (b - a >= 2) runs.push([a, b])
  }
  return runs
}

/** Maximal runs [from, to) of tokens that pass `test` and follow each other with at most one character
 * between ("New York", not "York, Britain"). */
export function adjacentRuns(tokens: Token[], test: (t: Token, i: number) => boolean): Array<[number, number]> {
  const runs: Array<[number, number]> = []
  for (let i = 0; i < tokens.length; i++) {
    if (!test(tokens[i], i)) continue
    let j = i + 1
    while (j < tokens.length && test(tokens[j], j) && tokens[j].start - tokens[j - 1].end <= 1) j++
    runs.push([i, j])
    i = j - 1
  }
  return runs
}

/** The capitalised runs an edit sits in, on each side, grown by the same words on both ("West" in "West German"). */
export function nameRunsAround(edit: Edit, alignment: Alignment): [Token[], Token[]] {
  const {draft, tokens} = alignment
  const caps = (t?: Token) => Boolean(t && t.kind === 'word' && CAPITAL.test(t.value))
  let [dStart, dEnd, sStart, sEnd] = [edit.dStart, edit.dEnd, edit.sStart, edit.sEnd]
  while (dStart > 0 && sStart > 0 && caps(draft[dStart - 1]) && draft[dStart - 1].norm === tokens[sStart - 1].norm) dStart--, sStart--
  while (dEnd < draft.length && sEnd < tokens.length && caps(draft[dEnd]) && draft[dEnd].norm === tokens[sEnd].norm) dEnd++, sEnd++
  return [draft.slice(dStart, dEnd), tokens.slice(sStart, sEnd)]
}

/** Words a polarity flip may add besides the negator ("not yet determined", "never even met"). */
const FLIP_FILLERS = new Set(['yet', 'ever', 'still', 'even', 'really', 'always', 'actually', 'entirely', 'fully', 'at', 'all'])

const FLIP_FRAME = new Set(['said', 'says', 'told', 'he', 'she', 'they', 'it', 'we', 'i', 'would', 'will', 'did', 'do', 'does', 'to', 'has', 'have', 'had', 'was', 'were', 'is', 'are', 'be'])

/** Apart from negators, refusals and fillers, both sides hold the same content stems. */
function polarityOnly(d: Token[], s: Token[]): boolean {
  const rest = (ts: Token[]) => ts.filter((t, i) => isContent(t) && !NEGATORS.has(t.norm) && !FLIP_FILLERS.has(t.norm) && !(REFUSALS.test(t.norm) && ts[i + 1]?.norm === 'to')).map((t) => t.stem).sort().join(' ')
  const a = rest(d)
  const b = rest(s)
  if (a !== b) return false
  if (a !== '') return true
  // No content word either side: a bare negator put in or taken out ("would not appeal" / "would appeal")
  // flips; "must" / "could not" says the same in other words.
  // Reporting and auxiliary words around the negator ("said she would not", "refused to") go with it.
  const others = (ts: Token[]) => ts.filter((t, i) => !NEGATORS.has(t.norm) && !FLIP_FILLERS.has(t.norm) && !FLIP_FRAME.has(t.norm) && !(REFUSALS.test(t.norm) && ts[i + 1]?.norm === 'to')).map((t) => t.norm).join(' ')
  return others(d) === others(s)
}

/** The unit a number counts: the next word, or "%" written right after it. */
function unitAfter(tokens: Token[], end: number, text: string | undefined): string {
  const last = tokens[end - 1]
  if (text !== undefined && last && /^\s?%/.test(text.slice(last.end, last.end + 2))) return 'percent'
  const next = tokens[end]
  if (!next) return ''
  return next.norm === 'per' && tokens[end + 1]?.norm === 'cent' ? 'percent' : next.stem
}

/** One place named for another it cannot be ("Italy" for "Hungary"; "Texas" for "Houston" may be the writer's
 * choice): each side a whole place name standing alone (not part of a longer name, "Houston Rockets"), and
 * no person of the sources goes by either. */
export function placeSwap(edit: Edit, alignment: Alignment, corpus?: CorpusReader): boolean {
  const alone = (ts: Token[], from: number, to: number) => {
    const before = ts[from - 1]
    const after = ts[to]
    return !(before && isName(before, from - 1) && ts[from].start - before.end <= 1) && !(after && isName(after, to) && after.start - ts[to - 1].end <= 1)
  }
  const d = alignment.draft.slice(edit.dStart, edit.dEnd)
  const s = alignment.tokens.slice(edit.sStart, edit.sEnd)
  if (!d.length || !s.length || d.length > 3 || s.length > 3) return false
  if (!alone(alignment.draft, edit.dStart, edit.dEnd) || !alone(alignment.tokens, edit.sStart, edit.sEnd)) return false
  // A one-word place may be someone's name ("Houston"); "The Hague" is a place whoever is called Hague.
  if (corpus && [d, s].some((ts) => ts.length === 1 && corpus.isPerson(ts[0].norm))) return false
  // "The Hague" is a lemma as a whole; "the Netherlands" also without its article. Possessives are dropped
  // ("Brazil's").
  const name = (ts: Token[]) => ts.map((t) => t.norm).join(' ')
  const bare = (ts: Token[]) => (ts.length > 1 && ts[0].norm === 'the' ? name(ts.slice(1)) : name(ts))
  return [name(d), bare(d)].some((a) => [name(s), bare(s)].some((b) => separatePlaces(a, b)))
}

/** A swapped name is a claim about who or when only when it reads as a person's name or a date:
 * after a title or first name ("Minister Sergei Lavrov"), two capitalised words, or a day/month.
 * A lone place name is often metonymy a writer may choose ("Washington" for "the U.S."). */
function personLike(edit: Edit, alignment: Alignment, dNames: Token[], sNames: Token[], corpus?: CorpusReader): boolean {
  // The edit must be a name for a name, not a rewritten clause that happens to hold one.
  const others = (ts: Token[], names: Token[]) => ts.filter((t) => isContent(t) && !names.includes(t)).length
  if (others(alignment.draft.slice(edit.dStart, edit.dEnd), dNames) > 1) return false
  if (others(alignment.tokens.slice(edit.sStart, edit.sEnd), sNames) > 1) return false
  const dates = (ts: Token[]) => ts.some((t) => MONTHS_DAYS.test(t.norm))
  if (dates(dNames) && dates(sNames)) return true
  if (dates(dNames) || dates(sNames)) return false
  // Full name for full name ("Derek Lund" for "Maria Okafor"); one side alone may be a place ("Central Asia").
  if (dNames.length >= 2 && sNames.length >= 2) return true
  // Two people the sources name ("Lund said" for "Okafor said").
  if (corpus && dNames.some((t) => corpus.isPerson(t.norm)) && sNames.some((t) => corpus.isPerson(t.norm))) return true
  if (corpus && unknownNameSwap(edit, alignment, corpus)) return true
  // A title or first name right before, or a surname right after, in the same name (no comma between).
  const d = alignment.draft
  const joined = (a: Token, b: Token) => b.start - a.end <= 1
  const before = d[edit.dStart - 1]
  const after = d[edit.dEnd]
  return Boolean(
    (before && isName(before, edit.dStart - 1) && edit.leftAnchor > 0 && joined(before, d[edit.dStart])) ||
    (after && isName(after, edit.dEnd) && edit.rightAnchor > 0 && joined(d[edit.dEnd - 1], after))
  )
}

/** A name no source has, put in the very slot of a source's name and nothing else changed around it ("areas
 * of the Blackburn, Byelorussia and Russia" for "of the Ukraine, …"): the writer changed the name. A name the
 * sources do know may be another way to call the same thing ("the Kremlin" for "Moscow"). */
export function unknownNameSwap(edit: Edit, alignment: Alignment, corpus: CorpusReader): boolean {
  const d = alignment.draft.slice(edit.dStart, edit.dEnd)
  const s = alignment.tokens.slice(edit.sStart, edit.sEnd)
  if (!d.length || !s.length || d.length > 3 || s.length > 3 || edit.leftAnchor < 1 || edit.rightAnchor < 1) return false
  if (!d.every((t, i) => isName(t, edit.dStart + i)) || !s.every((t, i) => isName(t, edit.sStart + i))) return false
  if (d.some((t) => isDateWord(t)) || s.some((t) => isDateWord(t))) return false
  // A known place may hold the source's ("Florida" for "Tampa"): placeSwap decides those, unless WordNet knows
  // the source's name as something else than a place.
  const key = (ts: Token[]) => ts.map((t) => t.norm).join('_')
  if (isPlaceName(key(d)) && (isPlaceName(key(s)) || !isLemma(key(s)))) return false
  return d.every((t) => !corpus.hasStem(t.stem) && !corpus.hasNameLike(t.norm))
}

/** Names that refer to the same thing: transliterations ("Sergei"/"Sergey"), typos, demonyms and
 * short forms ("Kazakh"/"Kazakhstan"). */
export function sameEntity(a: Token[], b: Token[]): boolean {
  return a.some((x) => b.some((y) => similarName(x.norm, y.norm)))
}

export function similarName(a: string, b: string): boolean {
  if (a === b) return true
  const [short, long] = a.length <= b.length ? [a, b] : [b, a]
  if (short.length >= 4 && long.startsWith(short.slice(0, Math.max(4, short.length - 1)))) return true
  return long.length >= 5 && editDistance(a, b) <= (long.length >= 8 ? 2 : 1)
}

/** The edits of a sentence's good alignments that are well anchored, classified; edits touching
 * quoted words are left out (the quote checks own them). */

export function factEdits(analysis: SentenceAnalysis): ClassifiedEdit[] {
  const {corpus} = analysis
  const cached = analysis.memo.get('factEdits') as ClassifiedEdit[] | undefined
  if (cached) return cached
  const out: ClassifiedEdit[] = []
  analysis.memo.set('factEdits', out)
  // Headlines are short: a few shared words make a weak alignment, so they need more of it.
  const needed = analysis.sentence.heading ? HEADING_COVERAGE : GOOD_COVERAGE
  for (const alignment of analysis.alignments) {
    // Either most content words are verbatim, or (a spinner's copy) most of the sentence's skeleton is.
    const good = alignment.coverage >= needed || (!analysis.sentence.heading && (alignment.tokenCoverage >= SKELETON_COVERAGE || softCoverage(alignment) >= SOFT_COVERAGE || clauseCopy(alignment)))
    if (!good || alignment.matched.size < MIN_MATCHED) continue
    // Sharing only the story's recurring names ("Halvorsen", "plant") is not saying the same thing.
    if (weightedCoverage(alignment, analysis) < GOOD_COVERAGE && alignment.tokenCoverage < SKELETON_COVERAGE && !clauseCopy(alignment)) continue
    for (const edit of alignment.edits) {
      if (edit.dEnd - edit.dStart > 5 || edit.sEnd - edit.sStart > 5) continue
      if (!wellAnchored(edit, alignment)) continue
      if (touchesQuote(edit, analysis.quoted)) continue
      out.push({...edit, kind: classify(edit, alignment, corpus), alignment})
    }
  }
  return out
}

/** Content words found verbatim or as a WordNet relative of a source word in the same gap: how a
 * sentence reworded word by word still reads as a copy of its source ("families close to the
 * website" for "households near the site"). */
export function softCoverage(alignment: Alignment): number {
  const cached = softCache.get(alignment)
  if (cached !== undefined) return cached
  const content = alignment.draft.filter(isContent).length || 1
  let found = [...alignment.matched.keys()].filter((i) => isContent(alignment.draft[i])).length
  for (const edit of alignment.edits) {
    const source = alignment.tokens.slice(edit.sStart, edit.sEnd).filter(isContent)
    for (const t of alignment.draft.slice(edit.dStart, edit.dEnd)) {
      if (isContent(t) && source.some((s) => relation(t.norm, s.norm))) found++
    }
  }
  const value = found / content
  softCache.set(alignment, value)
  return value
}

const softCache = new WeakMap<Alignment, number>()

/** A sentence merged from two source sentences copies each in one clause: between the first and
 * last words it shares with this source (at least eight words), most words are verbatim or related. */
export function clauseCopy(alignment: Alignment): boolean {
  if (!alignment.tiles.length) return false
  const from = alignment.tiles[0].d
  const last = alignment.tiles[alignment.tiles.length - 1]
  const to = last.d + last.length
  if (to - from < 8) return false
  let found = 0
  for (let i = from; i < to; i++) if (alignment.matched.has(i)) found++
  for (const edit of alignment.edits) {
    const source = alignment.tokens.slice(edit.sStart, edit.sEnd).filter(isContent)
    for (let i = Math.max(edit.dStart, from); i < Math.min(edit.dEnd, to); i++) {
      const t = alignment.draft[i]
      if (isContent(t) && source.some((x) => relation(t.norm, x.norm))) found++
    }
  }
  return found / (to - from) >= SKELETON_COVERAGE
}

/** Share of the draft sentence's content, weighted by rarity, that this alignment finds. */
function weightedCoverage(alignment: Alignment, analysis: SentenceAnalysis): number {
  let total = 0
  let found = 0
  alignment.draft.forEach((t, i) => {
    if (!isContent(t) || analysis.quoted.has(i)) return
    const weight = analysis.corpus.idf(keyOf(t))
    total += weight
    if (alignment.matched.has(i)) found += weight
  })
  return total ? found / total : 0
}

/** Verbatim words on both sides (or two on one side), so the edit is a change in place, not a
 * coincidence; at a sentence edge of a near-verbatim copy, one word is enough ("by 7 to 2."). */
export function wellAnchored(edit: Edit, alignment: Alignment): boolean {
  if (edit.leftAnchor + edit.rightAnchor >= 2) return true
  const atEdge = edit.dEnd === alignment.draft.length || edit.dStart === 0
  return atEdge && edit.leftAnchor + edit.rightAnchor === 1 && alignment.coverage >= 0.7
}

function touchesQuote(edit: Edit, quoted: Set<number>): boolean {
  for (let i = edit.dStart - 1; i <= edit.dEnd; i++) if (quoted.has(i)) return true
  return false
}
