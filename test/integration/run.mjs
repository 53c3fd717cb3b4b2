// Runs the integration suite in VS Code the @vscode/test-electron way. Uses VSCODE_EXECUTABLE_PATH
// when set (a desktop VS Code anywhere), else the offline code-server shim beside the project, else the
// VS Code that @vscode/test-electron downloads (as on a user's machine with internet).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import * as esbuild from 'esbuild'
import {runTests} from '@vscode/test-electron'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const shim = path.resolve(root, '../shared/vscode-offline/vscode-test-shim.mjs')
const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH ?? (fs.existsSync(shim) ? shim : undefined)
if (!vscodeExecutablePath) console.log('integration: no VS Code given and no offline copy beside the project — downloading the stable one')

// The suite runs inside the extension host: bundle it to CommonJS (vscode and mocha stay external).
const out = path.join(root, 'dist-test')
await esbuild.build({
  entryPoints: [path.join(root, 'test/integration/suite/index.ts')],
  outfile: path.join(out, 'suite.cjs'),
  bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', 'mocha'], logLevel: 'warning'
})

// A fresh copy of the fixture workspace: the tests edit drafts and add sources.
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-ws-'))
fs.cpSync(path.join(root, 'test/integration/workspace'), workspace, {recursive: true})

try {
  await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(out, 'suite.cjs'),
    launchArgs: [workspace, '--disable-extensions']
  })
  console.log('integration: passed')
} catch (error) {
  console.error('integration: failed', error instanceof Error ? error.message : error)
  process.exitCode = 1
} finally {
  fs.rmSync(workspace, {recursive: true, force: true})
}
