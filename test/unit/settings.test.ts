import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import {Ajv} from 'ajv'
import {configurationContribution, RULE_IDS, validateConfig} from '../../src/core/index.js'
import {ROOT} from './helpers.js'

describe('editor settings', () => {
  it('package.json declares exactly the settings of src/core/settings.ts (run `npm run sync-settings`)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'))
    assert.deepEqual(pkg.contributes.configuration, JSON.parse(JSON.stringify(configurationContribution())))
  })

  it('every contributed command has a title in the Corroborate category', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'))
    for (const c of pkg.contributes.commands) assert.equal(c.category, 'Corroborate')
    assert.ok(pkg.engines.vscode.replace(/^\^/, '').split('.')[1] <= 139, 'engines.vscode stays at or below the code-server version')
  })
})

describe('.corroborate.json schema (editor completion and validation)', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/corroborate.schema.json'), 'utf8'))
  const ajv = new Ajv({strict: false})
  const valid = ajv.compile(schema)

  it('is contributed for .corroborate.json and shipped in the package', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'))
    assert.deepEqual(pkg.contributes.jsonValidation, [{fileMatch: '.corroborate.json', url: './schemas/corroborate.schema.json'}])
    assert.match(fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8'), /^!schemas\/\*\*$/m)
  })

  it('agrees with the engine: what validateConfig accepts the schema accepts, and the reverse', () => {
    const cases: unknown[] = [
      {corpus: ['sources', 'wire/**/*.txt'], rules: {'unsupported-claim': 'off'}, accepted: [{rule: 'machine-paraphrase', text: 'blaze', file: 'a.md'}], maxDraftChars: 5000},
      {corpus: 'sources'},
      {},
      {rules: {'no-such-rule': 'error'}},
      {rules: {'altered-quote': 'loud'}},
      {accepted: [{rule: 'altered-quote'}]},
      {accepted: {rule: 'altered-quote', text: 'x'}},
      {colour: 'red'},
      {maxDraftChars: 'big'},
      []
    ]
    for (const c of cases) {
      let engine = true
      try {
        validateConfig(structuredClone(c))
      } catch {
        engine = false
      }
      assert.equal(valid(c), engine, JSON.stringify(c))
    }
    assert.deepEqual(Object.keys(schema.definitions.ruleId.enum.reduce((o: object, r: string) => ({...o, [r]: 1}), {})), [...RULE_IDS])
  })
})
