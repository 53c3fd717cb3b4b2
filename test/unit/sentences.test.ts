// The draft's sentence tree: the same paragraph and sentence spans as parse-english reading the whole draft,
// built from paragraphs parsed one at a time (an edit re-parses only its own paragraph).
import assert from 'node:assert/strict'
import {ParseEnglish} from 'parse-english'
import type {Root} from 'nlcst'
import {sentenceSpans, sentenceTree} from '../../src/core/text/sentences.js'

const spans = (tree: Root) =>
  tree.children
    .filter((p) => p.type === 'ParagraphNode')
    .map((p) => ('children' in p ? p.children : []).filter((s) => s.type === 'SentenceNode').map((s) => [s.position!.start.offset, s.position!.end.offset]))
    .filter((p) => p.length)

const DRAFT = [
  'Mr. Okafor told the U.S. delegation on Monday that the port would reopen. It did not.',
  '   The harbour board met at 9 a.m. and voted 7-2.\nA second line ends here.\n\n\n',
  '"We will see," said Ms. Lund. The vote was close!',
  'Prices rose 3.5 percent in the year to March, the agency said',
  'A headline split\nover two lines',
  '(Reporting by the desk; editing by the night editor)',
  'One last paragraph without a full stop'
].join('\n\n')

describe('sentence tree', () => {
  it('has parse-english\'s paragraphs and sentences, offset for offset', () => {
    assert.deepEqual(spans(sentenceTree(DRAFT)), spans(new ParseEnglish().parse(DRAFT)))
    // One-sentence paragraphs take a short way; paragraphs of several sentences, or one abbreviation, do not.
    for (const paragraph of DRAFT.split('\n\n')) assert.deepEqual(sentenceSpans(paragraph), spans(new ParseEnglish().parse(paragraph)).flat(), paragraph)
  })

  it('gives an edited draft the spans of a fresh parse (paragraphs parsed before are reused at their new offsets)', () => {
    sentenceTree(DRAFT)
    const edited = DRAFT.replace('The harbour board', 'Late on Monday, the harbour board')
    assert.deepEqual(spans(sentenceTree(edited)), spans(new ParseEnglish().parse(edited)))
  })
})
