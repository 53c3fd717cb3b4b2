// Draft sentence ↔ source sentence alignment, shared by the claims and paraphrase checks.
// Greedy string tiling finds the verbatim runs the two sentences share even when clauses move;
// between two runs that are neighbours in both sentences lies an edit (a substitution,
// insertion or deletion), aligned word by word with jsdiff so "sequence of conferences" vs
// "series of meetings" yields two single-word swaps. Checks read facts and swaps off the edits.
import {diffArrays} from 'diff'
import type {SourceSentence} from './corpus/corpus.js'
import {isContent, type Token} from './text/tokens.js'
import {NUMBER_WORDS} from './text/quantities.js'

export interface Tile {
  /** Start indexes in draft and source tokens, and run length. */
  d: number
  s: number
  length: number
}

export interface Edit {
  /** Token index ranges [start, end) in draft and source tokens; an empty side is an insertion/deletion. */
  dStart: number
  dEnd: number
  sStart: number
  sEnd: number
  /** Verbatim tokens on each side of the edit that are neighbours in both sentences. */
  leftAnchor: number
  rightAnchor: number
}

export interface Alignment {
  source: SourceSentence
  draft: Token[]
  /** The draft sentence's text, which `draft` token offsets point into (when known). */
  sentenceText?: string
  tokens: Token[]
  tiles: Tile[]
  edits: Edit[]
  /** Share of the draft's content words found verbatim (by stem) in this source sentence. */
  coverage: number
  /** Share of the source sentence's content words found in the draft. */
  sourceCoverage: number
  /** Share of all draft words (function words too) in verbatim runs: spinners keep the skeleton. */
  tokenCoverage: number
  /** Draft token index → source token index for words that align. */
  matched: Map<number, number>
}

/** Comparison key: stem for words, value for numbers ("five" and "5" are the same key). */
export function keyOf(token: Token): string {
  return NUMBER_WORDS.get(token.norm) ?? token.stem
}

/** Greedy string tiling: longest common runs first, each token used once. Runs of one token are
 * kept only for content words, so "of" and "the" do not tie unrelated clauses together. */
export function tile(a: string[], b: string[], contentA: boolean[]): Tile[] {
  const usedA = new Uint8Array(a.length)
  const usedB = new Uint8Array(b.length)
  const tiles: Tile[] = []
  for (;;) {
    let best: Tile | undefined
    for (let i = 0; i < a.length; i++) {
      if (usedA[i]) continue
      for (let j = 0; j < b.length; j++) {
        if (usedB[j] || a[i] !== b[j]) continue
        let k = 0
        while (i + k < a.length && j + k < b.length && !usedA[i + k] && !usedB[j + k] && a[i + k] === b[j + k]) k++
        // Function words alone ("to the") are no evidence of a shared run; they may only extend a tile (below).
        if (!contentA.slice(i, i + k).some(Boolean)) continue
        if (!best || k > best.length) best = {d: i, s: j, length: k}
      }
    }
    if (!best) {
      // Single function words may still tile when nothing else is left, but only next to an existing tile.
      const next = singleNextToTile(a, b, usedA, usedB, tiles)
      if (!next) break
      usedA[next.d] = usedB[next.s] = 1
      tiles.push(next)
      continue
    }
    for (let k = 0; k < best.length; k++) usedA[best.d + k] = usedB[best.s + k] = 1
    tiles.push(best)
  }
  return tiles.sort((x, y) => x.d - y.d)
}

function singleNextToTile(a: string[], b: string[], usedA: Uint8Array, usedB: Uint8Array, tiles: Tile[]): Tile | undefined {
  for (const t of tiles) {
    const after = {d: t.d + t.length, s: t.s + t.length, length: 1}
    if (after.d < a.length && after.s < b.length && !usedA[after.d] && !usedB[after.s] && a[after.d] === b[after.s]) return after
    const before = {d: t.d - 1, s: t.s - 1, length: 1}
    if (before.d >= 0 && before.s >= 0 && !usedA[before.d] && !usedB[before.s] && a[before.d] === b[before.s]) return before
  }
  return undefined
}

