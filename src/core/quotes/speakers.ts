// Who says a quotation: "X said", "said X", "X told …", "according to X", "X added", titles and
// descriptors before names ("Kremlin spokesman Dmitry Peskov"), pronouns (the last person named
// before the quote), anonymous descriptors ("a senior diplomat … on condition of anonymity"), and
// transcript speaker turns ("MAYOR RUIZ: …"). Works on plain text with offsets.
import {foldCase} from '../text/tokens.js'

export interface Speaker {
  /** The name as written at the mention ("Blinken", "Antony Blinken"), or the descriptor. */
  name: string
  /** The fullest form of the name seen in the document ("Antony Blinken" for "Blinken"). */
  fullName: string
  anonymous: boolean
  /** Offsets of the mention in the text (the name, or the pronoun). */
  start: number
  end: number
  via: 'name' | 'pronoun' | 'turn' | 'descriptor'
  /** For pronouns: only one person was named where the pronoun could point. */
  unambiguous?: boolean
}

const VERBS = 'said|says|say|told|tells|added|adds|noted|notes|stressed|stresses|argued|argues|warned|warns|explained|explains|wrote|writes|asked|asks|replied|replies|insisted|insists|declared|declares|continued|continues|recalled|recalls|admitted|admits|acknowledged|acknowledges|vowed|vows|promised|promises|announced|announces|claimed|claims|urged|urges|remarked|remarks|observed|observes|tweeted|posted'
// After "said" comes the speaker ("said Ruiz"); after "told" or "asked" the one spoken to ("tells ABC").
const VERBS_BEFORE_SPEAKER = VERBS.split('|').filter((v) => !/^(told|tells|asked|asks|replied|replies)$/.test(v)).join('|')
// Capitalised words on one line; a dot only after a one-letter initial ("John F. Kennedy").
const NAME_WORD = "\\p{Lu}(?:\\.|[\\p{L}’'-]*)"
// Up to six words, so titles before a name leave it whole ("Deputy Fire Chief Maria Lopez"); cleanName drops the titles.
const NAME = `${NAME_WORD}(?:[ \\t]+(?:${NAME_WORD}|de|da|van|von|bin|al|la|le)){0,5}`
const PRONOUN = 'he|she|they|He|She|They'

