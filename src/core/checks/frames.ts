// Meaning-level contradictions: the draft and a source sentence it draws on tell the same event (the same
// or an opposite verb, most of the same participants) but one slot differs — its polarity ("was dropped" /
// "was not dropped", "no one was hurt" / "two people were hurt"), the verb itself ("backed" / "opposed"),
// its certainty ("may close" / "will close", "will meet" / "has no plans to meet"), who did it to whom, when
// (weekday, month, season) or where. Word-level edits (claims.ts) need the sentence copied nearly verbatim;
// frames (frames/frames.ts) compare clause by clause, so a reworded or condensed sentence is read too.
//
// Options: {corpus} (required).
import type {Root} from 'nlcst'
import type {VFile} from 'vfile'
import type {Alignment} from '../align.js'
import {analyze, opposite, type SentenceAnalysis} from '../analysis.js'
import {framesOf, isPersonTag, isSymmetric, isPlace, lemmaOf, timeClass, type Frame, type Tagged} from '../frames/frames.js'
import {relation} from '../lexicon/index.js'
import {evidenceOf, report, where} from '../report.js'
import type {Token} from '../text/tokens.js'
import type {SourceSentence} from '../corpus/corpus.js'
import type {CheckPluginOptions} from './index.js'

/** Source sentences compared per draft sentence: the best-aligned few. */
const CANDIDATES = 4
/** Participants two frames must share to be the same event: content words of the clause around the verb. */
const MIN_SHARED = 2
/** Share of the draft frame's participants the source frame must have. */
const MIN_SHARED_SHARE = 0.5

const LIGHT = /^(be|have|take|make|get|give|do|go|come|put|set|keep|hold|see|become|remain|seem|look)$/

type Slot = 'negation' | 'verb' | 'certainty' | 'roles' | 'time' | 'place'

interface Conflict {
  slot: Slot
  /** Draft and source token ranges [from, to) of the differing words. */
  draft: [number, number]
  source: [number, number]
  /** Less certain: shown a severity lower. */
  soft?: boolean
}

export default function retextFrames(options: CheckPluginOptions) {
  const {corpus} = options
  return (tree: Root, file: VFile) => {
    const analysis = analyze(tree, file, corpus)
    for (const sentence of analysis.sentences) checkSentence(file, sentence)
  }
}

function checkSentence(file: VFile, sentence: SentenceAnalysis) {
  let found = sentence.memo.get('frames') as Found[] | undefined
  if (!found) sentence.memo.set('frames', (found = conflictsOf(sentence)))
  for (const {conflict, alignment} of found) {
    const tokens = sentence.tokens
    const start = sentence.sentence.start + tokens[conflict.draft[0]].start
    const end = sentence.sentence.start + tokens[conflict.draft[1] - 1].end
    // A word-level check already said it.
    if (file.messages.some((m) => m.ruleId === 'contradicted-claim' && overlaps(m, start, end))) continue
    const st = alignment.tokens
    const sourceText = alignment.source.text.slice(st[conflict.source[0]].start, st[conflict.source[1] - 1].end)
    const actual = String(file.value).slice(start, end)
    report(file, {
      ruleId: 'contradicted-claim',
      start,
      end,
      demote: conflict.soft,
      reason: `${REASONS[conflict.slot]}: \`${actual}\` where ${where(alignment.source)} says \`${sourceText}\``,
      expected: conflict.slot === 'roles' ? [] : [sourceText],
      evidence: [evidenceOf(alignment.source, [[st[conflict.source[0]].start, st[conflict.source[1] - 1].end]])]
    })
  }
}

interface Found {
  conflict: Conflict
  alignment: Alignment
}

