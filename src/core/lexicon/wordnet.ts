// WordNet relations between words, for telling a writer's synonym ("began" for "started", both
// dominant senses) from a spinner's sense-blind swap ("final" for "last", "affect" for
// "influence"), and for finding corrupted fixed expressions ("in flip" for "in turn").
import lemmatizer from 'wink-lemmatizer'
import QuickLRU from 'quick-lru'
import wordnet from '../../../data/generated/wordnet.js'
import {listOf, SortedNames, type Table} from './tables.js'

export interface Relation {
  /** synonym: a shared synset; related: one step apart (hypernym, similar-to, derivation…) or
   * siblings under one hypernym; morph: the same lemma. */
  kind: 'synonym' | 'related' | 'morph'
  pos: 'n' | 'v' | 'a' | 'r'
  /** 1 = the word's most frequent sense (WordNet's sense order) in the relation found. */
  senseRankA: number
  senseRankB: number
}

/** Lemmas, sorted; each lemma's synsets in WordNet's sense order. */
const NAMES = new SortedNames(wordnet.names, wordnet.nameStarts)
/** Own entries only: a draft's "__proto__" or "constructor" is looked up as a word, never as Object's members. */
function synsetsOfLemma(key: string): Int32Array | undefined {
  const k = NAMES.find(key)
  return k < 0 ? undefined : listOf(wordnet.lemmaSynsets, k)
}

/** Does row k of the table hold this value? (No view is made: relations ask this millions of times.) */
function holds(table: Table, k: number, value: number): boolean {
  for (let i = table.start[k], end = table.start[k + 1]; i < end; i++) if (table.items[i] === value) return true
  return false
}
/** Do rows a and b share a value (two synsets with a common hypernym)? */
function shareOne(table: Table, a: number, b: number): boolean {
  for (let i = table.start[a], end = table.start[a + 1]; i < end; i++) if (holds(table, b, table.items[i])) return true
  return false
}
/** Part of speech of a synset: n, v, a (adjectives and satellites) or r. */
const posOf = (synset: number) => String.fromCharCode(wordnet.pos[synset])
const hypernymsOf = (synset: number) => listOf(wordnet.hypernyms, synset)
const antonymsOf = (synset: number) => listOf(wordnet.antonyms, synset)
/** The places a place lies in ("Houston" → Texas). */
const containersOf = (synset: number) => listOf(wordnet.partOf, synset)

const RULES: Array<[string, string]> = [
  ['ies', 'y'], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['s', ''],
  ['ied', 'y'], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', ''], ['es', 'e'], ['es', ''], ['er', ''], ['est', ''], ['er', 'e'], ['est', 'e']
]

/** Per-word answers, remembered: relations are asked for pairs, but each word's lemmas and senses are its own. */
const lemmaCache = new QuickLRU<string, string[]>({maxSize: 50_000})
/** One sense of a word: its synset, its rank among the word's senses of that part of speech (WordNet orders
 * each POS's senses by frequency), and the part of speech. */
interface Sense {
  synset: number
  rank: number
  pos: 'n' | 'v' | 'a' | 'r'
}

const senseCache = new QuickLRU<string, Sense[]>({maxSize: 50_000})

/** Base forms of a word or phrase that WordNet knows ("conferences" → "conference"). */
export function lemmas(word: string): string[] {
  let hit = lemmaCache.get(word)
  if (!hit) lemmaCache.set(word, (hit = computeLemmas(word)))
  return hit
}

function computeLemmas(word: string): string[] {
  const w = word.toLowerCase().trim().replace(/\s+/g, '_').replace(/’/g, "'")
  const found = new Set<string>()
  if (synsetsOfLemma(w)) found.add(w)
  // Irregular forms from WordNet's exception lists ("began" → "begin", "feet" → "foot").
  if (!w.includes('_')) for (const base of [lemmatizer.verb(w), lemmatizer.noun(w), lemmatizer.adjective(w)]) if (synsetsOfLemma(base)) found.add(base)
  for (const [suffix, replacement] of RULES) {
    if (w.length > suffix.length + 1 && w.endsWith(suffix)) {
      const base = w.slice(0, -suffix.length) + replacement
      if (synsetsOfLemma(base)) found.add(base)
    }
    // Doubled consonant: "stopped" → "stop".
    if ((suffix === 'ed' || suffix === 'ing') && replacement === '' && w.endsWith(suffix)) {
      const stem = w.slice(0, -suffix.length)
      if (stem.length > 2 && stem.at(-1) === stem.at(-2) && synsetsOfLemma(stem.slice(0, -1))) found.add(stem.slice(0, -1))
    }
  }
  return [...found]
}

/** A word's senses, ranked within each part of speech (WordNet orders each POS's senses by frequency). */
function senses(word: string): Sense[] {
  let hit = senseCache.get(word)
  if (!hit) senseCache.set(word, (hit = computeSenses(word)))
  return hit
}

