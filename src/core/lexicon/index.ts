// STUB by the lead so the engine builds before the lexicon lands. Lexicon engineer: replace this
// file freely; keep these export names and signatures (the paraphrase check imports them).
export interface Relation {
  kind: 'synonym' | 'related' | 'morph'
  pos: 'n' | 'v' | 'a' | 'r'
  senseRankA: number
  senseRankB: number
}

export function relation(a: string, b: string): Relation | undefined {
  void a
  void b
  return undefined
}

export function lemmas(word: string): string[] {
  return [word]
}

export function frequency(word: string): number {
  void word
  return 0
}

export function spinnerWordPairs(a: string, b: string): boolean {
  void a
  void b
  return false
}

export function findSpinnerPhrases(words: string[]): Array<{start: number; end: number; phrase: string; expected: string}> {
  void words
  return []
}
