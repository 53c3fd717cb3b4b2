// Writes the settings declared in src/core/settings.ts into package.json (contributes.configuration).
import fs from 'node:fs'
import {configurationContribution} from '../src/core/settings.js'

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'))
pkg.contributes = {...pkg.contributes, configuration: configurationContribution()}
fs.writeFileSync('package.json', JSON.stringify(pkg, null, 2) + '\n')
console.log('package.json: contributes.configuration updated')