function computeSenses(word: string): Sense[] {
  const out: Sense[] = []
  for (const lemma of lemmas(word)) {
    const perPos = new Map<string, number>()
    for (const synset of synsetsOfLemma(lemma)!) {
      const pos = posOf(synset)
      const rank = (perPos.get(pos) ?? 0) + 1
      perPos.set(pos, rank)
      out.push({synset, rank, pos: pos as Sense['pos']})
    }
  }
  return out
}

/** Relations asked for, remembered: every check asks about the same draft/source word pairs again on every
 * keystroke, and one answer costs two lemma look-ups and a walk over both words' senses. */
const relations = new QuickLRU<string, Relation | 'none'>({maxSize: 100_000})

/** The closest WordNet relation between two words or phrases, if any (best-ranked senses first). */
export function relation(a: string, b: string): Relation | undefined {
  // Most pairs asked share nothing, which each word's remembered reach tells at once: no pair key is made
  // (a new string per pair, hashed, and a look-up in a map of 100,000 was most of the cost of asking).
  if (!mayRelate(reach(a), reach(b))) return undefined
  const key = `${a}|${b}`
  let hit = relations.get(key)
  if (hit === undefined) relations.set(key, (hit = computeRelation(a, b) ?? 'none'))
  return hit === 'none' ? undefined : hit
}

/** The relation worked out in full, without the quick answer or the cache (exported for the test that they agree). */
export function computeRelation(a: string, b: string): Relation | undefined {
  const la = lemmas(a)
  const lb = lemmas(b)
  if (!la.length || !lb.length) return undefined
  const sa = senses(a)
  const sb = senses(b)
  if (la.some((x) => lb.includes(x))) return {kind: 'morph', pos: sa[0]?.pos ?? 'n', senseRankA: 1, senseRankB: 1}
  let best: Relation | undefined
  const consider = (kind: Relation['kind'], x: (typeof sa)[number], y: (typeof sb)[number]) => {
    const candidate = {kind, pos: x.pos, senseRankA: x.rank, senseRankB: y.rank}
    const score = (r: Relation) => r.senseRankA + r.senseRankB + (r.kind === 'related' ? 4 : 0)
    if (!best || score(candidate) < score(best)) best = candidate
  }
  // A few senses each: a scan is cheaper than a map per pair (relation is asked for thousands of new pairs).
  for (const x of sa) {
    const same = sb.find((y) => y.synset === x.synset)
    if (same) consider('synonym', x, same)
  }
  if (best) return best
  // One step apart: looked for among each word's ten most frequent senses per part of speech.
  const frequentB = sb.filter((s) => s.rank <= FREQUENT)
  for (const x of sa.filter((s) => s.rank <= FREQUENT)) {
    for (const y of frequentB) {
      const oneStep = holds(wordnet.hypernyms, x.synset, y.synset) || holds(wordnet.hypernyms, y.synset, x.synset) || holds(wordnet.lateral, x.synset, y.synset) || holds(wordnet.lateral, y.synset, x.synset)
      if (oneStep || shareOne(wordnet.hypernyms, x.synset, y.synset)) consider('related', x, y)
    }
  }
  return best
}

/** Senses of a word compared one step apart: its ten most frequent per part of speech. */
const FREQUENT = 10

/** What a word's frequent senses are and reach in one step, each sorted: `own` the senses, `out` their
 * hypernyms and lateral relations, `up` their hypernyms; `all` every sense. */
interface Reach {
  all: number[]
  own: number[]
  out: number[]
  up: number[]
}

/** Could `computeRelation` find anything for these words? Exactly its tests, on the words' own data: a shared
 * sense (synonym; a shared lemma shares its senses too), one frequent sense one step from the other's (hypernym
 * or lateral relation, either way) or a hypernym in common (related). */
function mayRelate(a: Reach, b: Reach): boolean {
  return meets(a.all, b.all) || meets(a.own, b.out) || meets(a.out, b.own) || meets(a.up, b.up)
}

const reachCache = new QuickLRU<string, Reach>({maxSize: 50_000})

function reach(word: string): Reach {
  let hit = reachCache.get(word)
  if (!hit) {
    const all: number[] = []
    const own: number[] = []
    const out: number[] = []
    const up: number[] = []
    for (const {synset, rank} of senses(word)) {
      all.push(synset)
      if (rank > FREQUENT) continue
      own.push(synset)
      for (const h of hypernymsOf(synset)) out.push(h), up.push(h)
      for (const l of listOf(wordnet.lateral, synset)) out.push(l)
    }
    // Plain arrays: a typed array per word is an ArrayBuffer and a backing store each (50,000 words × 3).
    const sorted = (xs: number[]) => [...new Set(xs)].sort((x, y) => x - y)
    reachCache.set(word, (hit = {all: sorted(all), own: sorted(own), out: sorted(out), up: sorted(up)}))
  }
  return hit
}

