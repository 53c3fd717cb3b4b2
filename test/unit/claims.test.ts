import assert from 'node:assert/strict'
import path from 'node:path'
import {check, compact, corpusAt, ENGINE_FIXTURES} from './helpers.js'

const fire = path.join(ENGINE_FIXTURES, 'fire')
const sources = path.join(fire, 'sources')

describe('claims check', () => {
  it('reports a changed number with the source value, exact offsets and evidence', async () => {
    const {messages, text} = await check(sources, path.join(fire, 'errors.txt'))
    const m = messages.find((x) => x.actual === '420')
    assert.ok(m, compact(messages).join('\n'))
    assert.equal(m.ruleId, 'contradicted-claim')
    assert.equal(m.fatal, true)
    assert.deepEqual(m.expected, ['240'])
    const place = m.place as {start: {offset: number; line: number}; end: {offset: number}}
    assert.equal(text.slice(place.start.offset, place.end.offset), '420')
    assert.equal(place.start.line, 1)
    assert.match(m.reason, /^Unexpected `420`, expected `240`/)
    assert.equal(m.source, 'corroborate')
    assert.ok(m.url?.endsWith('#contradicted-claim'))
    const evidence = m.data?.evidence[0]
    assert.ok(evidence)
    assert.equal(evidence.path, 'test/unit/fixtures-engine/fire/sources/wire.txt')
    assert.equal(evidence.line, 3)
    assert.match(evidence.sentence, /evacuation of 240 workers/)
    assert.deepEqual(evidence.marks?.map(([a, b]) => evidence.sentence.slice(a, b)), ['240'])
  })

  it('finds numbers, years, days, swapped people (full names and surnames), flipped negations and unsupported sentences', async () => {
    const {messages} = await check(sources, path.join(fire, 'errors.txt'))
    assert.deepEqual(compact(messages), [
      'contradicted-claim [420] → 240',
      'contradicted-claim [2019] → 2017',
      'contradicted-claim [Friday] → Wednesday',
      'contradicted-claim [Derek Lund] → Maria Okafor',
      'contradicted-claim [25 million] → 2.5 million',
      'contradicted-claim [determined] → not yet determined',
      'unsupported-claim [Lisbon]',
      'contradicted-claim [Lund] → Okafor'
    ])
  })

  it('reads events the sources rule out: a refusal, a denial, a moved date', async () => {
    const council = path.join(ENGINE_FIXTURES, 'council')
    const {messages} = await check(path.join(council, 'sources'), path.join(council, 'errors.md'))
    assert.deepEqual(compact(messages), [
      'contradicted-claim [resigned] → said she would not resign',
      'contradicted-claim [signed] → refused to sign',
      'contradicted-claim [April] → March'
    ])
    assert.match(messages[2].reason, /different date/)
    const honest = await check(path.join(council, 'sources'), path.join(council, 'honest.md'))
    assert.deepEqual(compact(honest.messages), [])
  })

  it('stays silent on an honest rewrite: equal quantities written differently, synonyms, reordering', async () => {
    const {messages} = await check(sources, path.join(fire, 'honest.md'))
    assert.deepEqual(compact(messages), [])
  })

  it('reads HTML sources without their scripts, navigation or footer', async () => {
    // The script holds "Halvorsen will close the Dunmore plant for good in March.": never evidence.
    const corpus = await corpusAt(sources)
    assert.ok(corpus.sentences.length > 0)
    assert.deepEqual(corpus.sentences.filter((s) => /for good|var x/.test(s.text)).map((s) => s.text), [])
    const {messages} = await check(sources, path.join(ENGINE_FIXTURES, 'fire-html-only.txt'))
    assert.ok(messages.every((m) => !m.data?.evidence.some((e) => /for good/.test(e.sentence))), compact(messages).join('\n'))
  })
})
