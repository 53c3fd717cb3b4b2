// End-to-end: the packaged .vsix installed into a fresh code-server, the bundled example opened
// in Chromium as a user would: squiggle and Problems row on "struggle", hover evidence, quick fix
// to "war", save, and the file on disk reads "war". Screenshots go to test-artifacts/.
import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const offline = path.resolve(root, '../shared/vscode-offline/lib.mjs')
if (!fs.existsSync(offline)) {
  // A user's machine without the offline kit: the integration tests above ran in a downloaded VS Code; this
  // browser-driven run of the packaged .vsix needs code-server and chromium. CI has the kit, so there it fails.
  console.error('e2e: ../shared/vscode-offline is missing; run its setup.sh (CI does) to get code-server and chromium')
  process.exit(process.env.CI ? 1 : 0)
}
const {installExtension, launch, startCodeServer} = await import(pathToFileURL(offline).href)
const artifacts = path.join(root, 'test-artifacts')
fs.mkdirSync(artifacts, {recursive: true})

const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version
const vsix = path.join(root, `corroborate-${version}.vsix`)
if (!process.env.E2E_SKIP_PACKAGE) execFileSync('npm', ['run', '--silent', 'package'], {cwd: root, stdio: 'inherit'})
assert.ok(fs.existsSync(vsix), `${vsix} was built`)

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-e2e-'))
const folder = path.join(dir, 'examples')
fs.cpSync(path.join(root, 'examples'), folder, {recursive: true})
const draft = path.join(folder, 'draft.txt')
const before = fs.readFileSync(draft, 'utf8')

console.log('e2e: installing', path.basename(vsix))
installExtension(dir, vsix)
const server = await startCodeServer({dir})
const browser = await launch()
const page = browser.ctx.pages()[0] ?? (await browser.ctx.newPage())
const shot = (name) => page.screenshot({path: path.join(artifacts, name)})
const step = (s) => console.log('e2e:', s)

try {
  await page.goto(`http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(folder)}`)
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', {timeout: 120_000})
  step('workbench up; opening draft.txt')
  await page.locator('.explorer-folders-view .monaco-list-row', {hasText: 'draft.txt'}).dblclick()
  await page.waitForSelector('.monaco-editor .view-line', {timeout: 30_000})
  await page.waitForSelector('.monaco-editor .squiggly-warning', {timeout: 90_000})
  step('squiggles visible')

  // The Problems panel lists the machine-paraphrase row for "struggle".
  await page.keyboard.press('Control+Shift+M')
  const row = page.locator('.markers-panel .monaco-list-row', {hasText: 'Unexpected `struggle`, expected `war`'}).first()
  await row.waitFor({timeout: 30_000})
  const rowText = (await row.innerText()).replace(/\u00a0/g, ' ')
  assert.match(rowText, /machine-paraphrase/)
  await shot('problems-panel.png')
  step('Problems row found: ' + rowText.split('\n')[0].slice(0, 100))

  // Go to the problem (selects "struggle"), show the hover there, then the quick fix.
  await row.click()
  await page.keyboard.press('Enter')
  await page.waitForTimeout(500)
  const squiggle = page.locator('.monaco-editor .squiggly-warning').first()
  const lines = await page.locator('.monaco-editor .view-line').allInnerTexts()
  assert.ok(lines.some((l) => l.replace(/\u00a0/g, ' ').includes('Russia’s struggle in Ukraine')), 'draft is shown')
  await page.keyboard.press('Control+K')
  await page.keyboard.press('Control+I')
  const hover = page.locator('.monaco-hover').filter({hasText: 'machine-paraphrase'}).first()
  await hover.waitFor({timeout: 15_000}).catch(async () => {
    const box = await squiggle.boundingBox()
    if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await hover.waitFor({timeout: 15_000})
  })
  const hoverText = (await hover.innerText()).replace(/\u00a0/g, ' ')
  assert.match(hoverText, /001_53b24e973d7c44a3\.txt:7/)
  assert.match(hoverText, /war in Ukraine/)
  await shot('hover-evidence.png')
  step('hover shows the evidence')
  await page.keyboard.press('Escape')

  let applied = false
  for (let attempt = 0; attempt < 5 && !applied; attempt++) {
    await page.keyboard.press('Control+Period')
    const item = page.locator('.action-widget .monaco-list-row', {hasText: "Replace with 'war'"}).first()
    if (await item.waitFor({timeout: 5000}).then(() => true, () => false)) {
      await shot('quick-fix-menu.png')
      await item.click()
      applied = true
    } else await page.keyboard.press('Escape')
  }
  assert.ok(applied, 'quick fix menu offered "Replace with \'war\'"')
  await page.waitForTimeout(500)
  await page.keyboard.press('Control+S')
  const deadline = Date.now() + 15_000
  while (fs.readFileSync(draft, 'utf8') === before && Date.now() < deadline) await page.waitForTimeout(250)
  const after = fs.readFileSync(draft, 'utf8')
  assert.ok(after.includes('As tensions flare over Russia’s war in Ukraine'), 'the file on disk reads "war" there')
  assert.equal(after.replace('Russia’s war in Ukraine, U.S.', 'Russia’s struggle in Ukraine, U.S.'), before, 'nothing else changed')
  await shot('after-fix.png')
  step('fix applied and saved: the file reads "war"')

  // A folder without sources (any code project's README): no pop-up, a quiet status item instead.
  const plain = path.join(dir, 'plain-project')
  fs.mkdirSync(plain)
  fs.writeFileSync(path.join(plain, 'README.md'), '# A tool\n\nThe tool formats 240 files a second, its authors said.\n')
  await page.goto(`http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(plain)}`)
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', {timeout: 120_000})
  await page.locator('.explorer-folders-view .monaco-list-row', {hasText: 'README.md'}).dblclick()
  await page.waitForSelector('.monaco-editor .view-line', {timeout: 30_000})
  const status = page.locator('.statusbar-item', {hasText: 'Corroborate: set up sources'})
  await status.first().waitFor({timeout: 60_000})
  await page.waitForTimeout(2000)
  const toasts = await page.locator('.notifications-toasts .notification-toast', {hasText: 'Corroborate'}).count()
  assert.equal(toasts, 0, 'no Corroborate pop-up in a folder without sources')
  await shot('no-sources-status.png')
  step('folder without sources: quiet "Set up sources…" status, no pop-up')
  console.log('e2e: passed')
} catch (error) {
  await shot('failure.png').catch(() => {})
  console.error('e2e: failed:', error instanceof Error ? error.message : error, `(screenshots in ${artifacts}, code-server logs in ${dir})`)
  process.exitCode = 1
} finally {
  await browser.close()
  await server.stop()
  if (!process.exitCode) fs.rmSync(dir, {recursive: true, force: true})
}
