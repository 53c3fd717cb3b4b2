import assert from 'node:assert/strict'
import path from 'node:path'
import {check, compact, ENGINE_FIXTURES, ROOT} from './helpers.js'

const fire = path.join(ENGINE_FIXTURES, 'fire')
const sources = path.join(fire, 'sources')

describe('machine-paraphrase check', () => {
  it('flags each swap in a spun copy with the source word as the fix', async () => {
    const {messages, text} = await check(sources, path.join(fire, 'spun.txt'))
    const swaps = messages.filter((m) => m.ruleId === 'machine-paraphrase')
    const m = swaps.find((x) => x.actual === 'emptying')
    assert.ok(m, compact(messages).join('\n'))
    assert.equal(m.fatal, false)
    assert.deepEqual(m.expected, ['evacuation'])
    const place = m.place as {start: {offset: number}; end: {offset: number}}
    assert.equal(text.slice(place.start.offset, place.end.offset), 'emptying')
    assert.match(m.reason, /^Unexpected `emptying`, expected `evacuation`/)
    assert.equal(m.data?.evidence[0].line, 3)
    for (const [actual, expected] of [['blaze', 'fire'], ['change', 'shift'], ['rear', 'back'], ['examiners', 'inspectors'], ['location', 'site']]) {
      assert.ok(swaps.some((x) => x.actual === actual && x.expected?.[0] === expected), `${actual} → ${expected} in\n${compact(messages).join('\n')}`)
    }
    assert.deepEqual(messages.filter((x) => x.ruleId !== 'machine-paraphrase'), [], 'a spun copy is not a set of false claims')
  })

  it('leaves the words the spinner kept alone', async () => {
    const {messages} = await check(sources, path.join(fire, 'spun.txt'))
    for (const kept of ['Halvorsen', 'Dunmore', 'Saturday', 'Germany', 'Wednesday', 'building']) {
      assert.ok(!messages.some((m) => String(m.actual).includes(kept)), kept)
    }
  })

  it('does not flag a natural synonym in an honest draft', async () => {
    const {messages} = await check(sources, path.join(fire, 'honest.md'))
    assert.deepEqual(messages.filter((m) => m.ruleId === 'machine-paraphrase'), [])
  })

  it('finds the spinner swaps of the bundled example', async () => {
    const {messages} = await check(path.join(ROOT, 'examples/sources'), path.join(ROOT, 'examples/draft.txt'))
    const swaps = new Map(messages.filter((m) => m.ruleId === 'machine-paraphrase').map((m) => [m.actual, m.expected?.[0]]))
    assert.equal(swaps.get('struggle'), 'war')
    assert.equal(swaps.get('final'), 'last')
    assert.equal(swaps.get('hundreds'), 'thousands')
    assert.equal(swaps.get('affect'), 'influence')
    assert.equal(swaps.get('high'), 'top')
    assert.ok(swaps.size >= 30, `only ${swaps.size} swaps`)
  })
})
