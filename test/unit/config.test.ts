import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {VFile} from 'vfile'
import {addAccepted, applyMessageControl, ConfigError, findConfigFile, ignoredRanges, loadConfig, resolveCorpusInputs, type CorroborateMessage} from '../../src/core/index.js'

let dir: string
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-config-'))))
afterEach(() => fs.rmSync(dir, {recursive: true, force: true}))

describe('project config', () => {
  it('is found walking up, read, and resolves corpus paths against its folder', () => {
    fs.mkdirSync(path.join(dir, 'drafts/deep'), {recursive: true})
    fs.writeFileSync(path.join(dir, '.corroborate.json'), JSON.stringify({corpus: ['sources', 'wire/*.txt'], rules: {'unsupported-claim': 'off'}}))
    const file = findConfigFile(path.join(dir, 'drafts/deep'))
    assert.equal(file, path.join(dir, '.corroborate.json'))
    const config = loadConfig(file!)
    assert.deepEqual(resolveCorpusInputs(config, file!), [path.join(dir, 'sources'), path.join(dir, 'wire/*.txt')])
    assert.deepEqual(resolveCorpusInputs({}, file!), [path.join(dir, 'sources')])
  })

  it('says which key is wrong and what is allowed', () => {
    const bad = (content: string, pattern: RegExp) => {
      fs.writeFileSync(path.join(dir, 'c.json'), content)
      assert.throws(() => loadConfig(path.join(dir, 'c.json')), (e: Error) => e instanceof ConfigError && pattern.test(e.message))
    }
    bad('{"rules": {"machine-paraphrase": "loud"}}', /"rules\.machine-paraphrase" must be one of error, warning, info, off/)
    bad('{"corpus": 3}', /"corpus" must be a list/)
    bad('{"accepted": [{"rule": "altered-quote"}]}', /"accepted\[0\]\.text"/)
    bad('{"colour": "red"}', /"colour" is not a known setting/)
    bad('{not json', /must be JSON/)
  })

  it('records an accepted item once, keeping the rest of the file', () => {
    const file = path.join(dir, '.corroborate.json')
    fs.writeFileSync(file, JSON.stringify({corpus: ['refs'], rules: {'altered-quote': 'warning'}}))
    addAccepted(file, {rule: 'machine-paraphrase', text: 'blaze'})
    addAccepted(file, {rule: 'machine-paraphrase', text: 'blaze'})
    const saved = JSON.parse(fs.readFileSync(file, 'utf8'))
    assert.deepEqual(saved, {corpus: ['refs'], rules: {'altered-quote': 'warning'}, accepted: [{rule: 'machine-paraphrase', text: 'blaze'}]})
    addAccepted(path.join(dir, 'new.json'), {rule: 'unsourced-quote', text: 'x', file: 'a.md'})
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, 'new.json'), 'utf8')), {accepted: [{rule: 'unsourced-quote', text: 'x', file: 'a.md'}]})
  })
})

describe('message control', () => {
  const text = [
    'One 1111.', // 0
    '<!-- corroborate-disable machine-paraphrase -->',
    'Two 2222.',
    '<!-- corroborate-enable -->',
    'Three 3333.',
    '',
    '<!-- corroborate-ignore-next -->',
    'Four 4444.',
    '',
    'Five 5555.',
    '<!-- corroborate-disable -->',
    'Six 6666.'
  ].join('\n')

  function fileWith(rule: CorroborateMessage['ruleId'], ...words: string[]) {
    const file = new VFile({path: 'd.md', value: text})
    for (const w of words) {
      const start = text.indexOf(w)
      const m = file.message('x', {place: {start: {line: 1, column: 1, offset: start}, end: {line: 1, column: 1, offset: start + w.length}}, ruleId: rule}) as CorroborateMessage
      m.actual = w
    }
    return file
  }

  it('honours disable/enable, ignore-next and disable-all comments', () => {
    const file = fileWith('machine-paraphrase', '1111', '2222', '3333', '4444', '5555', '6666')
    applyMessageControl(file)
    assert.deepEqual(file.messages.map((m) => (m as CorroborateMessage).actual), ['1111', '3333', '5555'])
    const other = fileWith('contradicted-claim', '2222', '6666')
    applyMessageControl(other)
    assert.deepEqual(other.messages.map((m) => (m as CorroborateMessage).actual), ['2222'], 'disable with a rule id leaves other rules on')
    assert.equal(ignoredRanges(text).length, 3)
  })

  it('applies severities, turns rules off, and drops accepted items', () => {
    const file = fileWith('contradicted-claim', '1111', '3333')
    applyMessageControl(file, {rules: {'contradicted-claim': 'info'}, accepted: [{rule: 'contradicted-claim', text: '3333'}]})
    assert.deepEqual(file.messages.map((m) => [(m as CorroborateMessage).actual, m.fatal]), [['1111', undefined]])
    const off = fileWith('contradicted-claim', '1111')
    applyMessageControl(off, {rules: {'contradicted-claim': 'off'}})
    assert.equal(off.messages.length, 0)
    const scoped = fileWith('contradicted-claim', '1111')
    applyMessageControl(scoped, {accepted: [{rule: 'contradicted-claim', text: '1111', file: 'other.md'}], relativePath: 'd.md'})
    assert.equal(scoped.messages.length, 1, 'an acceptance for another draft does not apply')
  })
})