// The patterns below, made once (they were built on every call: a new RegExp per quote and per pattern).
// Those with g are only used through matchAll, which copies them, so they keep no state between calls.
const NAME_THEN_VERB_ALL = new RegExp(`(${NAME})\\s*,?\\s+(?:${VERBS})\\b`, 'gu')
const VERB_THEN_NAME_ALL = new RegExp(`\\b(?:${VERBS_BEFORE_SPEAKER})\\s+(${NAME})(?=\\s*[,.;:]|\\s*$)`, 'gu')
const TITLE_THEN_NAME_ALL = new RegExp(`\\b(?:President|Minister|Secretary(?: of State)?|spokesman|spokeswoman|spokesperson|Mayor|mayor|Councillor|Councilor|Judge|Senator|Governor|Chancellor|chief|Chief|Dr\\.?|Mr\\.?|Ms\\.?|Mrs\\.?|Professor|Sheriff|Director|director|executive|Executive|coach|Coach|analyst|officer|Officer|Inspector|Detective|Commissioner|deputy|Deputy|Ambassador|Gen\\.?|General|Captain|Capt\\.?|member|chair|chairman|chairwoman)\\s+(${NAME})`, 'gu')
const ACCORDING_TO_NAME_ALL = new RegExp(`\\baccording to\\s+(${NAME})`, 'gu')
const ANY_NAME_ALL = new RegExp(NAME, 'gu')
const AFTER_VERB_THEN_NAME = new RegExp(`^[\\s,—–-]*(?:${VERBS_BEFORE_SPEAKER})\\s+(?:[\\p{Ll}-]+\\s+){0,4}?(${NAME})`, 'u')
const AFTER_NAME_THEN_VERB = new RegExp(`^[\\s,—–-]*(${NAME})\\s*,?\\s+(?:[\\p{Ll}]+\\s+)?(?:${VERBS})\\b`, 'u')
const AFTER_VERB_THEN_DESCRIPTOR = new RegExp(`^[\\s,—–-]*(?:${VERBS})\\s+(?:the\\s+)?(\\p{Ll}[\\p{L} -]{2,40}?)(?=[\\s,.]|$)`, 'u')
const AFTER_PRONOUN_THEN_VERB = new RegExp(`^[\\s,—–-]*(${PRONOUN})\\s+(?:${VERBS})\\b`, 'u')
const AFTER_ACCORDING_TO = new RegExp(`^[\\s,—–-]*according to\\s+(?:[\\p{Ll}-]+\\s+){0,3}?(${NAME})`, 'u')
const BEFORE_NAME_THEN_VERB = new RegExp(`(${NAME})\\s*,?\\s+(?:[\\p{Ll}]+\\s+)?(?:${VERBS})\\b[^“"]*$`, 'u')
const BEFORE_VERB_THEN_NAME = new RegExp(`(?:${VERBS_BEFORE_SPEAKER})\\s+(${NAME})[^“"]*$`, 'u')
const BEFORE_ACCORDING_TO = new RegExp(`according to\\s+(?:[\\p{Ll}-]+\\s+){0,3}?(${NAME})[^“"]*$`, 'u')
const BEFORE_PRONOUN_THEN_VERB = new RegExp(`\\b(${PRONOUN})\\s+(?:[\\p{Ll}]+\\s+)?(?:${VERBS})\\b[^“"]*$`, 'u')
const APPOSITIVE_NAME = new RegExp(`^(?:['’]s)?\\s+(?:[\\p{Ll}-]+\\s+){0,3}?[\\p{Ll}-]+,\\s*(${NAME})`, 'u')
const NAME_OF_LEAD = new RegExp(`(${NAME})[ \\t]*,?[ \\t]+(?:[\\p{Ll}]+[ \\t]+){0,3}of(?:[ \\t]+the)?[ \\t]*$`, 'u')
const OPENING_NAME = new RegExp(`^\\s*(${NAME})\\s+\\p{Ll}`, 'u')
const ANONYMOUS = /\b(on condition of anonymity|who asked not to be (?:named|identified)|who declined to be (?:named|identified)|speaking anonymously|not authori[sz]ed to speak)\b/i
const DESCRIPTOR = /\b(an?|the|one)\s+((?:senior|junior|top|local|western|foreign|former|government|military|security|U\.?S\.?|European|diplomatic|police|party|company|industry|administration|white house|state department|[a-z-]+)\s+){0,3}(official|diplomat|source|spokesman|spokeswoman|spokesperson|aide|adviser|advisor|analyst|resident|witness|officer|lawyer|executive|employee|worker|person|insider|member)s?\b/i

/** Words that start a sentence or title and are not names. */
const NOT_NAMES = new Set(['he', 'she', 'they', 'his', 'her', 'their', 'the', 'a', 'an', 'but', 'and', 'yet', 'so', 'in', 'on', 'at', 'it', 'this', 'that', 'there', 'when', 'while', 'after', 'before', 'however', 'although', 'as', 'if', 'we', 'i', 'you', 'our', 'my'])

export interface SpeakerContext {
  text: string
  /** People named in the document before a given offset, most recent last (for pronouns and surnames). */
  people: Array<{name: string; start: number; end: number}>
}

/** People named in a text: names next to a speech verb, after a title, or after "according to"
 * ("said X" only when X ends the clause: in "said Kazakhstan would…" Kazakhstan is what was said).
 * Then every later mention of those people (full name or surname), so pronouns can find the
 * subject of the previous sentence. */
export function peopleIn(text: string): SpeakerContext['people'] {
  const named: SpeakerContext['people'] = []
  const patterns = [
    NAME_THEN_VERB_ALL,
    VERB_THEN_NAME_ALL,
    TITLE_THEN_NAME_ALL,
    ACCORDING_TO_NAME_ALL
  ]
  for (const re of patterns) {
    for (const m of text.matchAll(re)) {
      const name = cleanName(m[1])
      if (!name) continue
      const start = m.index + m[0].indexOf(m[1]) + m[1].indexOf(name)
      named.push({name, start, end: start + name.length})
    }
  }
  // Later mentions of the same people by surname (or full name), wherever they stand.
  const surnames = new Map(named.map((p) => [surname(p.name), p.name]))
  const mentions = [...named]
  for (const m of text.matchAll(ANY_NAME_ALL)) {
    const name = cleanName(m[0])
    if (!name) continue
    const last = surname(name)
    if (!surnames.has(last)) continue
    const start = m.index + m[0].indexOf(name)
    if (!mentions.some((p) => p.start <= start && start < p.end)) mentions.push({name, start, end: start + name.length})
  }
  return mentions.sort((a, b) => a.start - b.start)
}

