// Claim frames: what a sentence says happened, read clause by clause — who (the words before the
// predicate), did what (the verb, its polarity and modality), to whom, when and where (the words after).
// Parts of speech, people and places come from compromise (a rule-based English tagger: pure JavaScript,
// no model download, about 1 ms a sentence, and it tags auxiliaries, negatives, modals, people and places,
// which is what frames need; wink-nlp needs a separate model package and tags no auxiliaries). Frames are
// cached per sentence text, so a source sentence is tagged once however many drafts it is compared with.
// compromise's tagger level ("two"): the tags are the same as the full library's, a third faster, and it
// loads less.
import nlp from 'compromise/two'
import lemmatizer from 'wink-lemmatizer'
import QuickLRU from 'quick-lru'
import {isContent, type Token} from '../text/tokens.js'
import {isPlaceName} from '../lexicon/index.js'

export type Mode = 'fact' | 'future' | 'possible'

/** Verbs that tell the same event whichever side each participant is on ("A met B" is "B met A"). */
const SYMMETRIC = /^(meet|talk|speak|marry|wed|play|face|draw|tie|partner|debate|negotiate|clash|fight|date|divorce|join|embrace|chat|confer|correspond)$/

export function isSymmetric(lemma: string): boolean {
  return SYMMETRIC.test(lemma)
}

export interface Frame {
  /** Token index of the main verb; [from, to) spans its auxiliaries, negators and control verbs ("has no plans to meet"). */
  verb: number
  from: number
  to: number
  lemma: string
  negated: boolean
  mode: Mode
  passive: boolean
  /** Content token indexes between the previous predicate and this one (the subject side) and up to the next (the object side). */
  before: number[]
  after: number[]
  /** A reporting verb ("said", "told"): a frame around other frames, not a claim of its own. */
  reporting: boolean
  /** An infinitive governed by a word outside the chain ("wasn't ready to identify"): its polarity and
   * certainty belong to that word, so the frame is not compared. */
  embedded: boolean
}

export interface Tagged {
  tokens: Token[]
  tags: Array<Set<string>>
  frames: Frame[]
}

const cache = new QuickLRU<string, Tagged>({maxSize: 20_000})

/** Tags and frames of a sentence; `tokens` must be the sentence's tokens with offsets into `text`. */
export function framesOf(text: string, tokens: Token[]): Tagged {
  const key = text
  const hit = cache.get(key)
  if (hit && hit.tokens.length === tokens.length) return hit
  const tags = tagTokens(text, tokens)
  const frames = extractFrames(tokens, tags)
  const tagged = {tokens, tags, frames}
  cache.set(key, tagged)
  return tagged
}

function tagTokens(text: string, tokens: Token[]): Array<Set<string>> {
  const terms: Array<{start: number; end: number; tags: Set<string>}> = []
  const doc = nlp(text)
  doc.compute('offset')
  // The terms as the tagger left them (no JSON rendering of every term).
  for (const sentence of doc.docs as unknown as Array<Array<{tags: Set<string>; offset: {start: number; length: number}}>>) {
    for (const t of sentence) terms.push({start: t.offset.start, end: t.offset.start + t.offset.length, tags: t.tags})
  }
  let j = 0
  return tokens.map((token) => {
    while (j < terms.length && terms[j].end <= token.start) j++
    const term = terms[j]
    return new Set(term && term.start <= token.start ? term.tags : undefined)
  })
}

const NEGATORS = new Set(['not', 'never', 'no', 'none', 'nobody', 'nothing', 'neither', 'nor'])
/** Verbs that take another verb and deny it ("refused to sign" says the signing did not happen). */
const DENYING = /^(refus|declin|fail|reject|ruled?)/
const FUTURE_WORDS = new Set(['will', 'shall', 'would', 'wo', 'going', 'plan', 'plans', 'planned', 'planning', 'intend', 'intends', 'intended', 'set', 'expected', 'expects', 'agreed', 'agree', 'agrees', 'due', 'scheduled', 'poised'])
const POSSIBLE_WORDS = new Set(['may', 'might', 'could', 'likely', 'possibly', 'perhaps', 'considering', 'consider', 'considers', 'mulling', 'weighing', 'probably', 'reportedly', 'allegedly'])
/** Words that may sit in a predicate's auxiliary chain besides auxiliaries and negators. */
const CHAIN = new Set(['to', 'also', 'still', 'already', 'yet', 'ever', 'even', 'just', 'now', 'then', 'likely', 'unlikely', 'possibly', 'probably', 'reportedly', 'allegedly', 'plans', 'plan', 'intention', 'longer'])
/** Reporting verbs: a frame around other frames, and after a name, a citation ("NBC reports"). */
export const REPORTING = /^(say|said|says|tell|told|tells|report|reported|reports|note|noted|notes|add|added|adds|write|wrote|writes|accord|according|quote|quoted|state|stated|explain|explained|claim|claimed|insist|insisted|argue|argued)$/

function isVerb(tags: Set<string>): boolean {
  return tags.has('Verb') || tags.has('Infinitive') || tags.has('PastTense') || tags.has('Gerund') || tags.has('Participle')
}

