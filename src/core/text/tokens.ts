// Word tokens with exact offsets and a matching form. Everything that compares draft and source
// text goes through here, so curly quotes, diacritics, "U.S."/"US" and "haven't"/"have not"
// compare equal while every reported position stays on the original characters.
import {stemmer} from 'stemmer'

export interface Token {
  /** Original characters. */
  value: string
  /** Matching form: lower case, curly quotes straightened, diacritics folded, initialism dots and possessive 's dropped. */
  norm: string
  /** Porter stem of `norm` (numbers: `norm`). */
  stem: string
  /** UTF-16 offsets in the text the token was read from. */
  start: number
  end: number
  kind: 'word' | 'number'
}

const INITIALISM = /^\p{L}(?:\.\p{L})+\.?$/u

// An initialism (U.S., U.N.), a number (7,644 / 3.2), or a word with inner apostrophes.
const TOKEN = /\p{L}(?:\.\p{L})+\.?|\d+(?:[.,]\d+)*|[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*/gu

const CONTRACTION_SPECIAL: Record<string, string> = {"won't": 'will', "can't": 'can', "shan't": 'shall', "ain't": 'is'}

export function foldCase(value: string): string {
  // Fast path: plain ASCII needs only lower-casing (most words in English copy).
  if (/^[\x20-\x7e]*$/.test(value)) return (value.includes('`') ? value.replace(/`/g, "'") : value).toLowerCase()
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘`´]/g, "'")
    .toLowerCase()
}

/** Tokenize `text`; offsets are shifted by `base` (the text's own offset in a larger document). */
export function tokenize(text: string, base = 0): Token[] {
  const tokens: Token[] = []
  // exec rather than matchAll: no copy of the pattern and no iterator result per word (measurable garbage:
  // every sentence of every check and ingest comes through here).
  TOKEN.lastIndex = 0
  for (let match = TOKEN.exec(text); match; match = TOKEN.exec(text)) {
    const value = match[0]
    const start = base + match.index
    const end = start + value.length
    if (/^\d/.test(value)) {
      const norm = value.replace(/,(?=\d{3}\b)/g, '')
      tokens.push({value, norm, stem: norm, start, end, kind: 'number'})
      continue
    }
    let norm = foldCase(value)
    if (INITIALISM.test(value)) norm = norm.replace(/\./g, '')
    // n't → separate "not" token sharing the contraction's tail, so "haven't" aligns with "have not".
    const negated = /n't$/.exec(norm)
    if (negated && norm.length > 3) {
      const head = CONTRACTION_SPECIAL[norm] ?? norm.slice(0, -3)
      tokens.push(word(value.slice(0, -3), head, start, end - 3))
      tokens.push(word(value.slice(-3), 'not', end - 3, end))
      continue
    }
    if (norm === 'cannot') {
      tokens.push(word(value.slice(0, 3), 'can', start, start + 3), word(value.slice(3), 'not', start + 3, end))
      continue
    }
    // Possessives: "Kenya's" → "kenya", "workers'" → "workers" (checked first: most words have neither).
    if (norm.endsWith("'s")) norm = norm.slice(0, -2)
    else if (norm.endsWith("s'")) norm = norm.slice(0, -1)
    tokens.push(word(value, norm, start, end))
  }
  return tokens
}

const stems = new Map<string, string>()

/** Porter stem, memoised: the same few thousand words recur across drafts and sources. */
function stem(norm: string): string {
  let result = stems.get(norm)
  if (result === undefined) {
    result = stemmer(norm.replace(/'/g, ''))
    if (stems.size > 1_000_000) stems.clear()
    stems.set(norm, result)
  }
  return result
}

function word(value: string, norm: string, start: number, end: number): Token {
  return {value, norm, stem: stem(norm), start, end, kind: 'word'}
}

/** Function words: aligned but not counted as content (support, coverage, retrieval). */
export const STOPWORDS = new Set(
  ('a an the and or but nor so yet of to in on at by for with from into onto over under about as than then that this these those ' +
    'it its is are was were be been being am has have had do does did will would shall should can could may might must ' +
    'he she they we i you him her them us me his hers their our my your who whom whose which what when where why how ' +
    'there here also just very too not no s said says say told')
    .split(' ')
)

export function isContent(token: Token): boolean {
  return token.kind === 'number' || !STOPWORDS.has(token.norm)
}