/** The sentence's claims that a source sentence telling the same event contradicts, one per place. */
function conflictsOf(sentence: SentenceAnalysis): Found[] {
  if (sentence.sentence.heading || sentence.sentence.text.includes('?')) return []
  const alignments = sentence.alignments.slice(0, CANDIDATES).filter((a) => a.matched.size >= 3)
  if (!alignments.length) return []
  // A sentence a source holds word for word is that source's claim: each of its frames is the source's own
  // (supported), and another source telling it otherwise is the sources varying. Nothing to tag.
  if (alignments.some((a) => a.source.text === sentence.sentence.text)) return []
  const draft = framesOf(sentence.sentence.text, sentence.tokens)
  const claims = draft.frames.filter((frame) => !frame.reporting && !frame.embedded && !touchesQuote(frame, sentence.quoted))
  // Tagging a source sentence is the costly step: only those that could hold the same event as a claim are
  // tagged — a word that may be its verb (the same word, a synonym or an opposite) and enough of its
  // participants somewhere in the sentence (samePredicate counts them in windows, which the sentence holds;
  // one more may come from a pronoun's antecedent).
  const worth = alignments.filter((a) => {
    const stems = new Set(a.tokens.map((t) => t.stem))
    return claims.some((f) => {
      const words = new Set(participantStems(draft, f))
      let present = 1
      for (const w of words) if (stems.has(w)) present++
      return enoughShared(present, words.size + (sentence.antecedent ? 1 : 0), LIGHT.test(f.lemma)) && a.tokens.some((t) => mayBeVerbOf(draft.tokens[f.verb], f.lemma, t))
    })
  })
  const reported = new Set<number>()
  const out: Found[] = []
  const draftAntecedent = sentence.antecedent
  for (const frame of claims) {
    let found: Found | undefined
    let supported = false
    for (const alignment of worth) {
      const source = framesOf(alignment.source.text, alignment.tokens)
      for (const other of source.frames) {
        if (other.reporting || other.embedded) continue
        const pair = samePredicate(draft, frame, source, other, {draft: () => draftAntecedent, source: () => antecedentIn(alignment.source, other, source)})
        if (!pair) continue
        const conflict = compare(draft, frame, source, other, pair)
        if (!conflict) supported = true
        else if (!found) found = {conflict, alignment}
      }
    }
    // Another source sentence telling the same event as the draft does: the sources vary, not the draft.
    if (!found || supported || reported.has(found.conflict.draft[0])) continue
    reported.add(found.conflict.draft[0])
    out.push(found)
  }
  return out
}

const REASONS: Record<Slot, string> = {
  negation: 'The source says the opposite',
  verb: 'The source states the opposite event',
  certainty: 'The source is less certain',
  roles: 'The source has the roles the other way round',
  time: 'The source gives another time',
  place: 'The source gives another place'
}

/** Could this source word head a frame telling the draft verb's event (same word, synonym, opposite)? */
function mayBeVerbOf(verb: Token, lemma: string, t: Token): boolean {
  if (t.kind !== 'word' || t.norm.length < 2) return false
  if (t.stem === verb.stem || lemmaOf(t) === lemma || opposite(verb.norm, t.norm)) return true
  const r = relation(verb.norm, t.norm)?.kind
  return r === 'synonym' || r === 'morph'
}

const PRONOUNS = /^(he|she|they|it)$/

/** The frame's subject is a pronoun: one of the few words before its predicate. */
function pronounSubject(t: Tagged, f: Frame): boolean {
  for (let i = f.from - 1; i >= Math.max(0, f.from - 3); i--) if (PRONOUNS.test(t.tokens[i].norm)) return true
  return false
}

/** The person a source frame's pronoun subject most likely stands for: the last person (by the tagger)
 * named before it in its sentence, or in the two sentences before (stem of the name). */
function antecedentIn(sentence: SourceSentence, frame: Frame, tagged: Tagged): string | undefined {
  const person = (t: Tagged, to: number) => {
    // The tagger names few unknown surnames as people ("Sizemore" is a proper noun): a capitalised proper
    // noun inside the sentence that is no place, organisation or date counts too.
    for (let i = to - 1; i > 0; i--) {
      const g = t.tags[i]
      const proper = isPersonTag(g) || (g.has('ProperNoun') && !g.has('Place') && !g.has('Organization') && !g.has('Date') && !timeClass(t.tokens[i], g))
      if (proper && /^\p{Lu}/u.test(t.tokens[i].value)) return t.tokens[i].stem
    }
    return undefined
  }
  const here = person(tagged, frame.from)
  if (here) return here
  const all = sentence.source.sentences
  const at = all.indexOf(sentence)
  for (let k = at - 1; k >= Math.max(0, at - 2); k--) {
    const before = framesOf(all[k].text, all[k].tokens)
    const found = person(before, before.tokens.length)
    if (found) return found
  }
  return undefined
}

/** Two frames share enough participants to tell one event: a few, and half of the draft frame's (a copula
 * says little by itself: three). */
function enoughShared(shared: number, of: number, copula: boolean): boolean {
  return shared >= (copula ? 3 : MIN_SHARED) && shared / Math.max(1, of) >= MIN_SHARED_SHARE
}

