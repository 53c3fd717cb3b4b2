import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import {configurationContribution} from '../../src/core/index.js'
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
