import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {spawn} from 'node:child_process'
import {VFile} from 'vfile'
import {addAccepted, applyMessageControl, ConfigError, findConfigFile, ignoredRanges, loadConfig, resolveCorpusInputs, type CorroborateMessage} from '../../src/core/index.js'

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')
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

describe('accepting a message (writes .corroborate.json)', () => {
  it('keeps the file’s formatting and key order and appends in place', () => {
    const file = path.join(dir, '.corroborate.json')
    fs.writeFileSync(file, '{\n\t"rules": {"altered-quote": "warning"},\n\t"corpus": ["refs"],\n\t"accepted": [\n\t\t{"rule": "machine-paraphrase", "text": "blaze"}\n\t]\n}\n')
    assert.equal(addAccepted(file, {rule: 'unsourced-quote', text: 'x'}), true)
    const text = fs.readFileSync(file, 'utf8')
    assert.match(text, /^\{\n\t"rules": \{"altered-quote": "warning"\},\n\t"corpus": \["refs"\],/)
    assert.deepEqual(JSON.parse(text).accepted, [{rule: 'machine-paraphrase', text: 'blaze'}, {rule: 'unsourced-quote', text: 'x'}])
    assert.deepEqual(fs.readdirSync(dir).sort(), ['.corroborate.json'])
  })

  it('refuses to replace a file that is not a valid config: empty, a list, a bad accepted list', () => {
    const file = path.join(dir, '.corroborate.json')
    for (const content of ['', '[]', '{"accepted": {"rule": "x"}}', '{"accepted": [1]}', '{broken']) {
      fs.writeFileSync(file, content)
      assert.throws(() => addAccepted(file, {rule: 'unsourced-quote', text: 'x'}), ConfigError, content)
      assert.equal(fs.readFileSync(file, 'utf8'), content)
    }
  })

  it('leaves the file whole when the write fails half-way (the old text stays until an atomic rename)', () => {
    const file = path.join(dir, '.corroborate.json')
    const original = JSON.stringify({corpus: ['sources'], accepted: [{rule: 'machine-paraphrase', text: 'blaze'}]}, null, 2)
    fs.writeFileSync(file, original)
    const rename = fs.renameSync
    fs.renameSync = () => {
      throw Object.assign(new Error('killed'), {code: 'EIO'})
    }
    try {
      assert.throws(() => addAccepted(file, {rule: 'unsourced-quote', text: 'x'}), /could not be written \(EIO\); it is unchanged/)
    } finally {
      fs.renameSync = rename
    }
    assert.equal(fs.readFileSync(file, 'utf8'), original)
    assert.deepEqual(fs.readdirSync(dir), ['.corroborate.json'])
  })

  it('never writes a config outside the workspace folder', () => {
    const inner = path.join(dir, 'project')
    fs.mkdirSync(inner)
    assert.throws(() => addAccepted(path.join(dir, '.corroborate.json'), {rule: 'unsourced-quote', text: 'x'}, {root: inner}), /outside the workspace folder/)
    assert.equal(fs.existsSync(path.join(dir, '.corroborate.json')), false)
  })

  it('loses nothing when two writers accept at once', async function () {
    this.timeout(60_000)
    const file = path.join(dir, '.corroborate.json')
    const earlier = Array.from({length: 2000}, (_, i) => ({rule: 'machine-paraphrase', text: `earlier ${i}`}))
    fs.writeFileSync(file, JSON.stringify({corpus: ['sources'], accepted: earlier}, null, 2))
    const script = (tag: string) => `import {addAccepted} from ${JSON.stringify(path.join(ROOT, 'src/core/config.ts'))}; for (let i = 0; i < 40; i++) addAccepted(${JSON.stringify(file)}, {rule: 'unsourced-quote', text: '${tag} ' + i})`
    const run = (tag: string) => new Promise<number>((resolve) => spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script(tag)], {cwd: ROOT, stdio: 'inherit'}).on('exit', (code) => resolve(code ?? 1)))
    assert.deepEqual(await Promise.all([run('a'), run('b')]), [0, 0])
    const saved = JSON.parse(fs.readFileSync(file, 'utf8'))
    assert.deepEqual(saved.corpus, ['sources'])
    assert.equal(saved.accepted.length, 2080)
    assert.equal(new Set(saved.accepted.map((a: {text: string}) => a.text)).size, 2080)
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