/** Drop leading non-name words ("The", "But") and titles kept by the capitalised run. */
function cleanName(raw: string): string | undefined {
  let words = raw.split(/\s+/)
  // "Entertainment Marketing Letter's Ira Mayer", "PCTA's Jack Haskel": the name follows the possessive.
  const possessive = words.slice(0, -1).findLastIndex((w) => /['’]s?$/.test(w))
  if (possessive >= 0) words = words.slice(possessive + 1)
  while (words.length && (NOT_NAMES.has(words[0].toLowerCase()) || TITLE_WORDS.has(words[0].replace(/\.$/, '').toLowerCase()))) words.shift()
  while (words.length && /^(said|says)$/i.test(words[words.length - 1])) words.pop()
  // A run that ends in a title ("San Diego Police Sgt") has not reached the name.
  if (words.length && TITLE_WORDS.has(words[words.length - 1].replace(/\.$/, '').toLowerCase())) return undefined
  const name = words.join(' ').replace(/[’']s$/, '').replace(/[,.]$/, '')
  return name && /^\p{Lu}/u.test(name) && !NOT_NAMES.has(name.toLowerCase()) ? name : undefined
}

const TITLE_WORDS = new Set(['president', 'minister', 'secretary', 'foreign', 'prime', 'spokesman', 'spokeswoman', 'mayor', 'councillor', 'councilor',
  'judge', 'senator', 'governor', 'chancellor', 'chief', 'dr', 'mr', 'ms', 'mrs', 'professor', 'sheriff', 'director', 'executive', 'coach', 'deputy',
  'ambassador', 'general', 'member', 'board', 'chair', 'chairman', 'chairwoman', 'gen', 'captain', 'capt', 'inspector', 'detective', 'commissioner', 'kremlin', 'state', 'u.s', 'us', 'kazakh', 'city',
  'county', 'police', 'fire', 'company', 'ukrainian', 'russian', 'chinese', 'british', 'french', 'german', 'american', 'defense', 'defence', 'finance',
  'interior', 'health', 'education', 'vice', 'white', 'house', 'department', 'officer', 'analyst', 'sir', 'lady', 'sgt', 'sergeant',
  'lieutenant', 'lt', 'security', 'communications', 'press', 'spokesperson', 'rep', 'sen', 'gov', 'attorney', 'prosecutor', 'dean', 'superintendent', 'principal', 'ceo', 'cfo', 'founder'])

/** Resolve the speaker of a quotation at [outerStart, outerEnd) in `context.text`. */
export function speakerOf(context: SpeakerContext, outerStart: number, outerEnd: number): Speaker | undefined {
  const {text} = context
  const lineStart = text.lastIndexOf('\n', outerStart - 1) + 1
  // Transcript turn: "NAME: …" at the start of the line holding the quote.
  // A quote inside a turn with its own attribution ("…,” Trump said) is that speaker's, not the turn's.
  const turn = turnSpeaker(text, lineStart, outerStart)
  if (turn && outerStart - lineStart <= turnHead(text, lineStart)) return turn
  // After the quote, up to the end of its sentence: “…,” said X / X said / he said / according to X.
  const afterEnd = sentenceEnd(text, outerEnd)
  const after = text.slice(outerEnd, afterEnd)
  const fromAfter =
    match(context, after, outerEnd, AFTER_VERB_THEN_NAME) ??
    match(context, after, outerEnd, AFTER_NAME_THEN_VERB) ??
    match(context, after, outerEnd, AFTER_VERB_THEN_DESCRIPTOR, true) ??
    pronoun(context, after, outerEnd, outerStart, AFTER_PRONOUN_THEN_VERB) ??
    match(context, after, outerEnd, AFTER_ACCORDING_TO)
  if (fromAfter) return fromAfter
  // Before the quote, within its sentence: X said: “…” / X said that “…” / According to X, “…”.
  const beforeStart = sentenceStart(text, outerStart)
  const before = text.slice(beforeStart, outerStart)
  const anonymous = ANONYMOUS.test(after) || ANONYMOUS.test(before)
  if (anonymous) {
    const d = DESCRIPTOR.exec(before) ?? DESCRIPTOR.exec(after)
    const at = d ? (DESCRIPTOR.exec(before) ? beforeStart : outerEnd) + d.index : outerStart
    return {name: d?.[0] ?? 'an anonymous source', fullName: d?.[0] ?? 'an anonymous source', anonymous: true, start: at, end: at + (d?.[0].length ?? 0), via: 'descriptor'}
  }
  const fromBefore =
    match(context, before, beforeStart, BEFORE_NAME_THEN_VERB) ??
    match(context, before, beforeStart, BEFORE_VERB_THEN_NAME) ??
    match(context, before, beforeStart, BEFORE_ACCORDING_TO) ??
    pronoun(context, before, beforeStart, outerStart, BEFORE_PRONOUN_THEN_VERB)
  return fromBefore ?? turn
}

function match(context: SpeakerContext, segment: string, base: number, re: RegExp, descriptor = false): Speaker | undefined {
  const m = re.exec(segment)
  if (!m) return undefined
  const raw = m[1]
  if (descriptor) {
    if (!DESCRIPTOR.test(raw) && !/\b(official|diplomat|spokes\w+|mayor|minister|president|chief|aide|analyst|source)\b/.test(raw)) return undefined
    const start = base + m.index + m[0].lastIndexOf(raw)
    return {name: raw.trim(), fullName: raw.trim(), anonymous: DESCRIPTOR.test(raw) && !/\b(mayor|minister|president|chief)\b/.test(raw), start, end: start + raw.trim().length, via: 'descriptor'}
  }
  // "said Anna's father, Tom Weller": a possessive is whose relative speaks; the speaker is the appositive name.
  const rawEnd = m.index + m[0].lastIndexOf(raw) + raw.length
  const possessive = /['’]s$/.test(raw) || /^['’]s\b/.test(segment.slice(rawEnd))
  const appositive = possessive ? APPOSITIVE_NAME.exec(segment.slice(rawEnd)) : null
  if (appositive) {
    const name = cleanName(appositive[1])
    if (!name) return undefined
    const start = base + rawEnd + appositive[0].lastIndexOf(appositive[1]) + appositive[1].indexOf(name)
    return {name, fullName: fullNameOf(context, name, start), anonymous: false, start, end: start + name.length, via: 'name'}
  }
  // "Medlin's boss tells ABC …": someone of Medlin's speaks, not Medlin; who is not said.
  if (possessive) return undefined
  const name = cleanName(raw)
  if (!name) return undefined
  const start = base + m.index + m[0].lastIndexOf(raw) + raw.indexOf(name)
  // "Judge Helen Harlow of the Fourth District Court said": the court is where she sits, not who speaks.
  const lead = context.text.slice(Math.max(0, start - 120), start)
  const of = NAME_OF_LEAD.exec(lead)
  const person = of && cleanName(of[1])
  if (person) {
    const at = start - lead.length + of.index + of[0].indexOf(of[1]) + of[1].indexOf(person)
    return {name: person, fullName: fullNameOf(context, person, at), anonymous: false, start: at, end: at + person.length, via: 'name'}
  }
  return {name, fullName: fullNameOf(context, name, start), anonymous: false, start, end: start + name.length, via: 'name'}
}

function pronoun(context: SpeakerContext, segment: string, base: number, before: number, re: RegExp): Speaker | undefined {
  const m = re.exec(segment)
  if (!m) return undefined
  const person = antecedent(context, before)
  if (!person) return undefined
  const start = base + m.index + m[0].indexOf(m[1])
  // Everyone named in this sentence and the two before: one surname means one person to point at.
  const from = sentenceStart(context.text, Math.max(0, sentenceStart(context.text, Math.max(0, sentenceStart(context.text, before) - 1)) - 1))
  const candidates = new Set(context.people.filter((p) => p.start >= from && p.end <= before).map((p) => surname(p.name)))
  const named = [...context.text.slice(from, before).matchAll(ANY_NAME_ALL)].map((x) => cleanName(x[0])).filter((n): n is string => Boolean(n) && n!.includes(' '))
  for (const n of named) candidates.add(surname(n))
  return {name: person.name, fullName: fullNameOf(context, person.name, person.start), anonymous: false, start, end: start + m[1].length, via: 'pronoun', unambiguous: candidates.size <= 1}
}

/** Who "he" or "she" is: the subject (first person named) of the sentence before the quote, or of
 * the quote's own sentence; failing that, the last person named in the paragraph before. */
function antecedent(context: SpeakerContext, at: number) {
  const {text, people} = context
  const here = sentenceStart(text, at)
  const previous = sentenceStart(text, Math.max(0, here - 1))
  const inSentence = (from: number, to: number) => people.filter((p) => p.start >= from && p.end <= to)
  const subject = inSentence(here, at)[0] ?? inSentence(previous, here)[0]
  // A sentence that opens with a name we cannot place ("Blinken held talks…") makes "he" ambiguous.
  const opener = OPENING_NAME.exec(text.slice(previous, here))
  const openerName = opener && cleanName(opener[1])
  if (openerName && (!subject || surname(subject.name) !== surname(openerName))) return undefined
  if (subject) return subject
  const paragraph = Math.max(0, text.lastIndexOf('\n\n', at))
  return [...people].reverse().find((p) => p.end <= at && p.start >= paragraph - 600)
}

function turnSpeaker(text: string, lineStart: number, at: number): Speaker | undefined {
  const m = /^[ \t>*_]*([\p{Lu}][\p{L}.’' -]{1,40}?)[*_]*\s*:[*_]*\s/u.exec(text.slice(lineStart, at + 1))
  if (!m) return undefined
  const name = cleanName(m[1].trim()) ?? m[1].trim()
  if (name.split(/\s+/).length > 5) return undefined
  const start = lineStart + m[0].indexOf(m[1])
  return {name: titleCase(name), fullName: titleCase(name), anonymous: false, start, end: start + m[1].trim().length, via: 'turn'}
}

function titleCase(name: string): string {
  return name === name.toUpperCase() ? name.toLowerCase().replace(/\b\p{L}/gu, (c) => c.toUpperCase()) : name
}

/** The fullest earlier (or later) mention whose last word is this name's last word. */
function fullNameOf(context: SpeakerContext, name: string, _at: number): string {
  const last = surname(name)
  let best = name
  for (const p of context.people) if (surname(p.name) === last && p.name.length > best.length) best = p.name
  return best
}

export function surname(name: string): string {
  const words = foldCase(name).split(/\s+/)
  return words[words.length - 1] ?? ''
}

/** Same person: equal surnames (transliteration-tolerant), and first names that do not clash. */
export function sameSpeaker(a: Speaker, b: Speaker): boolean {
  if (a.anonymous || b.anonymous) return a.anonymous === b.anonymous
  // Titles and descriptors kept in a name ("Security Officer Bob Lord", "PCTA's Jack Haskel") are not first names.
  const words = (n: string) => foldCase(n).split(/\s+/).filter((w) => !TITLE_WORDS.has(w.replace(/\.$/, '')) && !/'s?$/.test(w))
  const x = words(a.fullName)
  const y = words(b.fullName)
  if (!x.length || !y.length) return false
  if (!close(x[x.length - 1], y[y.length - 1])) return false
  // Given names compared only where both are written, right before the surname.
  if (x.length > 1 && y.length > 1 && !close(x[x.length - 2], y[y.length - 2]) && x[x.length - 2].length > 1 && y[y.length - 2].length > 1) return false
  return true
}

function close(a: string, b: string): boolean {
  if (a === b) return true
  if (Math.abs(a.length - b.length) > 2 || a.length < 4) return false
  let diff = 0
  const n = Math.max(a.length, b.length)
  for (let i = 0, j = 0; i < n && diff <= 2; i++, j++) if (a[i] !== b[j]) diff++
  return diff <= 2 && a.slice(0, 3) === b.slice(0, 3)
}

/** Where a sentence ends; a title's abbreviation ("Sgt. Tim Underwood", "Dr. Ruiz") ends none. */
function sentenceEnd(text: string, from: number): number {
  const re = /[.!?](?=\s|$)|\n/g
  re.lastIndex = from
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '.' && /\b(Sgt|Lt|Gen|Dr|Mr|Mrs|Ms|Capt|Rep|Sen|Gov|St|Col|Maj|Cpl|Det|Insp|Supt|Prof|Rev|Jr|Sr)$/.test(text.slice(Math.max(from, m.index - 5), m.index))) continue
    return m.index + 1
  }
  return text.length
}

/** Length of a transcript turn's "NAME: " head at a line start (0 when the line is no turn). */
function turnHead(text: string, lineStart: number): number {
  const m = /^[ \t>*_]*[\p{Lu}][\p{L}.’' -]{1,40}?[*_]*\s*:[*_]*\s*/u.exec(text.slice(lineStart, lineStart + 60))
  return m ? m[0].length : 0
}

function sentenceStart(text: string, to: number): number {
  const from = Math.max(0, to - 400)
  // One character past `to`, so a sentence starting exactly at `to` (an opening quote) is seen.
  const head = text.slice(from, Math.min(text.length, to + 1))
  let best = -1
  for (const m of head.matchAll(/[.!?][”"’]?\s+(?=[\p{Lu}“"])|\n/gu)) if (m.index + m[0].length <= to - from) best = m.index + m[0].length
  return best < 0 ? from : from + best
}