/** The content words of a draft frame's clause that a source frame of the same event should share. */
function participantStems(d: Tagged, a: Frame): string[] {
  return [...a.before.slice(-6), ...a.after.slice(0, 8)].map((i) => d.tokens[i].stem)
}

/** Do two frames tell the same event? Same verb (by lemma or WordNet synonym) or an opposite one, and most of
 * the same participants. Returns whether the verbs are opposites. */
function samePredicate(d: Tagged, a: Frame, s: Tagged, b: Frame, antecedents: {draft?: () => string | undefined; source?: () => string | undefined} = {}): {opposite: boolean} | undefined {
  const dv = d.tokens[a.verb]
  const sv = s.tokens[b.verb]
  const same = a.lemma === b.lemma || dv.stem === sv.stem || relation(dv.norm, sv.norm)?.kind === 'synonym' || relation(dv.norm, sv.norm)?.kind === 'morph'
  // An opposite verb the draft also states ("reject …, accepting instead") is no reversal.
  const reversed = !same && opposite(dv.norm, sv.norm) && !d.tokens.some((t) => t.stem === sv.stem) && !s.tokens.some((t) => t.stem === dv.stem)
  if (!same && !reversed) return undefined
  // Copulas and light verbs ("is", "take", "have") say little by themselves: what follows them must be the
  // same word ("was successful" / "was critical" are two claims, "take long" / "take questions" two events).
  if (LIGHT.test(a.lemma) || LIGHT.test(b.lemma)) {
    const head = (t: Tagged, f: Frame) => t.tokens[f.after[0]]?.stem
    if (!head(d, a) || head(d, a) !== head(s, b) || d.tokens[a.after[0]].start - d.tokens[a.verb].end > 12) return undefined
  }
  const copula = LIGHT.test(a.lemma)
  // A pronoun subject stands for the person last named before it ("he was dropped" after "Sizemore …").
  const resolved = (t: Tagged, f: Frame, find?: () => string | undefined) => {
    const name = pronounSubject(t, f) ? find?.() : undefined
    return name ? [name] : []
  }
  const dWords = participantStems(d, a).concat(resolved(d, a, antecedents.draft))
  const sWords = new Set([...b.before.slice(-8), ...b.after.slice(0, 10)].map((i) => s.tokens[i].stem).concat(resolved(s, b, antecedents.source)))
  const shared = new Set(dWords.filter((w) => sWords.has(w))).size
  if (!enoughShared(shared, new Set(dWords).size, copula)) return undefined
  return {opposite: reversed}
}

function compare(d: Tagged, a: Frame, s: Tagged, b: Frame, pair: {opposite: boolean}): Conflict | undefined {
  const span = (f: Frame): [number, number] => [f.from, f.to]
  // A negation elsewhere around either predicate ("set out to prove it didn't exist") can turn the claim
  // over again: polarity is compared only where each side has no other negator.
  const otherNegation = (t: Tagged, f: Frame) => [...range(Math.max(0, f.from - 6), f.from), ...range(f.to, Math.min(t.tokens.length, f.to + 12))].some((i) => NEGATORS.test(t.tokens[i].norm))
  if (pair.opposite) return a.negated === b.negated && !otherNegation(d, a) && !otherNegation(s, b) ? {slot: 'verb', draft: span(a), source: span(b)} : undefined
  if (a.negated !== b.negated) return otherNegation(d, a) || otherNegation(s, b) ? undefined : {slot: 'negation', draft: span(a), source: span(b)}
  // The draft more certain than its source ("will close" for "may close"); less certain is a safe hedge.
  // Only for the same verb with a subject before it: "Exacerbated shortages" is no claim of certainty.
  if (b.mode === 'possible' && a.mode !== 'possible' && a.lemma === b.lemma && a.before.length > 0) return {slot: 'certainty', draft: span(a), source: span(b), soft: true}
  return roles(d, a, s, b) ?? slotChange(d, a, s, b, 'time') ?? slotChange(d, a, s, b, 'place')
}

/** Who did it to whom: a person before the verb in one and after it in the other, and the other way round
 * (a passive on one side only turns its sides over). */
