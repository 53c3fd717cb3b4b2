// Planted meaning-level errors in real text, for development (issue 8). Every item is a real sentence —
// from a real human summary of ../shared/data/honest-dev (checked against its real sources) or from a
// real article of ../shared/data/news-corpus (checked against that article and three others) — with one
// error of one kind planted by script, beside its untouched control. Nothing here is committed: the text
// belongs to its publishers; the script rebuilds the set the same way from the same seed.
//
//   npx tsx bench/plant.ts [--seed N] [--per-kind N] [--out FILE]        writes the set (default bench/out/planted.json)
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import {parseArgs} from 'node:util'
import {seeded} from './random.js'
import nlp from 'compromise'
import wordnet from '../data/generated/wordnet.js'
import spinner from '../data/generated/spinner.js'

export type Kind =
  | 'number' | 'condensed-number' | 'role-swap' | 'antonym' | 'negation' | 'quantifier' | 'time' | 'place' | 'modality'
  | 'invented-event' | 'spun-sentence' | 'collocation' | 'capitalised-swap'

export const KINDS: Kind[] = ['number', 'condensed-number', 'role-swap', 'antonym', 'negation', 'quantifier', 'time', 'place', 'modality', 'invented-event', 'spun-sentence', 'collocation', 'capitalised-swap']

/** Which rules count as finding each kind. */
export const EXPECTED: Record<Kind, string[]> = {
  number: ['contradicted-claim', 'unsupported-claim'],
  'condensed-number': ['contradicted-claim', 'unsupported-claim'],
  'role-swap': ['contradicted-claim'],
  antonym: ['contradicted-claim'],
  negation: ['contradicted-claim'],
  quantifier: ['contradicted-claim'],
  time: ['contradicted-claim'],
  place: ['contradicted-claim'],
  modality: ['contradicted-claim'],
  'invented-event': ['unsupported-claim'],
  'spun-sentence': ['machine-paraphrase'],
  collocation: ['machine-paraphrase'],
  'capitalised-swap': ['machine-paraphrase']
}

export interface PlantedItem {
  id: string
  kind: Kind
  origin: 'honest-dev' | 'news'
  /** Source files: name → text. */
  sources: Record<string, string>
  control: string
  planted: string
  /** The planted sentence's span in `planted`. */
  start: number
  end: number
  /** What was changed, for reading results. */
  change: string
}


