// Quotations in running text: curly “…” and straight "…" at the top level (single quotes inside
// them are nested quotes, and ’ inside words is an apostrophe). A quote left open at the end of a
// paragraph is closed there: the news convention for a quote continued in the next paragraph,
// which opens again with its own mark.
export interface QuoteSpan {
  /** Offsets of the quoted words, without the quotation marks. */
  start: number
  end: number
  /** Offsets including the marks. */
  outerStart: number
  outerEnd: number
  text: string
}

/** Quotes longer than this are unbalanced marks, not quotations. */
const MAX_QUOTE = 3000

export function extractQuotes(text: string): QuoteSpan[] {
  const quotes: QuoteSpan[] = []
  let open = -1
  let curly = false
  const close = (at: number, outerEnd: number) => {
    const start = open + 1
    if (at > start && at - start <= MAX_QUOTE && /\p{L}/u.test(text.slice(start, at))) {
      quotes.push({start, end: at, outerStart: open, outerEnd, text: text.slice(start, at)})
    }
    open = -1
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (open >= 0 && (c === '\n' || c === '\r') && paragraphEnds(text, i)) {
      close(trimEnd(text, i), i) // continued in the next paragraph, or unbalanced
      continue
    }
    if (c === '“') {
      if (open >= 0) close(trimEnd(text, i), i)
      open = i
      curly = true
    } else if (c === '”') {
      // Copy pasted from several places mixes straight and curly marks: a closing mark closes either.
      if (open >= 0) close(i, i + 1)
    } else if (c === '"') {
      if (open >= 0 && (!curly || closesHere(text, i))) close(i, i + 1)
      else if (open < 0 && opensHere(text, i)) {
        open = i
        curly = false
      }
    }
  }
  if (open >= 0) close(trimEnd(text, text.length), text.length)
  return quotes
}

/** A straight quote opens when it follows a space or opening punctuation and precedes a word. */
function opensHere(text: string, i: number): boolean {
  const before = i === 0 ? ' ' : text[i - 1]
  const after = text[i + 1] ?? ' '
  return /[\s([{—–-]/.test(before) && /[^\s]/.test(after)
}

/** A straight quote closes when it follows a word or punctuation and precedes a space, punctuation or the end. */
function closesHere(text: string, i: number): boolean {
  const before = i === 0 ? ' ' : text[i - 1]
  const after = text[i + 1] ?? ' '
  return /[^\s]/.test(before) && /[\s.,;:!?)\]—–-]/.test(after)
}

/** Plain text news copy ends a paragraph at a line break; Markdown at a blank line. A line break
 * inside a quote ends it when the next line opens a new quote or the line ends a sentence. */
function paragraphEnds(text: string, i: number): boolean {
  const rest = text.slice(i, i + 4)
  if (/^\r?\n[ \t]*\r?\n/.test(rest)) return true
  const next = /^\r?\n[ \t]*(.)/.exec(text.slice(i, i + 40))
  const prev = text.slice(Math.max(0, i - 2), i)
  return Boolean(next && (/[“"]/.test(next[1]) || /[.!?…,]$/.test(prev)))
}

function trimEnd(text: string, at: number): number {
  while (at > 0 && /\s/.test(text[at - 1])) at--
  return at
}

/** Offsets of ellipses ("…", "...", ". . .") inside a quote: words the writer left out there. */
export function ellipses(text: string, base = 0): Array<[number, number]> {
  return [...text.matchAll(/…|\.\s?\.\s?\./g)].map((m) => [base + m.index, base + m.index + m[0].length])
}

/** Offsets of [bracketed] insertions inside a quote: the writer's words, not the speaker's. */
export function brackets(text: string, base = 0): Array<[number, number]> {
  return [...text.matchAll(/\[[^\]]*\]|\([^)]*\)/g)].map((m) => [base + m.index, base + m.index + m[0].length])
}
