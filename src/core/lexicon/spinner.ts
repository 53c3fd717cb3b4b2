// Known article-spinner output: the Problematic Paper Screener's tortured phrases (CC BY 4.0, see
// data/README.md), matched over normalised word sequences, and the one-word swaps they contain.
import phrases from '../../../data/generated/spinner.js'

export interface SpinnerHit {
  /** Word indexes [start, end) in the words given. */
  start: number
  end: number
  phrase: string
  expected: string
}

const byFirst = new Map<string, Array<{words: string[]; phrase: string; expected: string}>>()
const pairs = new Set<string>()
for (const [tortured, correct] of phrases) {
  const words = tortured.split(' ')
  const list = byFirst.get(words[0])
  const entry = {words, phrase: tortured, expected: correct}
  if (list) list.push(entry)
  else byFirst.set(words[0], [entry])
  // "profound learning" → "deep learning" teaches the swap profound ↔ deep.
  const right = correct.split(' ')
  if (right.length === words.length) {
    const diff = words.map((w, i) => [w, right[i]]).filter(([w, r]) => w !== r)
    if (diff.length === 1) pairs.add(`${diff[0][0]}|${diff[0][1]}`)
  }
}
for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length)

/** Known spinner phrases in a sequence of lower-cased words, longest match first, not overlapping. */
export function findSpinnerPhrases(words: string[]): SpinnerHit[] {
  const hits: SpinnerHit[] = []
  for (let i = 0; i < words.length; i++) {
    const entry = byFirst.get(words[i])?.find((e) => e.words.every((w, j) => words[i + j] === w))
    if (!entry) continue
    hits.push({start: i, end: i + entry.words.length, phrase: entry.phrase, expected: entry.expected})
    i += entry.words.length - 1
  }
  return hits
}

/** Is draft word `a` for source word `b` a swap spinners are known to make? */
export function spinnerWordPairs(a: string, b: string): boolean {
  return pairs.has(`${a}|${b}`)
}
