// The CLI as a user runs it: the built bundle in a subprocess, exit codes, output shapes.
import assert from 'node:assert/strict'
import {execFileSync, spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {createRequire} from 'node:module'

// ajv-draft-04 is CommonJS with a default export; require() sidesteps the ESM interop quirk.
const Ajv04 = createRequire(import.meta.url)('ajv-draft-04') as typeof import('ajv-draft-04').default
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const BIN = path.join(ROOT, 'bin/corroborate.cjs')
const FIRE = path.join(ROOT, 'test/unit/fixtures-engine/fire')

function run(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], {cwd, encoding: 'utf8'})
  return {status: r.status, stdout: r.stdout, stderr: r.stderr}
}

let tmp: string
before(function () {
  this.timeout(60_000)
  execFileSync(process.execPath, ['esbuild.mjs'], {cwd: ROOT})
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-cli-'))
})
after(() => fs.rmSync(tmp, {recursive: true, force: true}))

describe('corroborate check', () => {
  it('exits 1 when an error-severity message is found, 0 on a clean draft', () => {
    assert.equal(run(['check', '--corpus', path.join(FIRE, 'sources'), path.join(FIRE, 'errors.txt')]).status, 1)
    const clean = run(['check', '--corpus', path.join(FIRE, 'sources'), path.join(FIRE, 'honest.md')])
    assert.equal(clean.status, 0, clean.stdout + clean.stderr)
    assert.match(clean.stdout, /no issues found/)
  })

  it('prints JSON in the vfile-reporter-json shape, with offsets that slice the draft to `actual`', () => {
    const draft = path.join(FIRE, 'errors.txt')
    const r = run(['check', '--format', 'json', '--corpus', path.join(FIRE, 'sources'), draft])
    const files = JSON.parse(r.stdout)
    assert.equal(files.length, 1)
    assert.equal(files[0].path, draft)
    const text = fs.readFileSync(draft, 'utf8')
    assert.ok(files[0].messages.length >= 5)
    for (const m of files[0].messages) {
      assert.equal(m.source, 'corroborate')
      assert.ok(['contradicted-claim', 'unsupported-claim', 'altered-quote', 'unsourced-quote', 'misattributed-quote', 'machine-paraphrase', 'conflicting-sources'].includes(m.ruleId))
      assert.equal(text.slice(m.place.start.offset, m.place.end.offset), m.actual)
      assert.equal(m.line, m.place.start.line)
      assert.equal(m.column, m.place.start.column)
      assert.ok(Array.isArray(m.expected))
      assert.equal(typeof m.reason, 'string')
      if (m.ruleId !== 'unsupported-claim') assert.match(m.note, /sources\/wire\.txt:\d+:\d+: /)
    }
    const fatal = files[0].messages.map((m: {ruleId: string; fatal?: boolean}) => `${m.ruleId}:${m.fatal}`)
    assert.ok(fatal.includes('contradicted-claim:true'))
    // A place no source names is information (fatal absent), as the engine says when it is less sure.
    assert.ok(fatal.includes('unsupported-claim:undefined'), fatal.join(' '))
  })

  it('prints valid SARIF 2.1.0 with rules, locations, evidence and fixes', () => {
    const r = run(['check', '--format', 'sarif', '--corpus', path.join(FIRE, 'sources'), path.join(FIRE, 'errors.txt'), path.join(FIRE, 'spun.txt')])
    const log = JSON.parse(r.stdout)
    // The official SARIF 2.1.0 schema (draft-04), as shipped by Microsoft's @microsoft/jest-sarif.
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'))
    const ajv = new Ajv04({strict: false, allErrors: true, unicodeRegExp: false}) // the schema's language pattern is not valid under the u flag
    const valid = ajv.validate(schema, structuredClone(log))
    assert.ok(valid, JSON.stringify(ajv.errors, null, 2))
    const results = log.runs[0].results
    assert.ok(results.some((x: {ruleId: string}) => x.ruleId === 'machine-paraphrase'))
    const fix = results.find((x: {fixes?: unknown[]}) => x.fixes)
    assert.equal(fix.fixes[0].artifactChanges[0].replacements[0].insertedContent.text.length > 0, true)
    assert.ok(results.every((x: {ruleIndex: number; ruleId: string}) => log.runs[0].tool.driver.rules[x.ruleIndex].id === x.ruleId))
  })

  it('reads text like vfile-reporter, with the evidence line to open', () => {
    const r = run(['check', '--corpus', path.join(FIRE, 'sources'), path.join(FIRE, 'errors.txt')])
    assert.match(r.stdout, /1:105-1:108\s+error\s+Unexpected `420`, expected `240`: .* contradicted-claim/)
    assert.match(r.stdout, /↳ test\/unit\/fixtures-engine\/fire\/sources\/wire\.txt:3:1/)
  })

  it('usage and input errors exit 2 with one line saying what to do', function () {
    this.timeout(90_000)
    const cases: Array<[string[], RegExp]> = [
      [['check', path.join(FIRE, 'errors.txt')], /no corpus given — pass --corpus DIR/],
      [['check', '--corpus', path.join(tmp, 'missing'), path.join(FIRE, 'errors.txt')], /does not exist — pass --corpus DIR/],
      [['check', '--corpus', path.join(FIRE, 'sources'), path.join(tmp, 'nope.md')], /cannot read draft .*nope\.md/],
      [['check', '--corpus', path.join(FIRE, 'sources'), '--format', 'xml', path.join(FIRE, 'errors.txt')], /xml/],
      [['check', '--config', path.join(tmp, 'no.json'), path.join(FIRE, 'errors.txt')], /config file .* does not exist/]
    ]
    fs.mkdirSync(path.join(tmp, 'empty'))
    fs.writeFileSync(path.join(tmp, 'empty', 'photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0]))
    cases.push([['check', '--allow-outside-corpus', '--corpus', path.join(tmp, 'empty'), path.join(FIRE, 'errors.txt')], /holds no readable source/])
    // A repository's config naming a folder outside the project needs the user's flag.
    fs.mkdirSync(path.join(tmp, 'repo'), {recursive: true})
    fs.writeFileSync(path.join(tmp, 'repo/outside.json'), JSON.stringify({corpus: ['../empty']}))
    cases.push([['check', '--config', path.join(tmp, 'repo/outside.json'), path.join(FIRE, 'errors.txt')], /is outside .* pass --allow-outside-corpus/])
    fs.writeFileSync(path.join(tmp, 'bad.json'), '{"rules": {"no-such-rule": "error"}}')
    cases.push([['check', '--config', path.join(tmp, 'bad.json'), '--corpus', path.join(FIRE, 'sources'), path.join(FIRE, 'errors.txt')], /"rules\.no-such-rule" is not a rule id/])
    for (const [args, pattern] of cases) {
      const r = run(args)
      assert.equal(r.status, 2, `${args.join(' ')}\n${r.stderr}`)
      assert.match(r.stderr, pattern)
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr)
    }
  })

  it('notes skipped sources on stderr and goes on', () => {
    const dir = path.join(tmp, 'mixed')
    fs.mkdirSync(dir)
    fs.copyFileSync(path.join(FIRE, 'sources/wire.txt'), path.join(dir, 'wire.txt'))
    fs.writeFileSync(path.join(dir, 'scan.bin.txt'), Buffer.from([1, 0, 2, 0]))
    const r = run(['check', '--corpus', dir, path.join(FIRE, 'honest.md')], tmp)
    assert.equal(r.status, 0, r.stderr)
    assert.match(r.stderr, /note: skipped .*scan\.bin\.txt: binary file/)
  })

  it('reads the project config: corpus, severities, accepted items; ignore comments in the draft', () => {
    const project = path.join(tmp, 'project')
    fs.mkdirSync(path.join(project, 'sources'), {recursive: true})
    fs.copyFileSync(path.join(FIRE, 'sources/wire.txt'), path.join(project, 'sources/wire.txt'))
    fs.writeFileSync(path.join(project, 'draft.md'), [
      'The plant, which opened in 2019, employs about 410 people and exports most of its output to Germany.',
      '',
      '<!-- corroborate-ignore-next -->',
      'Company spokesman Derek Lund said production would resume on Friday once inspectors had cleared the site.',
      '',
      'A fire broke out at the Halvorsen textile plant in Dunmore on Saturday night, forcing the evacuation of 420 workers from the night shift.',
      ''
    ].join('\n'))
    fs.writeFileSync(path.join(project, '.corroborate.json'), JSON.stringify({corpus: ['sources'], rules: {'contradicted-claim': 'warning'}, accepted: [{rule: 'contradicted-claim', text: '420'}]}))
    const r = run(['check', '--format', 'json', 'draft.md'], project)
    assert.equal(r.status, 0, r.stderr)
    const messages = JSON.parse(r.stdout)[0].messages
    assert.deepEqual(messages.map((m: {actual: string; fatal: boolean}) => `${m.actual}:${m.fatal}`), ['2019:false'])
  })
})

describe('corroborate check through a pipe', () => {
  it('writes the whole JSON report before exiting (a long report on a pipe is not cut)', () => {
    const out = execFileSync('sh', ['-c', `node "${BIN}" check --no-exit --format json --corpus examples/sources examples/draft.txt | cat`], {cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024})
    assert.ok(out.length > 65536, `report is ${out.length} characters`)
    assert.ok(JSON.parse(out)[0].messages.length > 30)
  })
})

describe('corroborate sources', () => {
  it('lists where the sources disagree with each other', () => {
    const r = run(['sources', '--corpus', path.join(ROOT, 'examples/sources')])
    assert.equal(r.status, 0)
    assert.match(r.stdout, /quote:\n  examples\/sources\/001_53b24e973d7c44a3\.txt:27  “have real meaning”\n  examples\/sources\/003_f6ff2b5d5f039d4d\.txt:9  “have no meaning”/)
    // "abstained in a vote" and "abstained or did not vote" say the same thing: no disagreement.
    assert.doesNotMatch(r.stdout, /abstained/)
  })
})

describe('corroborate with hostile input', () => {
  it('with no arguments prints usage and exits 2', () => {
    const r = run([])
    assert.equal(r.status, 2)
    assert.match(r.stderr, /no command given/)
  })

  it('reads a UTF-16 draft as text, and refuses a binary one with one line', () => {
    const text = fs.readFileSync(path.join(FIRE, 'errors.txt'), 'utf8')
    const utf16 = path.join(tmp, 'utf16.txt')
    fs.writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))
    const asUtf8 = run(['check', '--format', 'json', '--corpus', path.join(FIRE, 'sources'), path.join(FIRE, 'errors.txt')])
    const asUtf16 = run(['check', '--format', 'json', '--corpus', path.join(FIRE, 'sources'), utf16])
    const rules = (out: string) => JSON.parse(out)[0].messages.map((m: {ruleId: string; actual: string}) => `${m.ruleId} ${m.actual}`)
    assert.deepEqual(rules(asUtf16.stdout), rules(asUtf8.stdout))
    const binary = path.join(tmp, 'scan.txt')
    fs.writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 3]))
    const r = run(['check', '--corpus', path.join(FIRE, 'sources'), binary])
    assert.equal(r.status, 2)
    assert.match(r.stderr, /is not text/)
    assert.equal(r.stderr.trim().split('\n').length, 1)
  })

  it('prints no terminal escape sequence from a source or a file name, and keeps each note on one line', () => {
    const dir = path.join(tmp, 'escapes')
    fs.mkdirSync(path.join(dir, 'sources'), {recursive: true})
    fs.writeFileSync(path.join(dir, 'sources/wire.txt'), 'The council approved 240 \u001b]0;pwned\u0007new parking permits on Tuesday, the \u001b[31mcity clerk said.\n')
    fs.writeFileSync(path.join(dir, 'sources/page.html'), '<p>The council approved 240 new parking permits &#x1b;[2J on Tuesday, the clerk said.</p>')
    fs.writeFileSync(path.join(dir, 'sources/bad\nname.pdf'), 'x')
    fs.writeFileSync(path.join(dir, 'draft.md'), 'The council approved 420 new parking permits on Tuesday, the city clerk said.\n')
    const r = run(['check', '--corpus', 'sources', 'draft.md'], dir)
    assert.match(r.stdout, /420/)
    assert.doesNotMatch(r.stdout + r.stderr, /\u001b|\u0007/)
    assert.ok(r.stderr.split('\n').every((line) => line === '' || /^(note|checked)/.test(line)), r.stderr)
  })

  it('writes SARIF URIs percent-encoded for paths with spaces and non-ASCII letters', () => {
    const dir = path.join(tmp, 'sarif paths')
    fs.mkdirSync(path.join(dir, 'sources'), {recursive: true})
    fs.writeFileSync(path.join(dir, 'sources/dépêche.txt'), 'The council approved 240 new parking permits on Tuesday, the city clerk said.\n')
    fs.writeFileSync(path.join(dir, 'my draft.md'), 'The council approved 420 new parking permits on Tuesday, the city clerk said.\n')
    const r = run(['check', '--format', 'sarif', '--corpus', 'sources', 'my draft.md'], dir)
    const uris = [...r.stdout.matchAll(/"uri": "([^"]*)"/g)].map((m) => m[1])
    assert.ok(uris.includes('my%20draft.md'), uris.join(' '))
    assert.ok(uris.some((u) => u === 'sources/d%C3%A9p%C3%AAche.txt'), uris.join(' '))
  })
})

