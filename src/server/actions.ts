// Code actions, built only from the data a diagnostic carries. A fix is offered and applied only
// while the document still has the version it was computed for and the flagged text is unchanged.
import {CodeActionKind, type CodeAction, type Diagnostic} from 'vscode-languageserver/node'
import type {TextDocument} from 'vscode-languageserver-textdocument'
import {COMMANDS, evidenceUri, SERVER_COMMANDS, type ApplyFixArgs, type DiagnosticData} from './protocol.js'

export interface ActionContext {
  document: TextDocument
  diagnostics: Diagnostic[]
  /** Every diagnostic published for the document (for "fix all"). */
  all?: Diagnostic[]
  /** Writes (accept, disable) are offered only in a trusted workspace. */
  trusted: boolean
  markdown: boolean
}

/** The kind of the "fix all" action, so `editor.codeActionsOnSave` can name it. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.corroborate`

export function codeActions({document, diagnostics, all, trusted, markdown}: ActionContext): CodeAction[] {
  const actions: CodeAction[] = []
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== 'corroborate' || !diagnostic.data) continue
    const data = diagnostic.data as DiagnosticData
    const fresh = data.version === document.version
    // A diagnostic from before the last edit offers nothing until the re-check lands: otherwise the
    // first item would be "Open source" for a moment, and Enter would open it instead of fixing.
    if (!fresh) continue
    const range = data.fixRange
      ? {start: document.positionAt(data.fixRange.start), end: document.positionAt(data.fixRange.end)}
      : diagnostic.range
    // Same version means same text; the edit also carries the version, so the editor refuses it if the
    // document moved on between offering and applying.
    const unchanged = fresh && document.getText(diagnostic.range) === data.actual
    if (unchanged) {
      data.expected.filter((text) => text !== '').forEach((text, i) => {
        // A command, not a plain edit: an edit loses its document version on the way to the editor,
        // and the command refuses to apply to text that changed since the fix was computed.
        const args: ApplyFixArgs = {uri: document.uri, version: data.version, start: document.offsetAt(range.start), end: document.offsetAt(range.end), newText: text}
        actions.push({
          title: data.ruleId === 'misattributed-quote' ? `Attribute to ${text}` : `Replace with '${text}'`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: i === 0,
          command: {title: 'Apply fix', command: COMMANDS.applyFix, arguments: [args]}
        })
      })
    }
    const evidence = data.evidence[0]
    if (evidence) {
      actions.push({
        title: `Open source at this sentence (${evidence.path.split('/').pop()}:${evidence.line})`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: {title: 'Open source', command: COMMANDS.openSource, arguments: [evidence.archive ? evidenceUri(evidence) : evidence.absPath, evidence.line, evidence.column]}
      })
    }
    if (trusted && unchanged) {
      actions.push({
        title: `Accept here (record in .corroborate.json)`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: {title: 'Accept', command: SERVER_COMMANDS.accept, arguments: [document.uri, data.ruleId, data.actual]}
      })
    }
    if (fresh) {
      const comment = markdown || /\.(md|markdown)$/i.test(document.uri) ? `<!-- corroborate-disable ${data.ruleId} -->\n` : `<!-- corroborate-disable ${data.ruleId} -->\n\n`
      actions.push({
        title: `Disable ${data.ruleId} in this file`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: {documentChanges: [{textDocument: {uri: document.uri, version: data.version}, edits: [{range: {start: {line: afterFrontMatter(document), character: 0}, end: {line: afterFrontMatter(document), character: 0}}, newText: comment}]}]}
      })
    }
  }
  const fixAll = fixAllAction(document, all ?? diagnostics)
  if (fixAll) actions.push(fixAll)
  return actions
}

/** "Fix all machine-paraphrase in this file": every fresh spinner swap back to the source's word, in
 * one version-checked edit. */
export function fixAllAction(document: TextDocument, diagnostics: Diagnostic[]): CodeAction | undefined {
  const fixes: ApplyFixArgs[] = []
  for (const d of diagnostics) {
    const data = d.data as DiagnosticData | undefined
    if (d.source !== 'corroborate' || !data || data.ruleId !== 'machine-paraphrase' || data.version !== document.version) continue
    const text = data.expected.find((t) => t !== '')
    if (!text || document.getText(d.range) !== data.actual) continue
    const start = document.offsetAt(d.range.start)
    const end = document.offsetAt(d.range.end)
    if (fixes.some((f) => f.start < end && start < f.end)) continue
    fixes.push({uri: document.uri, version: data.version, start, end, newText: text})
  }
  if (fixes.length < 2) return undefined
  return {
    title: `Fix all machine-paraphrase in this file (${fixes.length})`,
    kind: FIX_ALL_KIND,
    command: {title: 'Fix all', command: COMMANDS.applyFixes, arguments: [fixes]}
  }
}

/** The first line after YAML front matter ("---" … "---" at the top), where a comment may go without
 * breaking the metadata; 0 when there is none. */
export function afterFrontMatter(document: TextDocument): number {
  const text = document.getText()
  if (!/^---\r?\n/.test(text)) return 0
  const close = /^(---|\.\.\.)[ \t]*$/m
  const rest = text.slice(text.indexOf('\n') + 1)
  const m = close.exec(rest)
  if (!m) return 0
  return document.positionAt(text.indexOf('\n') + 1 + m.index).line + 1
}
