// Quantities as values: "five" and "5", "3.2 million" and "3,200,000", "forty-nine" and "49" are the
// same number. Shared by alignment (comparison keys), the claim checks and the corpus index.
import type {Token} from './tokens.js'

/** Number words by value. A Map, not an object: "constructor" is not a number. */
export const NUMBER_WORDS = new Map<string, string>(Object.entries({
  zero: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10',
  eleven: '11', twelve: '12', thirteen: '13', fourteen: '14', fifteen: '15', sixteen: '16', seventeen: '17', eighteen: '18',
  nineteen: '19', twenty: '20', thirty: '30', forty: '40', fifty: '50', sixty: '60', seventy: '70', eighty: '80', ninety: '90',
  first: '1st', second: '2nd', third: '3rd', fourth: '4th', fifth: '5th'
}))

export const SCALE_VALUE = new Map<string, number>(Object.entries({hundred: 1e2, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12,
  dozen: 12, k: 1e3, m: 1e6, mn: 1e6, bn: 1e9, tn: 1e12}))

/** Words that belong to a written quantity without being one exact value ("hundreds", "per cent"). */
export const SCALE_WORDS = new Set(['hundred', 'hundreds', 'thousand', 'thousands', 'million', 'millions', 'billion', 'billions', 'trillion',
  'trillions', 'dozen', 'dozens', 'tens', 'percent', 'per', 'cent', 'm', 'mn', 'bn', 'tn', 'k', 'half', 'quarter', 'twice', 'double', 'triple'])

/** The value a number word or numeral stands for, as a string key ("five" → "5"), else undefined. */
export function numberKey(token: Token): string | undefined {
  if (token.kind === 'number') return token.norm
  return NUMBER_WORDS.get(token.norm)
}

/** The value of a written quantity ("3.2 million", "3,200,000", "five", "$2.5m", "forty-nine"), or
 * undefined when the words are not one exact quantity ("hundreds", "tens of thousands"). */
export function quantityValue(tokens: Token[]): number | undefined {
  let value: number | undefined
  let lastWasTens = false
  for (const t of tokens) {
    const key = numberKey(t) ?? t.norm
    if (/^\d+(\.\d+)?$/.test(key)) {
      const n = Number(key)
      // "forty-nine": a tens word followed by a unit word is one number.
      if (value !== undefined && lastWasTens && t.kind === 'word' && n < 10) {
        value += n
        lastWasTens = false
        continue
      }
      if (value !== undefined) return undefined
      value = n
      lastWasTens = t.kind === 'word' && n >= 20 && n % 10 === 0
    } else if (SCALE_VALUE.has(t.norm)) {
      value = (value ?? 1) * SCALE_VALUE.get(t.norm)!
      lastWasTens = false
    } else return undefined
  }
  return value
}

const isQuantityWord = (t: Token) => t.kind === 'number' || NUMBER_WORDS.has(t.norm) || SCALE_VALUE.has(t.norm)

/** Every value a sentence states: each numeral alone and each run of quantity words as a whole. */
export function statedValues(tokens: Token[]): number[] {
  const values: number[] = []
  for (let i = 0; i < tokens.length; i++) {
    if (!isQuantityWord(tokens[i])) continue
    let j = i
    while (j < tokens.length && isQuantityWord(tokens[j])) j++
    for (let k = i; k < j; k++) {
      const alone = quantityValue([tokens[k]])
      if (alone !== undefined) values.push(alone)
    }
    const whole = quantityValue(tokens.slice(i, j))
    if (whole !== undefined) values.push(whole)
    i = j - 1
  }
  return values
}