describe('corroborate with odd corpora', () => {
  it('names a link loop given as the corpus in one line (exit 2), and reads a config without "corpus" as its sources folder', () => {
    const dir = path.join(tmp, 'loops')
    fs.mkdirSync(dir)
    fs.symlinkSync(path.join(dir, 'b'), path.join(dir, 'a'))
    fs.symlinkSync(path.join(dir, 'a'), path.join(dir, 'b'))
    const loop = run(['check', '--corpus', 'a', path.join(FIRE, 'errors.txt')], dir)
    assert.equal(loop.status, 2, loop.stderr)
    assert.match(loop.stderr, /corpus 'a' cannot be read \(a link loop\)/)
    assert.equal(loop.stderr.trim().split('\n').length, 1)
    const project = path.join(tmp, 'accepted-only')
    fs.mkdirSync(path.join(project, 'sources'), {recursive: true})
    fs.copyFileSync(path.join(FIRE, 'sources/wire.txt'), path.join(project, 'sources/wire.txt'))
    // Exactly what "Accept here" creates in a fresh folder: no "corpus" key.
    fs.writeFileSync(path.join(project, '.corroborate.json'), JSON.stringify({accepted: [{rule: 'machine-paraphrase', text: 'blaze'}]}))
    fs.copyFileSync(path.join(FIRE, 'errors.txt'), path.join(project, 'draft.txt'))
    const r = run(['check', 'draft.txt'], project)
    assert.equal(r.status, 1, r.stderr)
    assert.match(r.stdout, /Unexpected `420`, expected `240`/)
  })
})