function extractFrames(tokens: Token[], tags: Array<Set<string>>): Frame[] {
  const heads: number[] = []
  for (let i = 0; i < tokens.length; i++) {
    if (!isVerb(tags[i]) || tags[i].has('Particle') || tags[i].has('Negative') || NEGATORS.has(tokens[i].norm) || tokens[i].kind !== 'word') continue
    const aux = tags[i].has('Auxiliary') || tags[i].has('Modal') || tags[i].has('Copula')
    // A control verb before "to" ("refused to", "plans to", "agreed to") belongs to the next verb's chain.
    const controls = tokens[i + 1]?.norm === 'to' && tokens[i + 2] && isVerb(tags[i + 2])
    if (controls) continue
    if (aux) {
      // A copula with no verb after it in its chain is the predicate itself ("is a ranger", "was not hired" has "hired").
      let k = i + 1
      while (k < tokens.length && (tags[k].has('Auxiliary') || tags[k].has('Negative') || tags[k].has('Adverb') || NEGATORS.has(tokens[k].norm))) k++
      if (k < tokens.length && isVerb(tags[k]) && !tags[k].has('Auxiliary')) continue
      if (!tags[i].has('Copula')) continue
    }
    heads.push(i)
  }
  const frames: Frame[] = []
  heads.forEach((verb, n) => {
    let from = verb
    while (from > 0) {
      const t = tokens[from - 1]
      const g = tags[from - 1]
      const chainWord = g.has('Auxiliary') || g.has('Modal') || g.has('Negative') || NEGATORS.has(t.norm) || CHAIN.has(t.norm) || FUTURE_WORDS.has(t.norm) || POSSIBLE_WORDS.has(t.norm) || (DENYING.test(t.norm) && tokens[from]?.norm === 'to') || (t.norm === 'out' && /^rul/.test(tokens[from - 2]?.norm ?? ''))
      if (!chainWord || from - 1 <= (heads[n - 1] ?? -1)) break
      from--
    }
    // A copula's negator follows it ("is not a ranger", "was never a member", "is no longer the chair").
    let to = verb + 1
    if (tags[verb].has('Copula')) while (to < tokens.length && (NEGATORS.has(tokens[to].norm) || tags[to].has('Negative') || (tokens[to].norm === 'longer' && tokens[to - 1].norm === 'no'))) to++
    const chain = [...tokens.slice(from, verb), ...tokens.slice(verb + 1, to)]
    const lower = chain.map((t) => t.norm)
    // Participants: the content words around the predicate, up to a window each side. Clause boundaries
    // from a tagger are unreliable in news prose ("Sizemore, 55, was …"); windows are not, and both sides of
    // a comparison use the same windows.
    const beforeStart = Math.max(0, from - WINDOW_BEFORE)
    const afterEnd = Math.min(tokens.length, to + WINDOW_AFTER)
    const subjectSide = range(beforeStart, from).filter((i) => isContent(tokens[i]))
    // "No one was hurt", "None of the five backed it": a negated subject denies the predicate as surely as "not".
    const subjectNegated = range(Math.max(0, from - 4), from).some((i) => /^(no|none|nobody|nothing|neither)$/.test(tokens[i].norm) && tokens[i - 1]?.norm !== 'or')
    const denied = chain.some((t, k) => DENYING.test(t.norm) && chain[k + 1]?.norm === 'to') || (lower.includes('ruled') && lower.includes('out'))
    const negations = lower.filter((w) => NEGATORS.has(w)).length + (denied ? 1 : 0) + (subjectNegated ? 1 : 0)
    const mode: Mode = lower.some((w) => POSSIBLE_WORDS.has(w)) ? 'possible' : lower.some((w) => FUTURE_WORDS.has(w)) ? 'future' : 'fact'
    const passive = tags[verb].has('Passive') || (lower.some((w) => /^(was|were|is|are|be|been|being)$/.test(w)) && tags[verb].has('PastTense') && tokens[verb + 1]?.norm === 'by')
    frames.push({
      verb,
      from,
      to,
      lemma: lemmaOf(tokens[verb]),
      negated: negations % 2 === 1,
      mode,
      passive,
      before: subjectSide,
      after: range(to, afterEnd).filter((i) => isContent(tokens[i])),
      reporting: REPORTING.test(tokens[verb].norm),
      // "prevented the council from holding", "without signing": the gerund's polarity is its governor's.
      embedded: lower[0] === 'to' || (tokens[from - 1]?.norm === 'to' && from === verb) || (tags[verb].has('Gerund') && /^(from|of|without|by|after|before|for|against|on|in)$/.test(tokens[from - 1]?.norm ?? ''))
    })
  })
  return frames
}

/** Tokens read as the subject side and the object side of a predicate. */
const WINDOW_BEFORE = 10
const WINDOW_AFTER = 12

const range = (from: number, to: number) => Array.from({length: Math.max(0, to - from)}, (_, k) => from + k)

export function lemmaOf(token: Token): string {
  return lemmatizer.verb(token.norm)
}

const WEEKDAYS = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/
const MONTHS = /^(january|february|march|april|may|june|july|august|september|october|november|december)$/
const SEASONS = /^(spring|summer|autumn|fall|winter)$/

/** The class of a time word: weekdays, months and seasons are each one slot a draft may change. */
export function timeClass(token: Token, tags?: Set<string>): string | undefined {
  if (WEEKDAYS.test(token.norm)) return 'weekday'
  // "May" and "March" are verbs too: only capitalised inside a sentence, or tagged as a date.
  if (MONTHS.test(token.norm) && (/^\p{Lu}/u.test(token.value) || tags?.has('Date'))) return 'month'
  if (SEASONS.test(token.norm) && token.norm !== 'fall') return 'season'
  if (token.norm === 'fall' && tags?.has('Noun')) return 'season'
  return undefined
}

/** A place the tagger or WordNet knows, capitalised. */
export function isPlace(token: Token, tags: Set<string>): boolean {
  if (!/^\p{Lu}/u.test(token.value) || token.kind !== 'word') return false
  return tags.has('Place') || tags.has('Country') || tags.has('City') || isPlaceName(token.norm)
}

export function isPersonTag(tags: Set<string>): boolean {
  return tags.has('Person') || tags.has('FirstName') || tags.has('LastName')
}