function roles(d: Tagged, a: Frame, s: Tagged, b: Frame): Conflict | undefined {
  if (isSymmetric(a.lemma) || isSymmetric(b.lemma)) return undefined
  const people = (t: Tagged, idx: number[]) => idx.filter((i) => isPersonTag(t.tags[i]) && /^\p{Lu}/u.test(t.tokens[i].value))
  const flip = a.passive !== b.passive
  const dBefore = people(d, a.before)
  const dAfter = people(d, a.after.slice(0, 8))
  const sBefore = people(s, flip ? b.after.slice(0, 8) : b.before)
  const sAfter = people(s, flip ? b.before : b.after.slice(0, 8))
  const norm = (t: Tagged, i: number) => t.tokens[i].norm
  const x = dBefore.find((i) => sAfter.some((j) => norm(s, j) === norm(d, i)) && !sBefore.some((j) => norm(s, j) === norm(d, i)))
  const y = dAfter.find((i) => sBefore.some((j) => norm(s, j) === norm(d, i)) && !sAfter.some((j) => norm(s, j) === norm(d, i)))
  if (x === undefined || y === undefined) return undefined
  return {slot: 'roles', draft: [Math.min(x, a.from), Math.max(y, a.to) + 1], source: [Math.min(b.from, ...sBefore), Math.max(b.to, ...sAfter) + 1]}
}

/** A time or place in the draft's clause where the source's clause has another of the same kind, and the
 * draft's is nowhere in the source sentence. */
function slotChange(d: Tagged, a: Frame, s: Tagged, b: Frame, kind: 'time' | 'place'): Conflict | undefined {
  const classOf = (t: Tagged, i: number) => (kind === 'time' ? timeClass(t.tokens[i], t.tags[i]) : isPlace(t.tokens[i], t.tags[i]) ? 'place' : undefined)
  const window = (f: Frame) => [...f.before.slice(-4), ...f.after.slice(0, 8)]
  const slots = (t: Tagged, f: Frame) => window(f).filter((i) => classOf(t, i) && !(i > 0 && classOf(t, i - 1) === classOf(t, i)))
  const dSlots = slots(d, a)
  const sSlots = slots(s, b)
  // One of the kind on each side: a list ("flooding in China" / "drought in Kenya and Tanzania") is no slot.
  if (dSlots.length !== 1 || sSlots.length !== 1) return undefined
  for (const i of dSlots) {
    const c = classOf(d, i)
    const token = d.tokens[i]
    if (s.tokens.some((t) => t.norm === token.norm || sameNameStart(t, token))) continue
    const j = sSlots.find((k) => classOf(s, k) === c && !d.tokens.some((t) => t.norm === s.tokens[k].norm || sameNameStart(t, s.tokens[k])))
    if (j === undefined) continue
    // A place is the same slot only after the same words ("production in California" / "production in
    // Glasgow"): "near San Diego" and "of Garden Grove" say different things about different places.
    if (kind === 'place' && (i < 2 || j < 2 || !PLACE_PREPOSITIONS.test(d.tokens[i - 1].norm) || d.tokens[i - 1].norm !== s.tokens[j - 1].norm || d.tokens[i - 2].stem !== s.tokens[j - 2].stem)) continue
    return {slot: kind, draft: [i, nameEnd(d.tokens, i)], source: [j, nameEnd(s.tokens, j)]}
  }
  return undefined
}

/** "Kenya" and "Kenyan" name one place. */
function sameNameStart(a: Token, b: Token): boolean {
  const n = Math.min(a.norm.length, b.norm.length)
  return n >= 4 && a.norm.slice(0, Math.max(4, n - 1)) === b.norm.slice(0, Math.max(4, n - 1))
}

/** A multi-word name ("New Zealand") runs over the capitalised words that follow. */
function nameEnd(tokens: Token[], i: number): number {
  let j = i + 1
  while (j < tokens.length && /^\p{Lu}/u.test(tokens[j].value) && tokens[j].start - tokens[j - 1].end <= 1) j++
  return j
}

const PLACE_PREPOSITIONS = /^(in|at|from|to|near|outside|inside|across|into|toward|towards)$/
const NEGATORS = /^(not|never|no|none|nobody|nothing|neither|nor|without)$/
const range = (from: number, to: number) => Array.from({length: Math.max(0, to - from)}, (_, k) => from + k)

function touchesQuote(frame: Frame, quoted: Set<number>): boolean {
  for (let i = frame.from - 1; i <= frame.to; i++) if (quoted.has(i)) return true
  return false
}

function overlaps(m: {place?: unknown}, start: number, end: number): boolean {
  const p = m.place as {start?: {offset?: number}; end?: {offset?: number}} | undefined
  return (p?.start?.offset ?? -1) < end && (p?.end?.offset ?? -1) > start
}
