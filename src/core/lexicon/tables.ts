// Look-ups in the packed lexicon tables (scripts/build-lexicon.mjs writes them into wordnet.bin): lists of
// numbers per row, and sorted names kept as the one joined string they are stored as, with each name's start
// (a look-up is a binary search comparing characters in place: splitting WordNet's 147,000 lemmas and wink's
// 77,000 words into strings took ~100 ms of every start, and their garbage more).

/** Rows of numbers in two arrays: row k is items[start[k] … start[k + 1]). */
export type Table = {start: Int32Array; items: Int32Array}

/** Row k of a table (a view, not a copy). */
export const listOf = (table: Table, k: number): Int32Array => table.items.subarray(table.start[k], table.start[k + 1])

export class SortedNames {
  readonly size: number

  /** `joined`: the names in code-unit order, each followed by a newline but the last; `starts[k]`: where
   * name k begins (size + 1 entries, the last one past the end). */
  constructor(
    readonly joined: string,
    readonly starts: Int32Array
  ) {
    this.size = starts.length - 1
  }

  /** The name's place, or -1. */
  find(key: string): number {
    let [lo, hi] = [0, this.size - 1]
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const order = this.#compare(mid, key)
      if (order === 0) return mid
      if (order < 0) lo = mid + 1
      else hi = mid - 1
    }
    return -1
  }

  at(k: number): string {
    return this.joined.slice(this.starts[k], this.starts[k + 1] - 1)
  }

  /** Name k against the key, in code-unit order (as `<` compares strings). */
  #compare(k: number, key: string): number {
    const start = this.starts[k]
    const length = this.starts[k + 1] - 1 - start
    const n = Math.min(length, key.length)
    for (let i = 0; i < n; i++) {
      const d = this.joined.charCodeAt(start + i) - key.charCodeAt(i)
      if (d !== 0) return d
    }
    return length - key.length
  }
}
