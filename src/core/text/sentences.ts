// Sentence boundaries from parse-english (it keeps "U.S." and "Mr." inside sentences), as offsets.
import {ParseEnglish} from 'parse-english'

const parser = new ParseEnglish()

/** Sentence spans [start, end) in `text`, trimmed of surrounding white space. */
export function sentenceSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = []
  const tree = parser.parse(text)
  for (const paragraph of tree.children) {
    if (paragraph.type !== 'ParagraphNode') continue
    for (const sentence of paragraph.children) {
      if (sentence.type !== 'SentenceNode' || !sentence.position) continue
      const start = sentence.position.start.offset ?? 0
      const end = sentence.position.end.offset ?? start
      if (end > start) spans.push([start, end])
    }
  }
  return spans
}
