// Precision on honest reporting (issue 6): each mechanism behind false alarms on real reporting has
// its false-alarm form in test/fixtures/precision/drafts/honest.md (silent) and a true finding of the
// same kind in errors.md (still found). Our own sentences; the mechanisms were seen on real data.
import assert from 'node:assert/strict'
import path from 'node:path'
import {isFurniture} from '../../src/core/corpus/boilerplate.js'
import {check, compact, ROOT} from './helpers.js'

const set = path.join(ROOT, 'test/fixtures/precision')
const sources = path.join(set, 'sources')

describe('precision on honest reporting', () => {
  it('is silent on paraphrase, quoted prose, partial and split quotes, insertions, spelling variants, other facts, equal wordings, cited outlets and possessive speakers', async () => {
    const {messages} = await check(sources, path.join(set, 'drafts/honest.md'))
    assert.deepEqual(compact(messages.filter((m) => m.fatal !== undefined)), [])
  })

  it('still finds one true finding of each kind, each on exactly the differing words', async () => {
    const {messages} = await check(sources, path.join(set, 'drafts/errors.md'))
    assert.deepEqual(compact(messages), [
      'contradicted-claim [November] → September',
      'altered-quote [vetoed] → signed',
      'altered-quote [cost far more] → cost more',
      'misattributed-quote [Maria Perez] → Maria Lopez',
      'unsourced-quote [We will rebuild every pier by the spring,]',
      'contradicted-claim [attended] → did not attend',
      'contradicted-claim [8.1 million] → 1.8 million',
      'unsupported-claim [45]',
      'unsupported-claim [Marsch] → Marsh',
      'conflicting-sources [15,000]',
      'altered-quote [remainder] → rest'
    ])
  })

  it('reads a number worked out from the sources (a difference) as supported, and names a number no source states', async () => {
    const {messages} = await check(sources, path.join(set, 'drafts/errors.md'))
    const missing = messages.find((m) => m.actual === '45')!
    assert.equal(missing.fatal, false)
    assert.match(missing.reason, /no source states this number/)
  })

  it('shows less certain findings one severity lower: a left-out word is a warning, a changed word an error', async () => {
    const {messages} = await check(sources, path.join(set, 'drafts/errors.md'))
    assert.equal(messages.find((m) => m.actual === 'vetoed')!.fatal, true)
    const honest = await check(path.join(ROOT, 'test/unit/fixtures-engine/quotes/sources'), path.join(ROOT, 'test/unit/fixtures-engine/quotes/errors.md')).catch(() => undefined)
    if (honest) for (const m of honest.messages.filter((x) => /^Dropped words/.test(x.reason))) assert.equal(m.fatal, false, m.reason)
  })

  it('recognises page furniture by its form, not by one word', () => {
    assert.equal(isFurniture('The mayor said the [new] bridge would open in May.'), false)
    assert.equal(isFurniture('Footnotes in the report cite the survey.[1]'), false)
    assert.equal(isFurniture("Residents can read the city's newsletter for the full list of closures."), false)
    assert.equal(isFurniture('Sign up for our newsletter to get the latest updates.'), true)
    assert.equal(isFurniture('By subscribing you agree to our privacy policy.'), true)
    assert.equal(isFurniture('[mc4wp_form id="12"]'), true)
  })
})