/** Do two sorted lists share a value? */
function meets(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) return true
    if (a[i] < b[j]) i++
    else j++
  }
  return false
}

/** Opposites in WordNet ("for"/"against", "rise"/"fall", "approve"/"disapprove"), any common sense. */
export function antonyms(a: string, b: string): boolean {
  const sb = new Set(senses(b).filter((s) => s.rank <= 6).map((s) => s.synset))
  return senses(a).some((x) => x.rank <= 6 && antonymsOf(x.synset).some((t) => sb.has(t)))
}

/** Is this phrase (space separated) a WordNet lemma, e.g. a fixed expression like "in turn"? */
export function isLemma(phrase: string): boolean {
  return lemmas(phrase).length > 0
}

/** Is this exact phrase a WordNet adverb ("in turn", "at last")? */
export function isAdverb(phrase: string): boolean {
  return (synsetsOfLemma(phrase.toLowerCase().replace(/\s+/g, '_')) ?? []).some((s) => posOf(s) === 'r')
}

let slots: Map<string, string[]> | undefined

/** Fixed expressions of two or three words with one word left open: "in _" → [turn, time, …]. */
export function expressionFillers(words: string[], open: number): string[] {
  if (!slots) {
    slots = new Map()
    for (let k = 0; k < NAMES.size; k++) {
      const lemma = NAMES.at(k)
      const parts = lemma.split('_')
      if (parts.length < 2 || parts.length > 3) continue
      parts.forEach((word, i) => {
        const key = parts.map((p, j) => (j === i ? '*' : p)).join(' ')
        const list = slots!.get(key)
        if (list) list.push(word)
        else slots!.set(key, [word])
      })
    }
  }
  return slots.get(words.map((w, j) => (j === open ? '*' : w.toLowerCase())).join(' ')) ?? []
}

let placeRoots: Set<number> | undefined
const placeCache = new Map<string, boolean>()

/** Is this capitalised word a place in WordNet (an instance of a city, country, region…)? Its first
 * noun sense reaches "location" through instance and class hypernyms. */
export function isPlaceName(word: string): boolean {
  const key = word.toLowerCase()
  const cached = placeCache.get(key)
  if (cached !== undefined) return cached
  placeRoots ??= new Set((synsetsOfLemma('location') ?? []).filter((s) => posOf(s) === 'n').slice(0, 1))
  const first = (synsetsOfLemma(key) ?? []).find((s) => posOf(s) === 'n')
  let found = false
  if (first !== undefined) {
    let frontier = [first]
    const seen = new Set(frontier)
    for (let depth = 0; depth < 12 && frontier.length && !found; depth++) {
      const next: number[] = []
      for (const s of frontier) {
        if (placeRoots.has(s)) found = true
        for (const h of hypernymsOf(s)) if (!seen.has(h)) seen.add(h), next.push(h)
      }
      frontier = next
    }
  }
  placeCache.set(key, found)
  return found
}


/** A name's senses that are places, and every place they lie in ("Houston" → Texas → United States…). */
function placeAndContainers(name: string): {own: Set<number>; within: Set<number>} {
  const own = new Set((synsetsOfLemma(name.toLowerCase().replace(/\s+/g, '_')) ?? []).filter((s) => posOf(s) === 'n' && reachesLocation(s)))
  const within = new Set<number>()
  let frontier = [...own]
  for (let depth = 0; depth < 8 && frontier.length; depth++) {
    const next: number[] = []
    for (const s of frontier) for (const p of containersOf(s)) if (!within.has(p)) within.add(p), next.push(p)
    frontier = next
  }
  return {own, within}
}

function reachesLocation(synset: number): boolean {
  placeRoots ??= new Set((synsetsOfLemma('location') ?? []).filter((s) => posOf(s) === 'n').slice(0, 1))
  let frontier = [synset]
  const seen = new Set(frontier)
  for (let depth = 0; depth < 12 && frontier.length; depth++) {
    const next: number[] = []
    for (const s of frontier) {
      if (placeRoots.has(s)) return true
      for (const h of hypernymsOf(s)) if (!seen.has(h)) seen.add(h), next.push(h)
    }
    frontier = next
  }
  return false
}

/** Two names that cannot name the same place: both are places in WordNet, and no sense of one is, or lies
 * inside, a sense of the other. "Houston" / "Texas", "Britain" / "United Kingdom" and "London" / "England"
 * may be the writer's choice; "Hungary" / "Italy" is another place. */
export function separatePlaces(a: string, b: string): boolean {
  const x = placeAndContainers(a)
  const y = placeAndContainers(b)
  if (!x.own.size || !y.own.size) return false
  for (const s of x.own) if (y.own.has(s) || y.within.has(s)) return false
  for (const s of y.own) if (x.within.has(s)) return false
  return true
}
