// Windows of a long draft: the slices around what is on screen that get checked first (or only, past
// maxDraftChars), cut at paragraph, line, sentence or word boundaries.
/** Paragraph-aligned slices around the visible ranges (plus a margin), merged. */
export function windows(text: string, ranges: Array<{start: number; end: number}>): Array<[number, number]> {
  const margin = 5000
  const spans = ranges.map(({start, end}): [number, number] => {
    let a = Math.max(0, start - margin)
    let b = Math.min(text.length, end + margin)
    return [boundary(text, a, -1), boundary(text, b, 1)]
  }).sort((x, y) => x[0] - y[0])
  const merged: Array<[number, number]> = []
  for (const s of spans) {
    const last = merged[merged.length - 1]
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1])
    else merged.push(s)
  }
  return merged
}

/** A place to cut a long draft near `at`: a blank line, else a line break, else a sentence end, else
 * a space, within a few thousand characters; a draft without blank lines is still cut into windows. */
export function boundary(text: string, at: number, direction: -1 | 1): number {
  if (at <= 0) return 0
  if (at >= text.length) return text.length
  const reach = 4000
  for (const re of [/\n[ \t]*\n/g, /\n/g, /[.!?]["”’)]?\s/g, /\s/g]) {
    const lo = Math.max(0, at - reach)
    const hi = Math.min(text.length, at + reach)
    let best = -1
    re.lastIndex = lo
    for (let m = re.exec(text); m && m.index < hi; m = re.exec(text)) {
      const cut = m.index + m[0].length
      if (direction < 0 ? cut <= at : cut >= at) {
        if (direction < 0) best = cut
        else {
          best = cut
          break
        }
      }
    }
    if (best >= 0) return best
  }
  return at
}

