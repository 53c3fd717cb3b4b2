// The draft as the checks see it: sentences with exact offsets and tokens, built once per check
// from the NLCST tree and shared by every check through `file.data`.
import type {Root as NlcstRoot, Sentence as NlcstSentence} from 'nlcst'
import type {VFile} from 'vfile'
import {classifyBoilerplate} from './corpus/boilerplate.js'
import {tokenize, type Token} from './text/tokens.js'

export interface DraftSentence {
  index: number
  /** UTF-16 offsets in the draft as read. */
  start: number
  end: number
  /** Original characters of the sentence. */
  text: string
  /** Tokens with offsets in the draft. */
  tokens: Token[]
  paragraph: number
  /** Page furniture pasted into the draft (newsletter boxes, "Source:" lines): never checked. */
  boilerplate: boolean
  /** A heading or title line (no sentence punctuation): checked for swaps, not for support. */
  heading: boolean
}

export interface Draft {
  /** The text the parser saw: the draft as read, with Markdown syntax blanked to spaces (same offsets). */
  text: string
  sentences: DraftSentence[]
}

declare module 'vfile' {
  interface DataMap {
    corroborateDraft: Draft
  }
}

/** The draft model for `file`, built from its NLCST tree on first use. */
export function draftOf(tree: NlcstRoot, file: VFile): Draft {
  const cached = file.data.corroborateDraft
  if (cached) return cached
  const text = parsedText(file)
  const sentences: DraftSentence[] = []
  const paragraphs: NlcstSentence[][] = []
  for (const paragraph of tree.children) {
    if (paragraph.type !== 'ParagraphNode') continue
    paragraphs.push(paragraph.children.filter((s): s is NlcstSentence => s.type === 'SentenceNode'))
  }
  const furniture = classifyBoilerplate(paragraphs.map((p) => p.map((s) => spanText(text, s)).join(' ')))
  paragraphs.forEach((paragraph, p) => {
    for (const [start, end] of paragraph.flatMap((node) => lineSplit(node, text))) {
      const sentenceText = text.slice(start, end)
      const tokens = tokenize(sentenceText, start)
      if (tokens.length === 0) continue
      sentences.push({
        index: sentences.length,
        start,
        end,
        text: sentenceText,
        tokens,
        paragraph: p,
        boilerplate: furniture[p],
        heading: paragraph.length === 1 && !/[.!?…"”’)]\s*$/.test(sentenceText)
      })
    }
  })
  const draft = {text, sentences}
  file.data.corroborateDraft = draft
  return draft
}

/** parse-english joins lines inside a paragraph; in news copy a line that ends a sentence ends it,
 * even without a blank line after it. */
function lineSplit(node: NlcstSentence, parsed: string): Array<[number, number]> {
  const start = node.position?.start.offset ?? 0
  const end = node.position?.end.offset ?? start
  const spans: Array<[number, number]> = []
  let from = start
  const text = node.position ? parsed.slice(start, end) : ''
  for (const m of text.matchAll(/(?<=[.!?…"”’])[ \t]*\r?\n\s*/g)) {
    spans.push([from, start + m.index])
    from = start + m.index + m[0].length
  }
  spans.push([from, end])
  return spans.filter(([a, b]) => b > a)
}

function spanText(text: string, node: NlcstSentence): string {
  return text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0)
}

declare module 'vfile' {
  interface DataMap {
    /** The draft text as parsed (Markdown syntax blanked), set by the parser. */
    corroborateParsedText: string
  }
}

export function parsedText(file: VFile): string {
  return file.data.corroborateParsedText ?? String(file.value)
}
