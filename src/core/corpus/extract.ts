// Turn a source file into text blocks (paragraphs) whose characters map back to the file as read.
// Plain text and Markdown keep the original characters (Markdown syntax is blanked to spaces, so
// offsets do not move); HTML yields the text of block elements with an anchor per text node.
import {fromHtml} from 'hast-util-from-html'
import type {Element, Nodes, Text} from 'hast'

export interface Block {
  /** Text of the block (for HTML: decoded text; for txt/md: the original slice, markup blanked). */
  text: string
  /** Pairs [offsetInBlockText, offsetInFile], ascending; offsets between anchors map linearly. */
  anchors: Array<[number, number]>
}

export type SourceFormat = 'text' | 'markdown' | 'html'

export function formatOf(path: string): SourceFormat | undefined {
  const ext = path.toLowerCase().replace(/^.*\./, '')
  if (ext === 'txt' || ext === 'text') return 'text'
  if (ext === 'md' || ext === 'markdown') return 'markdown'
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml') return 'html'
  return undefined
}

export function extractBlocks(text: string, format: SourceFormat): Block[] {
  if (format === 'html') return htmlBlocks(text)
  return lineBlocks(format === 'markdown' ? blankMarkdown(text) : text)
}

/** Map an offset in a block's text to the file offset. */
export function toFileOffset(block: Block, offset: number): number {
  let anchor = block.anchors[0]
  for (const a of block.anchors) {
    if (a[0] > offset) break
    anchor = a
  }
  return anchor[1] + (offset - anchor[0])
}

const TERMINAL = /[.!?…:;"”’)\]]\s*$/

/** Paragraphs of plain text: blank lines separate; so does a line that ends a sentence or a short
 * headline line. A line that runs on (hard wrap) joins the next. */
function lineBlocks(text: string): Block[] {
  const blocks: Block[] = []
  const lineRe = /[^\r\n]*(\r\n|\r|\n|$)/g
  let current: {start: number; end: number} | undefined
  let previous = ''
  const flush = () => {
    if (current) blocks.push({text: text.slice(current.start, current.end), anchors: [[0, current.start]]})
    current = undefined
  }
  for (const m of text.matchAll(lineRe)) {
    if (m[0] === '') break
    const line = m[0].replace(/[\r\n]+$/, '')
    const start = m.index
    const end = start + line.length
    if (line.trim() === '') {
      flush()
      previous = ''
      continue
    }
    const endsThought = TERMINAL.test(previous) || previous.split(/\s+/).length < 12
    if (current && !endsThought) current.end = end
    else {
      flush()
      current = {start, end}
    }
    previous = line
  }
  flush()
  return blocks
}

/** Replace Markdown syntax with spaces of the same length (headings, quotes, list marks, emphasis,
 * link targets, HTML comments, code fences), so the text reads as prose and offsets stay put. */
export function blankMarkdown(text: string): string {
  const blank = (s: string) => s.replace(/[^\r\n]/g, ' ')
  // Every pattern is linear in the text: tags are bounded and hold no "<", comments are found by
  // indexOf (an unclosed "<!--" blanks the rest once, not once per opening).
  return blankComments(text)
    .replace(/^```[\s\S]*?^```/gm, blank)
    .replace(/^( {0,3})(#{1,6}\s|>\s?|[-*+]\s|\d+[.)]\s)/gm, (m) => blank(m))
    // Links keep their text: [text](url) → " text      " (a bare [bracket] is a writer's insertion, kept).
    .replace(/(!?\[)([^\]\n]{0,1000})(\]\([^)\n]{0,2000}\))/g, (_m, open: string, text: string, rest: string) => blank(open) + text + blank(rest))
    .replace(/(\*\*|__|\*|`)/g, (m) => blank(m))
    .replace(/<\/?[a-z][^<>]{0,1000}>/gi, blank)
}

function blankComments(text: string): string {
  let out = ''
  let from = 0
  for (let open = text.indexOf('<!--'); open >= 0; open = text.indexOf('<!--', from)) {
    const close = text.indexOf('-->', open + 4)
    const end = close < 0 ? text.length : close + 3
    out += text.slice(from, open) + text.slice(open, end).replace(/[^\r\n]/g, ' ')
    from = end
  }
  return out + text.slice(from)
}

const SKIP = new Set(['script', 'style', 'noscript', 'nav', 'header', 'footer', 'aside', 'form', 'iframe', 'svg',
  'template', 'button', 'select', 'textarea', 'head', 'menu'])
const BLOCK = new Set(['p', 'div', 'section', 'article', 'main', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol',
  'blockquote', 'pre', 'td', 'th', 'tr', 'table', 'dd', 'dt', 'dl', 'figcaption', 'figure', 'address', 'br', 'hr', 'body', 'html'])

function htmlBlocks(html: string): Block[] {
  const tree = fromHtml(html)
  const blocks: Block[] = []
  let current: Block = {text: '', anchors: []}
  const flush = () => {
    if (current.text.trim()) blocks.push(current)
    current = {text: '', anchors: []}
  }
  const visit = (node: Nodes) => {
    if (node.type === 'text') {
      const t = node as Text
      const offset = t.position?.start.offset
      if (offset === undefined) return
      current.anchors.push([current.text.length, offset])
      current.text += t.value
      return
    }
    if (node.type !== 'element' && node.type !== 'root') return
    if (node.type === 'element') {
      const el = node as Element
      if (SKIP.has(el.tagName)) return
      const role = String(el.properties?.role ?? '')
      if (role === 'navigation' || role === 'banner' || role === 'contentinfo') return
      if (el.properties?.hidden !== undefined && el.properties?.hidden !== false) return
    }
    const isBlock = node.type === 'element' && BLOCK.has((node as Element).tagName)
    if (isBlock) flush()
    for (const child of node.children) visit(child as Nodes)
    if (isBlock) flush()
  }
  visit(tree)
  flush()
  return blocks
}
