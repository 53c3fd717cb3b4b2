import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {extractQuotes} from '../../src/core/quotes/extract.js'
import {check, compact, ENGINE_FIXTURES, ROOT} from './helpers.js'
import {checkDraft, loadCorpus} from '../../src/core/index.js'

const dir = path.join(ENGINE_FIXTURES, 'quotes')
const sources = path.join(dir, 'sources')

describe('quotation extraction', () => {
  it('finds curly and straight quotes, keeps nested single quotes and apostrophes inside', () => {
    const text = 'He said “it’s the ‘final’ offer” and "we agree" today. Russia’s view differs.'
    assert.deepEqual(extractQuotes(text).map((q) => q.text), ['it’s the ‘final’ offer', 'we agree'])
  })

  it('closes a quote left open at the end of a paragraph (continued in the next one)', () => {
    const text = '“The first paragraph of the quote.\n\n“And the second one,” she said.'
    assert.deepEqual(extractQuotes(text).map((q) => q.text), ['The first paragraph of the quote.', 'And the second one,'])
  })
})

describe('quotes and attribution checks', () => {
  it('reports a changed word inside a quote with the source words as the fix', async () => {
    const {messages, text} = await check(sources, path.join(dir, 'errors.md'))
    const m = messages.find((x) => x.ruleId === 'altered-quote')
    assert.ok(m, compact(messages).join('\n'))
    assert.equal(m.actual, 'will never')
    assert.deepEqual(m.expected, ['may not'])
    assert.equal(m.fatal, true)
    const place = m.place as {start: {offset: number; line: number}; end: {offset: number}}
    assert.equal(text.slice(place.start.offset, place.end.offset), 'will never')
    assert.equal(m.reason, 'Changed words in quote: `will never`, the source has `may not` (wire.txt:5)')
    const evidence = m.data!.evidence[0]
    assert.equal(evidence.path, 'test/unit/fixtures-engine/quotes/sources/wire.txt')
    assert.equal(evidence.line, 5)
    assert.equal(evidence.speaker, 'Ana Ruiz')
    assert.deepEqual(evidence.marks?.map(([a, b]) => evidence.sentence.slice(a, b)), ['may not'])
  })

  it('finds altered, unsourced and misattributed quotes, through names, surnames and pronouns', async () => {
    const {messages} = await check(sources, path.join(dir, 'errors.md'))
    assert.deepEqual(compact(messages), [
      'altered-quote [will never] → may not',
      'altered-quote [city] → town',
      'misattributed-quote [Ruiz] → Ortiz',
      'misattributed-quote [she] → Tom Becker',
      'unsourced-quote [We will build the new wing next year,]',
      'contradicted-claim [April] → March'
    ])
    const pronoun = messages.find((m) => m.actual === 'she')!
    assert.equal(pronoun.data?.draftSpeaker, 'Ana Ruiz')
    assert.equal(pronoun.data?.sourceSpeaker, 'Tom Becker')
    assert.deepEqual(pronoun.data?.fixRange, {start: (pronoun.place as {start: {offset: number}}).start.offset, end: (pronoun.place as {end: {offset: number}}).end.offset})
  })

  it('accepts legitimate edits: partial quotes, split quotes, ellipses, brackets, transcript turns, "according to"', async () => {
    const {messages} = await check(sources, path.join(dir, 'faithful.md'))
    assert.deepEqual(compact(messages), [])
  })

  it('the seed draft: the Tokayev quote no source contains is unsourced; verbatim partial quotes are silent', async () => {
    const {messages} = await check(path.join(ROOT, 'examples/sources'), path.join(ROOT, 'examples/draft.txt'))
    const quotes = messages.filter((m) => m.ruleId.endsWith('-quote'))
    assert.deepEqual(compact(quotes), ['unsourced-quote [appreciation to the continuous and firm support of the United States for our independence, territorial integrity, and sovereignty.]'])
  })

  it('looks a quote of one content word up in the sources using that word, and one of common words only in every source', async () => {
    // "very historic" stands in one source's long sentence; the search for its content word ranks the short
    // "Historic …" sentences of a dozen other sources first, so no candidate passage holds the phrase.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-common-quote-'))
    try {
      for (let k = 0; k < 14; k++) fs.writeFileSync(path.join(dir, `note-${k}.txt`), `Historic ledger ${k} filed.\n`)
      fs.writeFileSync(path.join(dir, 'council.txt'), 'The council said the vote on the new harbour wall was very historic for the town and its fishing families.\n\nThe mayor added that what will be will be, and left.\n')
      const corpus = await loadCorpus([dir], {cwd: dir})
      const unsourced = (text: string) => checkDraft({path: path.join(dir, 'draft.md'), value: text}, corpus).messages.filter((m) => m.ruleId === 'unsourced-quote').map((m) => m.actual)
      assert.deepEqual(unsourced('The council called the vote "very historic" on Monday.'), [])
      assert.deepEqual(unsourced('The council called the vote "very shameful" on Monday.'), ['very shameful'])
      assert.deepEqual(unsourced('The mayor said "what will be will be" and left.'), [])
      assert.deepEqual(unsourced('The mayor said "it is what it is" and left.'), ['it is what it is'])
    } finally {
      fs.rmSync(dir, {recursive: true, force: true})
    }
  })
})