export function align(draft: Token[], source: SourceSentence, sentenceText?: string): Alignment {
  const tokens = source.tokens
  const a = draft.map(keyOf)
  const b = tokens.map(keyOf)
  const tiles = tile(a, b, draft.map(isContent))
  const matched = new Map<number, number>()
  for (const t of tiles) for (let k = 0; k < t.length; k++) matched.set(t.d + k, t.s + k)
  const edits: Edit[] = []
  // Gaps between tiles that are neighbours in both sentences (plus the sentence edges).
  const bySource = [...tiles].sort((x, y) => x.s - y.s)
  const nextInSource = new Map<Tile, Tile | undefined>(bySource.map((t, i) => [t, bySource[i + 1]]))
  const gaps: Array<{dStart: number; dEnd: number; sStart: number; sEnd: number; left: number; right: number}> = []
  if (tiles.length) {
    const first = tiles[0]
    if (bySource[0] === first && (first.d > 0 || first.s > 0)) gaps.push({dStart: 0, dEnd: first.d, sStart: 0, sEnd: first.s, left: 0, right: first.length})
    for (let i = 0; i + 1 < tiles.length; i++) {
      const x = tiles[i]
      const y = tiles[i + 1]
      if (nextInSource.get(x) !== y) continue
      gaps.push({dStart: x.d + x.length, dEnd: y.d, sStart: x.s + x.length, sEnd: y.s, left: x.length, right: y.length})
    }
    const last = tiles[tiles.length - 1]
    if (bySource[bySource.length - 1] === last && (last.d + last.length < a.length || last.s + last.length < b.length)) {
      gaps.push({dStart: last.d + last.length, dEnd: a.length, sStart: last.s + last.length, sEnd: b.length, left: last.length, right: 0})
    }
  }
  for (const gap of gaps) {
    if (gap.dStart === gap.dEnd && gap.sStart === gap.sEnd) continue
    // Word-level diff inside the gap: shared function words split one long edit into several swaps.
    const parts = diffArrays(b.slice(gap.sStart, gap.sEnd), a.slice(gap.dStart, gap.dEnd))
    let d = gap.dStart
    let s = gap.sStart
    let pending: Edit | undefined
    const flush = () => {
      if (pending) edits.push(pending)
      pending = undefined
    }
    for (const part of parts) {
      const n = part.count ?? part.value.length
      if (!part.added && !part.removed) {
        for (let k = 0; k < n; k++) matched.set(d + k, s + k)
        flush()
        d += n
        s += n
        continue
      }
      pending ??= {dStart: d, dEnd: d, sStart: s, sEnd: s, leftAnchor: 0, rightAnchor: 0}
      if (part.added) pending.dEnd = d += n
      else pending.sEnd = s += n
    }
    flush()
  }
  for (const edit of edits) {
    edit.leftAnchor = anchorLength(matched, edit.dStart - 1, edit.sStart - 1, -1)
    edit.rightAnchor = anchorLength(matched, edit.dEnd, edit.sEnd, 1)
  }
  const draftContent = draft.map(isContent)
  const contentTotal = draftContent.filter(Boolean).length || 1
  const contentMatched = [...matched.keys()].filter((i) => draftContent[i]).length
  const sourceContent = tokens.filter(isContent).length || 1
  const sourceMatched = [...matched.values()].filter((j) => isContent(tokens[j])).length
  return {
    source,
    draft,
    sentenceText,
    tokens,
    tiles,
    edits,
    coverage: contentMatched / contentTotal,
    sourceCoverage: sourceMatched / sourceContent,
    tokenCoverage: matched.size / (draft.length || 1),
    matched
  }
}

/** How many aligned tokens run verbatim from (d, s) in direction `step`. */
function anchorLength(matched: Map<number, number>, d: number, s: number, step: 1 | -1): number {
  let n = 0
  while (d >= 0 && matched.get(d) === s) {
    n++
    d += step
    s += step
  }
  return n
}
