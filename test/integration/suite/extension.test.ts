// Integration tests in a real VS Code: the fixture workspace is opened, drafts are opened, and we
// read the diagnostics, apply quick fixes, hover, and add a source file, as a user would.
import './setup.js'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import * as vscode from 'vscode'

const workspace = () => vscode.workspace.workspaceFolders![0].uri.fsPath

async function open(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(path.join(workspace(), name))
  await vscode.window.showTextDocument(document)
  return document
}

/** Wait until the document's Corroborate diagnostics satisfy `ok`. */
async function diagnostics(document: vscode.TextDocument, ok: (d: vscode.Diagnostic[]) => boolean = (d) => d.length > 0, timeout = 30_000) {
  const started = Date.now()
  for (;;) {
    const found = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'corroborate')
    if (ok(found)) return found
    if (Date.now() - started > timeout) throw new Error(`timed out waiting for diagnostics; have: ${found.map((d) => `${code(d)} ${document.getText(d.range)}`).join(' | ')}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

const code = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code))
const find = (ds: vscode.Diagnostic[], rule: string) => ds.find((d) => code(d) === rule)

async function actions(document: vscode.TextDocument, diagnostic: vscode.Diagnostic) {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value)) ?? []
}

describe('Corroborate in VS Code', () => {
  before(async function () {
    this.timeout(120_000)
    const extension = vscode.extensions.all.find((e) => e.packageJSON.name === 'corroborate')
    assert.ok(extension, 'extension is installed')
    await extension.activate()
  })

  it('shows every rule with message, range and severity', async () => {
    const document = await open('errors.md')
    const ds = await diagnostics(document, (d) => d.length >= 6)
    const row = (rule: string) => {
      const d = find(ds, rule)
      assert.ok(d, `${rule} in ${ds.map(code).join(', ')}`)
      return {text: document.getText(d.range), severity: d.severity, message: d.message, d}
    }
    const contradicted = row('contradicted-claim')
    assert.equal(contradicted.text, '420')
    assert.equal(contradicted.severity, vscode.DiagnosticSeverity.Error)
    assert.match(contradicted.message, /^Unexpected `420`, expected `240`/)
    const target = contradicted.d.code as {value: string; target: vscode.Uri}
    assert.match(target.target.toString(), /#contradicted-claim$/)
    // A place no source names is information: the message sits on the missing fact itself.
    assert.equal(row('unsupported-claim').severity, vscode.DiagnosticSeverity.Information)
    assert.equal(row('unsupported-claim').text, 'Lisbon')
    assert.equal(row('altered-quote').text, 'will never')
    assert.equal(row('altered-quote').severity, vscode.DiagnosticSeverity.Error)
    assert.equal(row('unsourced-quote').text, 'We will build the new wing next year,')
    assert.equal(row('misattributed-quote').text, 'Ruiz')
    assert.equal(row('conflicting-sources').severity, vscode.DiagnosticSeverity.Information)
    assert.equal(row('conflicting-sources').text, 'three')
    const spun = await open('spun.txt')
    const swaps = await diagnostics(spun)
    const struggle = swaps.find((d) => spun.getText(d.range) === 'emptying')
    assert.ok(struggle)
    assert.equal(code(struggle), 'machine-paraphrase')
    assert.equal(struggle.severity, vscode.DiagnosticSeverity.Warning)
    const clean = await open('clean.md')
    await new Promise((r) => setTimeout(r, 2000))
    assert.deepEqual(vscode.languages.getDiagnostics(clean.uri).filter((d) => d.source === 'corroborate').map((d) => d.message), [])
  })

  it('hovers with the evidence: source file and line, marked words, speaker', async () => {
    const document = await open('errors.md')
    const ds = await diagnostics(document, (d) => d.length >= 6)
    const altered = find(ds, 'altered-quote')!
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, altered.range.start.translate(0, 1))
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n')
    assert.match(text, /council-wire\.txt:5/)
    assert.match(text, /\*\*may not\*\*/)
    assert.match(text, /Ana Ruiz/)
  })

  it('applies each quick fix: source wording, attribution, and refuses a stale one', async () => {
    const document = await open('errors.md')
    let ds = await diagnostics(document, (d) => d.length >= 6)
    const replace = async (rule: string, title: RegExp, expected: string) => {
      const d = find(ds, rule)!
      const fixes = await actions(document, d)
      const fix = fixes.find((a) => title.test(a.title))
      assert.ok(fix, `${rule}: ${fixes.map((a) => a.title).join(' | ')}`)
      assert.ok(fix.command)
      assert.equal(await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? [])), true)
      assert.ok(document.getText().includes(expected), expected)
      ds = await diagnostics(document, (x) => !x.some((y) => code(y) === rule && y.range.isEqual(d.range)))
    }
    const first = find(ds, 'contradicted-claim')!
    const preferred = (await actions(document, first)).find((a) => a.isPreferred)
    assert.equal(preferred?.title, "Replace with '240'")
    await replace('contradicted-claim', /^Replace with '240'$/, 'evacuation of 240 workers')
    await replace('altered-quote', /^Replace with 'may not'$/, 'a building we may not need')
    await replace('misattributed-quote', /^Attribute to Ortiz$/, 'close the library,” Ortiz said.')
    // A fix computed for an older version of the text is not applied.
    ds = await diagnostics(document, (d) => d.some((x) => code(x) === 'unsourced-quote'))
    const other = await open('spun.txt')
    const swaps = await diagnostics(other)
    const swap = swaps.find((d) => other.getText(d.range) === 'blaze')!
    const fix = (await actions(other, swap)).find((a) => a.isPreferred)!
    await vscode.window.activeTextEditor!.edit((b) => b.insert(new vscode.Position(0, 0), 'Update: '))
    assert.equal(await vscode.commands.executeCommand(fix.command!.command, ...(fix.command!.arguments ?? [])), false, 'stale fix refused')
    assert.ok(other.getText().startsWith('Update: A blaze'))
    await vscode.commands.executeCommand('undo')
  })

  it('re-checks drafts when a source file is added, edited or deleted', async () => {
    const document = await open('errors.md')
    await diagnostics(document, (d) => d.some((x) => code(x) === 'unsupported-claim'))
    const added = path.join(workspace(), 'sources', 'expansion.txt')
    fs.writeFileSync(added, 'The owners plan to open a second factory in Lisbon next year, regional officials said.\n')
    await diagnostics(document, (d) => !d.some((x) => code(x) === 'unsupported-claim'))
    fs.rmSync(added)
    await diagnostics(document, (d) => d.some((x) => code(x) === 'unsupported-claim'))
  })

  it('checks a draft above corroborate.maxDraftChars only around the visible range', async () => {
    const filler = 'The plant, which opened in 2017, employs about 410 people and exports most of its output to Germany.\n\n'
    const body = 'A fire broke out at the Halvorsen textile plant in Dunmore on Saturday night, forcing the evacuation of 420 workers from the night shift.\n\n' +
      filler.repeat(200) + 'The plant, which opened in 2019, employs about 410 people and exports most of its output to Germany.\n'
    fs.writeFileSync(path.join(workspace(), 'long.md'), body)
    const config = vscode.workspace.getConfiguration('corroborate')
    await config.update('maxDraftChars', 5000, vscode.ConfigurationTarget.Workspace)
    try {
      const document = await open('long.md')
      const ds = await diagnostics(document, (d) => d.some((x) => document.getText(x.range) === '420'))
      assert.ok(!ds.some((x) => document.getText(x.range) === '2019'), 'the far end of the draft is not checked while out of view')
      // Scroll to the end: the paragraphs there are checked.
      const editor = vscode.window.activeTextEditor!
      editor.revealRange(new vscode.Range(document.lineCount - 1, 0, document.lineCount - 1, 0))
      await diagnostics(document, (d) => d.some((x) => document.getText(x.range) === '2019'))
    } finally {
      await config.update('maxDraftChars', undefined, vscode.ConfigurationTarget.Workspace)
    }
  })

  it('offers "Open source", "Accept here" and "Disable rule"; accepting records it in .corroborate.json', async () => {
    const document = await open('errors.md')
    const ds = await diagnostics(document, (d) => d.some((x) => code(x) === 'unsourced-quote'))
    const unsourced = find(ds, 'unsourced-quote')!
    const titles = (await actions(document, unsourced)).map((a) => a.title)
    assert.ok(titles.some((t) => /^Open source at this sentence/.test(t)), titles.join(' | '))
    assert.ok(titles.includes('Disable unsourced-quote in this file'))
    const accept = (await actions(document, unsourced)).find((a) => a.title.startsWith('Accept here'))!
    await vscode.commands.executeCommand(accept.command!.command, ...(accept.command!.arguments ?? []))
    await diagnostics(document, (d) => !d.some((x) => code(x) === 'unsourced-quote'))
    const config = JSON.parse(fs.readFileSync(path.join(workspace(), '.corroborate.json'), 'utf8'))
    assert.deepEqual(config.accepted, [{rule: 'unsourced-quote', text: 'We will build the new wing next year,', file: 'errors.md'}])
  })

  it('fixes every machine-paraphrase swap of a file in one step (source.fixAll)', async () => {
    const document = await open('spun.txt')
    const before = await diagnostics(document, (d) => d.filter((x) => code(x) === 'machine-paraphrase').length >= 2)
    const swaps = before.filter((d) => code(d) === 'machine-paraphrase')
    const fixAll = ((await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.corroborate')) ?? [])
      .find((a) => /Fix all machine-paraphrase/.test(a.title))
    assert.ok(fixAll?.command, 'a fix-all action is offered')
    await vscode.commands.executeCommand(fixAll.command.command, ...(fixAll.command.arguments ?? []))
    assert.ok(!document.getText().includes(document.getText(swaps[0].range)) || document.isDirty)
    const after = await diagnostics(document, (d) => d.filter((x) => code(x) === 'machine-paraphrase').length < swaps.length)
    assert.ok(after.filter((d) => code(d) === 'machine-paraphrase').length < swaps.length)
    await vscode.commands.executeCommand('workbench.action.files.revert')
  })

  it('shows the sources report read-only, with no unsaved document left behind', async () => {
    await vscode.commands.executeCommand('corroborate.sourcesReport')
    await new Promise((r) => setTimeout(r, 1500))
    const report = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'corroborate-report')
    assert.ok(report, 'the report is a read-only virtual document')
    assert.match(report.getText(), /# Corroborate: sources report/)
    assert.match(report.getText(), /\]\(file:\/\//)
    assert.equal(vscode.workspace.textDocuments.filter((d) => d.isUntitled).length, 0)
  })

  it('tells the truth in the status bar: sources and problems once checked, "not checked" for an unsaved buffer', async () => {
    const api = vscode.extensions.all.find((e) => e.packageJSON.name === 'corroborate')!.exports as {statusText(): string}
    const document = await open('errors.md')
    await diagnostics(document) // earlier tests fixed some of its problems: any left will do
    const started = Date.now()
    while (!/\d+ sources.* · \d+ problems?$/.test(api.statusText()) && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 200))
    assert.match(api.statusText(), /Corroborate: \d+ sources.* · \d+ problems?$/)
    const untitled = await vscode.workspace.openTextDocument({language: 'markdown', content: 'The council approved 420 new parking permits.'})
    await vscode.window.showTextDocument(untitled)
    await new Promise((r) => setTimeout(r, 500))
    assert.match(api.statusText(), /not checked \(save the file to check it\)/)
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor')
  })

  it('keeps checking with the workspace sources when the shared archive cannot be reached, and says so in the status bar', async function () {
    this.timeout(90_000)
    const api = vscode.extensions.all.find((e) => e.packageJSON.name === 'corroborate')!.exports as {statusText(): string}
    const config = vscode.workspace.getConfiguration('corroborate')
    // Port 1 on loopback: nothing listens there.
    await config.update('corpus', ['sources', 'postgres://desk@127.0.0.1:1/archive'], vscode.ConfigurationTarget.Workspace)
    try {
      const started = Date.now()
      while (!/archive unavailable · \d+ problems?$/.test(api.statusText()) && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 200))
      assert.match(api.statusText(), /Corroborate: \d+ sources · \$\(warning\) archive unavailable · \d+ problems?$/)
      const document = await open('errors.md')
      await diagnostics(document)
      // An article link while the archive is away opens a one-line explanation, not an error dialog.
      const article = await vscode.workspace.openTextDocument(vscode.Uri.parse('corroborate-archive:/wire/story.txt?1'))
      assert.match(article.getText(), /^Corroborate: cannot use the archive postgres:\/\/desk@127\.0\.0\.1:1\/archive \(connection refused/)
    } finally {
      await config.update('corpus', undefined, vscode.ConfigurationTarget.Workspace)
    }
    const started = Date.now()
    while (/archive/.test(api.statusText()) && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 200))
    assert.doesNotMatch(api.statusText(), /archive/)
  })

  it('confirms Re-index and Check Document, and "Set up sources" writes the setting', async () => {
    const api = vscode.extensions.all.find((e) => e.packageJSON.name === 'corroborate')!.exports as {lastFeedback(): string | undefined; statusText(): string}
    await vscode.commands.executeCommand('corroborate.reindex')
    assert.match(api.lastFeedback() ?? '', /^Corroborate: re-indexed \d+ sources$/)
    await open('clean.md')
    await vscode.commands.executeCommand('corroborate.checkDocument')
    assert.match(api.lastFeedback() ?? '', /^Corroborate: checking clean\.md…$/)
    const sources = vscode.Uri.file(path.join(workspace(), 'sources'))
    await vscode.commands.executeCommand('corroborate.setUpSources', [sources])
    assert.deepEqual(vscode.workspace.getConfiguration('corroborate').get('corpus'), ['sources'])
    assert.match(api.lastFeedback() ?? '', /sources set to sources/)
    await vscode.workspace.getConfiguration('corroborate').update('corpus', undefined, vscode.ConfigurationTarget.Workspace)
  })
})
