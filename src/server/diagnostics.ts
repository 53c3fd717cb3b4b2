// The one adapter from engine messages to LSP diagnostics. Severity comes from the message (the
// engine already applied settings); everything code actions and hover need rides in `data`.
import {DiagnosticSeverity, type Diagnostic} from 'vscode-languageserver/node'
import type {TextDocument} from 'vscode-languageserver-textdocument'
import type {CorroborateMessage} from '../core/index.js'
import {evidenceUri, type DiagnosticData} from './protocol.js'

export function toDiagnostic(message: CorroborateMessage, document: TextDocument, base = 0): Diagnostic {
  const place = message.place && 'start' in message.place ? message.place : undefined
  const start = base + (place?.start.offset ?? 0)
  const end = base + (place?.end.offset ?? start)
  const data: DiagnosticData = {
    ruleId: message.ruleId,
    uri: document.uri,
    version: document.version,
    actual: message.actual ?? document.getText().slice(start, end),
    expected: message.expected ?? [],
    evidence: message.data?.evidence ?? [],
    conflicting: message.data?.conflicting,
    draftSpeaker: message.data?.draftSpeaker,
    sourceSpeaker: message.data?.sourceSpeaker,
    fixRange: message.data?.fixRange && {start: base + message.data.fixRange.start, end: base + message.data.fixRange.end}
  }
  return {
    range: {start: document.positionAt(start), end: document.positionAt(end)},
    severity: message.fatal === true ? DiagnosticSeverity.Error : message.fatal === false ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
    code: message.ruleId,
    codeDescription: message.url ? {href: message.url} : undefined,
    source: 'corroborate',
    message: message.reason,
    relatedInformation: [...data.evidence, ...(data.conflicting ?? [])].map((e) => ({
      location: {
        uri: evidenceUri(e),
        range: {start: {line: e.line - 1, character: e.column - 1}, end: {line: e.line - 1, character: e.column - 1 + Math.min(e.sentence.length, 200)}}
      },
      message: e.speaker ? `${e.speaker}: ${e.sentence}` : e.sentence
    })),
    data
  }
}

/** VS Code shows at most 1,000 problems per file and drops the rest without a word: past the cap the
 * rest are summed up in one diagnostic at the first one left out, which says so. */
export const MAX_DIAGNOSTICS = 1000

export function capDiagnostics(diagnostics: Diagnostic[], max = MAX_DIAGNOSTICS): Diagnostic[] {
  if (diagnostics.length <= max) return diagnostics
  const kept = diagnostics.slice(0, max - 1)
  const rest = diagnostics.slice(max - 1)
  return [...kept, {
    range: rest[0].range,
    severity: 3,
    source: 'corroborate',
    message: `${rest.length} more Corroborate problems from here on are not shown (an editor shows at most ${max} per file); fix the ones above, or split the draft.`
  }]
}
