// Hover: the evidence behind a diagnostic — source file and line as a link (an archive's article: its id,
// title and date, with a link that opens its text), the source sentence with the differing words marked,
// and for quotes who said it.
import type {Diagnostic, Hover, Position} from 'vscode-languageserver/node'
import {pathToFileURL} from 'node:url'
import type {Evidence} from '../core/index.js'
import {COMMANDS, evidenceUri, type DiagnosticData} from './protocol.js'

export function hoverFor(diagnostics: Diagnostic[], position: Position): Hover | undefined {
  const hits = diagnostics.filter((d) => d.source === 'corroborate' && contains(d, position))
  if (!hits.length) return undefined
  const parts = hits.map((d) => {
    const data = d.data as DiagnosticData
    // The editor already shows the diagnostic's message above the hover: only the evidence here.
    const lines = [`**Corroborate · ${data.ruleId}**`]
    for (const e of data.evidence) lines.push(evidenceBlock(e, 'Source'))
    for (const e of data.conflicting ?? []) lines.push(evidenceBlock(e, 'Other source'))
    if (data.sourceSpeaker) lines.push(`Said by **${escape(data.sourceSpeaker)}** in the sources${data.draftSpeaker ? `, not ${escape(data.draftSpeaker)}` : ''}.`)
    if (!data.evidence.length) lines.push('_No source sentence backs this._')
    return lines.join('\n\n')
  })
  return {contents: {kind: 'markdown', value: parts.join('\n\n---\n\n')}, range: hits[0].range}
}

function evidenceBlock(e: Evidence, label: string): string {
  const who = e.speaker ? ` — ${escape(e.speaker)}` : ''
  if (e.archive) {
    // No file on this machine: a command link (the client trusts this one) opens the article's text.
    const open = `command:${COMMANDS.openSource}?${encodeURIComponent(JSON.stringify([evidenceUri(e), e.line, e.column]))}`
    const about = [`article ${e.archive.id}`, e.archive.title ? `“${escape(e.archive.title)}”` : '', e.archive.date ?? ''].filter(Boolean).join(', ')
    return `${label} (shared archive): [${escape(e.path)}:${e.line}](${open}) — ${about}${who}\n\n> ${marked(e)}`
  }
  const link = `[${escape(e.path)}:${e.line}](${pathToFileURL(e.absPath).href}#L${e.line},${e.column})`
  return `${label}: ${link}${who}\n\n> ${marked(e)}`
}

/** The sentence with its differing words in bold. */
function marked(e: Evidence): string {
  if (!e.marks?.length) return escape(e.sentence)
  let out = ''
  let at = 0
  for (const [a, b] of [...e.marks].sort((x, y) => x[0] - y[0])) {
    out += escape(e.sentence.slice(at, a)) + `**${escape(e.sentence.slice(a, b))}**`
    at = b
  }
  return out + escape(e.sentence.slice(at))
}

function escape(s: string): string {
  return s.replace(/([\\`*_[\]<>#|])/g, '\\$1')
}

function contains(d: Diagnostic, p: Position): boolean {
  const {start, end} = d.range
  const after = p.line > start.line || (p.line === start.line && p.character >= start.character)
  const before = p.line < end.line || (p.line === end.line && p.character <= end.character)
  return after && before
}