const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
const MONTHS = ['January', 'February', 'March', 'April', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const SEASONS = ['spring', 'summer', 'autumn', 'winter']
// Verb pairs that reverse a claim, in the forms news copy uses. Planting list: kept apart from the engine's lists.
const ANTONYMS: Array<[string, string]> = [
  ['rose', 'fell'], ['increased', 'decreased'], ['raised', 'lowered'], ['gained', 'lost'], ['won', 'lost'], ['approved', 'rejected'],
  ['accepted', 'rejected'], ['opened', 'closed'], ['bought', 'sold'], ['supported', 'opposed'], ['backed', 'opposed'], ['confirmed', 'denied'],
  ['allowed', 'banned'], ['hired', 'fired'], ['acquitted', 'convicted'], ['agreed', 'refused'], ['succeeded', 'failed'], ['expanded', 'shrank'],
  ['boosted', 'cut'], ['strengthened', 'weakened'], ['started', 'ended'], ['began', 'ended'], ['entered', 'left'], ['attended', 'skipped'],
  ['increase', 'decrease'], ['rise', 'fall'], ['higher', 'lower'], ['more', 'fewer'], ['up', 'down'], ['profit', 'loss'], ['surplus', 'deficit'],
  ['welcomed', 'criticised'], ['praised', 'criticised'], ['passed', 'rejected'], ['released', 'detained'], ['arrived', 'departed'], ['joined', 'quit']
]
const MODAL: Array<[RegExp, string]> = [
  [/\bwill\b(?! not)/, 'has no plans to'], [/\bplans to\b/, 'has no plans to'], [/\bagreed to\b/, 'refused to'], [/\bis expected to\b/, 'is not expected to'],
  [/\bmay\b(?! not)/, 'will'], [/\bcould\b(?! not)/, 'will'], [/\bmight\b(?! not)/, 'will'], [/\bintends to\b/, 'has ruled out plans to'],
  [/\bis likely to\b/, 'is certain to'], [/\bwants to\b/, 'has refused to']
]
const NEGATABLE = /\b(is|was|were|are|will|has|have|had|would|could|can|did|does|should)\b(?! not)(?!n't)/
const NEGATED = /\b(is|was|were|are|will|has|have|had|would|could|can|did|does|should) not /

const synonymsOf = (() => {
  const names = wordnet.names.split('\n')
  const synsetsOf = (k: number) => [...wordnet.lemmaSynsets.items.subarray(wordnet.lemmaSynsets.start[k], wordnet.lemmaSynsets.start[k + 1])]
  const index = new Map(names.map((name, k) => [name, k]))
  const bySynset = new Map<number, string[]>()
  names.forEach((lemma, k) => {
    for (const id of synsetsOf(k)) (bySynset.get(id) ?? bySynset.set(id, []).get(id)!).push(lemma)
  })
  return (word: string, pos: string): string[] => {
    const k = index.get(word.toLowerCase())
    const ids = k === undefined ? [] : synsetsOf(k)
    const first = ids.filter((id) => String.fromCharCode(wordnet.pos[id]) === pos).slice(0, 2)
    return [...new Set(first.flatMap((id) => bySynset.get(id) ?? []))].filter((w) => w !== word.toLowerCase() && !w.includes('_') && /^[a-z]+$/.test(w))
  }
})()

function sentencesOf(text: string): string[] {
  return text.split(/\n\s*\n/).flatMap((p) => (nlp(p.replace(/\s+/g, ' ').trim()).sentences().out('array') as string[])).map((s) => s.trim()).filter(Boolean)
}

const words = (s: string) => s.split(/\s+/).filter(Boolean).length
const usable = (s: string) => words(s) >= 8 && words(s) <= 60 && !/["“”]/.test(s) && /[.!?]$/.test(s)

function replaceAt(s: string, from: number, to: number, by: string): string {
  return s.slice(0, from) + by + s.slice(to)
}

/** A name as compromise returns it, without a possessive or trailing punctuation ("Texas'" → "Texas", not "Texa"). */
const bare = (p: string) => p.replace(/(['’]s?|[.,;:])+$/, '')
/** One or two capitalised words, not one that only opens a name ("The", "New"). */
const placeShaped = (p: string) => /^\p{Lu}\p{Ll}+( \p{Lu}\p{Ll}+)?$/u.test(p) && !/^(The|New|North|South|East|West|Central|Great)$/.test(p)

/** Plant one error of `kind` into sentence `s`; undefined when the kind does not apply. `ctx` holds the cluster's texts. */
function plant(kind: Kind, s: string, random: () => number, ctx: {next?: string; people: string[]; places: string[]; foreign: string[]}): {text: string; change: string} | undefined {
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]
  switch (kind) {
    case 'number': {
      // Not a number that is part of a name ("Fox 4", "Channel 5") or a year.
      const nums = [...s.matchAll(/(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d,]*\d)/g)].filter((m) => !/^(1[89]|20)\d\d$/.test(m[1]) && Number(m[1].replace(/,/g, '')) >= 3 && !/\p{Lu}\S*\s$/u.test(s.slice(Math.max(0, m.index! - 12), m.index!)))
      if (!nums.length) return
      const m = pick(nums)
      const value = Number(m[1].replace(/,/g, ''))
      const factor = pick([0.5, 0.7, 1.3, 1.6, 2.5])
      const decimals = m[1].includes('.') ? m[1].split('.')[1].length : 0
      let next = Number((value * factor).toFixed(decimals))
      if (next === value) next = value + (decimals ? 1 : 2)
      const text = m[1].includes(',') ? next.toLocaleString('en-US', {maximumFractionDigits: decimals}) : next.toFixed(decimals)
      return {text: replaceAt(s, m.index!, m.index! + m[1].length, text), change: `${m[1]} → ${text}`}
    }
    case 'condensed-number': {
      if (!ctx.next || !usable(ctx.next) || words(s) + words(ctx.next) > 60) return
      const second = plant('number', ctx.next, random, ctx)
      if (!second) return
      const first = nlp(second.text).json()[0]?.terms?.[0] as {tags: string[]} | undefined
      const tail = first && !first.tags.includes('ProperNoun') && !first.tags.includes('Acronym') ? second.text.replace(/^\p{Lu}(?=\p{Ll})/u, (c) => c.toLowerCase()) : second.text
      return {text: `${s.replace(/[.!?]$/, '')}, and ${tail}`, change: `merged with the next sentence; ${second.change}`}
    }
    case 'role-swap': {
      const people = (nlp(s).people().out('array') as string[]).map(bare).filter((p) => p.length > 2 && s.includes(p))
      const distinct = [...new Set(people)].filter((p, _, all) => !all.some((q) => q !== p && (q.includes(p) || p.includes(q))))
      if (distinct.length < 2) return
      const [a, b] = distinct.sort((x, y) => s.indexOf(x) - s.indexOf(y))
      // Roles, not a list: a verb between the two names, and they are not items of one list ("A, B and C").
      if (!/^\p{Lu}/u.test(a) || !/^\p{Lu}/u.test(b)) return
      const between = s.slice(s.indexOf(a) + a.length, s.indexOf(b))
      if (!nlp(between).has('#Verb') || /^(,| and | or )/.test(between) || /,\s*$/.test(between)) return
      const text = s.split(a).map((part) => part.split(b).join('\u0000')).join(b).split('\u0000').join(a)
      return text === s ? undefined : {text, change: `${a} ↔ ${b}`}
    }
    case 'antonym': {
      const found = ANTONYMS.flatMap(([a, b]) => [[a, b], [b, a]]).filter(([a]) => new RegExp(`\\b${a}\\b`).test(s))
      if (!found.length) return
      const [a, b] = pick(found)
      return {text: s.replace(new RegExp(`\\b${a}\\b`), b), change: `${a} → ${b}`}
    }
    case 'negation': {
      if (NEGATED.test(s) && random() < 0.5) return {text: s.replace(NEGATED, '$1 '), change: 'not removed'}
      const m = s.match(NEGATABLE)
      if (!m) return
      return {text: replaceAt(s, m.index!, m.index! + m[0].length, `${m[0]} not`), change: `${m[0]} → ${m[0]} not`}
    }
    case 'quantifier': {
      // A count of people or things as the subject or object ("two people", "14 men"), not inside a larger number or after "the".
      const small = s.match(/(?<![\d,.]|\b(?:the|of|all|its|their|his|her|every|one) )\b(two|three|four|five|six|seven|eight|nine|ten|\d+) (people|men|women|children|workers|soldiers|civilians|police|officers|passengers|companies|firms|banks|countries|members|players|staff|employees|jobs)\b/i)
      if (small) return {text: replaceAt(s, small.index!, small.index! + small[1].length, 'no'), change: `${small[1]} → no`}
      const all = s.match(/\b(all|both) (of )?(the )?(\p{L}+)/iu)
      if (all && all.index! > 0 && nlp(all[4]).has('#Plural') && !nlp(all[4]).has('#Pronoun') && !/^(its|their|his|her|our|these|those)$/i.test(all[4])) {
        const end = all.index! + all[0].length - all[4].length
        return {text: replaceAt(s, all.index!, end, 'none of the '), change: `${all[0]} → none of the ${all[4]}`}
      }
      const none = s.match(/\bno (one|injuries|deaths|casualties|survivors|decision|agreement)\b/i)
      if (none) return {text: replaceAt(s, none.index!, none.index! + 2, 'three'), change: `no → three`}
      return
    }
    case 'time': {
      const day = WEEKDAYS.find((d) => new RegExp(`\\b${d}\\b`).test(s))
      if (day) {
        const other = pick(WEEKDAYS.filter((d) => d !== day))
        return {text: s.replace(new RegExp(`\\b${day}\\b`), other), change: `${day} → ${other}`}
      }
      const month = MONTHS.find((d) => new RegExp(`\\b${d}\\b`).test(s))
      if (month) {
        const other = pick(MONTHS.filter((d) => d !== month))
        return {text: s.replace(new RegExp(`\\b${month}\\b`), other), change: `${month} → ${other}`}
      }
      const season = SEASONS.find((d) => new RegExp(`\\b${d}\\b`, 'i').test(s))
      if (season) {
        const other = pick(SEASONS.filter((d) => d !== season))
        return {text: s.replace(new RegExp(`\\b${season}\\b`, 'i'), other), change: `${season} → ${other}`}
      }
      const rel = s.match(/\b(last|next) (week|month|year)\b/)
      if (rel) return {text: replaceAt(s, rel.index!, rel.index! + rel[1].length, rel[1] === 'last' ? 'next' : 'last'), change: `${rel[0]} flipped`}
      const ba = s.match(/\b(before|after)\b/)
      if (ba) return {text: replaceAt(s, ba.index!, ba.index! + ba[1].length, ba[1] === 'before' ? 'after' : 'before'), change: `${ba[1]} flipped`}
      return
    }
    case 'place': {
      // A place as compromise finds it, one or two capitalised words, not a word that only opens a name ("The", "New").
      const here = (nlp(s).places().out('array') as string[]).map(bare).filter((p) => placeShaped(p) && new RegExp(`(?<=.)\\b${p}\\b`).test(s))
      if (!here.length) return
      const p = pick(here)
      const others = ctx.places.filter((q) => q !== p && !q.includes(p) && !p.includes(q) && !s.includes(q))
      if (!others.length) return
      const q = pick(others)
      return {text: s.replace(new RegExp(`(?<=.)\\b${p}\\b`), q), change: `${p} → ${q}`}
    }
    case 'modality': {
      const found = MODAL.filter(([re]) => re.test(s))
      if (!found.length) return
      const [re, by] = pick(found)
      const m = s.match(re)!
      return {text: replaceAt(s, m.index!, m.index! + m[0].length, by), change: `${m[0]} → ${by}`}
    }
    case 'invented-event': {
      // A real sentence of another article about one person, given to a person of this cluster: an event
      // the sources never mention, told with a name they do.
      if (!ctx.people.length) return
      for (let tries = 0; tries < 40; tries++) {
        const other = pick(ctx.foreign)
        if (!other || !usable(other) || /\d/.test(other)) continue
        const people = (nlp(other).people().out('array') as string[]).map(bare)
        if (people.length !== 1 || !other.includes(people[0])) continue
        const text = other.replace(people[0], pick(ctx.people))
        // Only the given name may be capitalised: an invented event told with known names, nothing else to find.
        const caps = text.split(/\s+/).slice(1).filter((w) => /^\p{Lu}/u.test(w))
        if (caps.some((w) => !ctx.people.some((p) => p.includes(w.replace(/[^\p{L}]/gu, ''))))) continue
        return {text, change: `sentence of another article, about ${people[0]}`}
      }
      return
    }
    case 'spun-sentence': {
      const terms = nlp(s).json()[0]?.terms as Array<{text: string; tags: string[]}> | undefined
      if (!terms) return
      const candidates = terms
        .map((t, i) => ({t, i, pos: t.tags.includes('Noun') ? 'n' : t.tags.includes('Verb') ? 'v' : t.tags.includes('Adjective') ? 'a' : ''}))
        .filter(({t, pos, i}) => i > 0 && pos && /^[a-z]{4,}$/.test(t.text) && !t.tags.includes('ProperNoun') && synonymsOf(t.text, pos).length)
      if (candidates.length < 5) return
      const chosen = candidates.sort(() => random() - 0.5).slice(0, 4 + Math.floor(random() * 2))
      let text = s
      const swaps: string[] = []
      for (const {t, pos} of chosen) {
        const by = pick(synonymsOf(t.text, pos))
        text = text.replace(new RegExp(`\\b${t.text}\\b`), by)
        swaps.push(`${t.text}→${by}`)
      }
      return text === s ? undefined : {text, change: swaps.join(', ')}
    }
    case 'collocation': {
      const lower = s.toLowerCase()
      const found = spinner.filter(([t, c]) => c.split(' ').length >= 2 && lower.includes(` ${c} `) && t.split(' ').length === c.split(' ').length)
      if (!found.length) return
      const [t, c] = pick(found)
      const at = lower.indexOf(` ${c} `) + 1
      if (/\p{Lu}/u.test(s.slice(at, at + c.length))) return // a name ("New York"): the capitalised kind
      return {text: replaceAt(s, at, at + c.length, t), change: `${c} → ${t}`}
    }
    case 'capitalised-swap': {
      const names = [...s.matchAll(/(?<=\s)((?:\p{Lu}\p{Ll}+ ){1,2}\p{Lu}\p{Ll}+)/gu)].map((m) => ({m: m[1], at: m.index!}))
      for (const {m, at} of names) {
        const parts = m.split(' ')
        // Titles and short forms ("Mr" → "Mister", "Co") are spelt-out variants, not swaps.
        const swapped = parts.map((w) => {
          if (w.length < 4 || /^(Mister|Saint|Doctor|Mount|Fort|Street)$/.test(w)) return w
          const syn = synonymsOf(w.toLowerCase(), 'a').concat(synonymsOf(w.toLowerCase(), 'n'), synonymsOf(w.toLowerCase(), 'v'))
          return syn.length && !/^(mister|saint|doctor|mount|fort|street)$/.test(syn[0]) ? syn[0][0].toUpperCase() + syn[0].slice(1) : w
        })
        if (swapped.filter((w, i) => w !== parts[i]).length === 0) continue
        const text = swapped.join(' ')
        return {text: replaceAt(s, at, at + m.length, text), change: `${m} → ${text}`}
      }
      return
    }
  }
}

interface Cluster {
  id: string
  origin: 'honest-dev' | 'news'
  sources: Record<string, string>
  /** Sentences to plant into, and the text they sit in. */
  draft: string
  sentences: string[]
}

function honestClusters(root: string): Cluster[] {
  return fs.readdirSync(root).filter((d) => fs.existsSync(path.join(root, d, 'draft.txt'))).sort().map((d) => {
    const dir = path.join(root, d, 'sources')
    const sources: Record<string, string> = {}
    for (const f of fs.readdirSync(dir).sort()) sources[f] = fs.readFileSync(path.join(dir, f), 'utf8')
    const draft = fs.readFileSync(path.join(root, d, 'draft.txt'), 'utf8')
    return {id: d, origin: 'honest-dev' as const, sources, draft, sentences: sentencesOf(draft)}
  })
}

function newsClusters(file: string, random: () => number, count: number): Cluster[] {
  const articles = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as {id: string; text: string})
  const out: Cluster[] = []
  const seen = new Set<number>()
  while (out.length < count && seen.size < articles.length) {
    const i = Math.floor(random() * articles.length)
    if (seen.has(i)) continue
    seen.add(i)
    const a = articles[i]
    const sentences = sentencesOf(a.text.split('\n').slice(1).join('\n'))
    if (sentences.length < 5) continue
    const sources: Record<string, string> = {[`${a.id}.txt`]: a.text}
    for (let k = 0; k < 3; k++) {
      const o = articles[Math.floor(random() * articles.length)]
      sources[`${o.id}.txt`] = o.text
    }
    out.push({id: a.id, origin: 'news', sources, draft: '', sentences})
  }
  return out
}

export function buildPlanted(options: {seed: number; perKind: number; honest: string; news: string}): {items: PlantedItem[]} {
  const random = seeded(options.seed)
  const clusters = [...(fs.existsSync(options.honest) ? honestClusters(options.honest) : []), ...(fs.existsSync(options.news) ? newsClusters(options.news, random, 600) : [])]
  const allSentences = clusters.flatMap((c) => (c.origin === 'news' ? c.sentences : []))
  const placesIn = (texts: string[]) => [...new Set(texts.flatMap((t) => (nlp(t).places().out('array') as string[]).map(bare).filter(placeShaped)))]
  const globalPlaces = placesIn(allSentences.slice(0, 3000))
  const items: PlantedItem[] = []
  const peopleOf = new Map<Cluster, string[]>()
  const placesOf = new Map<Cluster, string[]>()
  for (const kind of KINDS) {
    let made = 0
    const order = clusters.map((c) => ({c, r: random()})).sort((a, b) => a.r - b.r).map((x) => x.c)
    // Half from real human summaries, half from real articles, where the kind applies.
    for (const origin of ['honest-dev', 'news'] as const) {
      let fromOrigin = 0
      for (const c of order) {
        if (c.origin !== origin || fromOrigin >= Math.ceil(options.perKind / 2) || made >= options.perKind) continue
        const people = peopleOf.get(c) ?? [...new Set(Object.values(c.sources).flatMap((t) => (nlp(t.slice(0, 4000)).people().out('array') as string[]).map(bare).filter((p) => /^\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+$/u.test(p))))]
        peopleOf.set(c, people)
        const places = placesOf.get(c) ?? [...placesIn([c.sentences.join(' ')]), ...globalPlaces]
        placesOf.set(c, places)
        const order2 = c.sentences.map((s, i) => ({s, i, r: random()})).sort((a, b) => a.r - b.r)
        for (const {s, i} of order2) {
          if (!usable(s)) continue
          const planted = plant(kind, s, random, {next: c.sentences[i + 1], people, places, foreign: allSentences.slice(Math.floor(random() * (allSentences.length - 200))).slice(0, 200)})
          if (!planted || planted.text === s) continue
          const context = origin === 'news' ? c.sentences.slice(Math.max(0, i - 1), i + (kind === 'condensed-number' ? 3 : 2)) : undefined
          let control: string
          let text: string
          let start: number
          if (context) {
            const target = kind === 'condensed-number' ? `${s} ${c.sentences[i + 1]}` : s
            control = context.join(' ')
            const at = control.indexOf(target)
            if (at < 0) continue
            text = control.slice(0, at) + planted.text + control.slice(at + target.length)
            start = at
            if (kind === 'invented-event') {
              control = context.join(' ')
              text = `${context.join(' ')} ${planted.text}`
              start = control.length + 1
            }
          } else {
            const at = c.draft.indexOf(s)
            const target = kind === 'condensed-number' ? c.draft.slice(at, c.draft.indexOf(c.sentences[i + 1] ?? '\u0000', at) + (c.sentences[i + 1]?.length ?? 0)) : s
            if (at < 0 || (kind === 'condensed-number' && !target.endsWith(c.sentences[i + 1] ?? '\u0000'))) continue
            control = c.draft
            if (kind === 'invented-event') {
              text = c.draft.slice(0, at + s.length) + ' ' + planted.text + c.draft.slice(at + s.length)
              start = at + s.length + 1
            } else {
              text = c.draft.slice(0, at) + planted.text + c.draft.slice(at + target.length)
              start = at
            }
          }
          items.push({id: `${kind}/${c.id}/${i}`, kind, origin, sources: c.sources, control, planted: text, start, end: start + planted.text.length, change: planted.change})
          made++
          fromOrigin++
          break // one item per cluster and kind
        }
      }
    }
  }
  return {items}
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const {values} = parseArgs({options: {seed: {type: 'string', default: '8'}, 'per-kind': {type: 'string', default: '40'}, out: {type: 'string', default: 'bench/out/planted.json'}, honest: {type: 'string', default: '../shared/data/honest-dev'}, news: {type: 'string', default: '../shared/data/news-corpus/news.jsonl.gz'}}})
  const set = buildPlanted({seed: Number(values.seed), perKind: Number(values['per-kind']), honest: values.honest!, news: values.news!})
  fs.mkdirSync(path.dirname(values.out!), {recursive: true})
  fs.writeFileSync(values.out!, JSON.stringify(set))
  const byKind = new Map<string, number>()
  for (const item of set.items) byKind.set(`${item.kind} (${item.origin})`, (byKind.get(`${item.kind} (${item.origin})`) ?? 0) + 1)
  console.log(`${set.items.length} planted items (each with its control) → ${values.out}`)
  for (const [k, n] of [...byKind].sort()) console.log(`  ${k}: ${n}`)
}
