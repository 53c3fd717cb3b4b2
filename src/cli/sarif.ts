// `--format sarif`: SARIF 2.1.0 for code-scanning dashboards in newsroom CI.
import path from 'node:path'
import type * as Sarif from 'sarif'
import type {VFile} from 'vfile'
import {DEFAULT_SEVERITY, RULE_IDS, RULE_SUMMARY, ruleUrl, type CorroborateMessage, type Evidence} from '../core/types.js'

const LEVEL = {error: 'error', warning: 'warning', info: 'note'} as const

export function toSarif(files: VFile[], version: string, cwd: string): string {
  // A URI reference: each path segment percent-encoded (spaces, non-ASCII, '#', '?').
  const uri = (p: string) => (path.isAbsolute(p) ? path.relative(cwd, p) : p).split(path.sep).map(encodeURIComponent).join('/')
  const results: Sarif.Result[] = []
  for (const file of files) {
    const text = String(file.value)
    for (const m of file.messages as CorroborateMessage[]) {
      const place = m.place && 'start' in m.place ? m.place : undefined
      const start = place?.start.offset ?? 0
      const end = place?.end.offset ?? start
      const location: Sarif.Location = {
        physicalLocation: {
          artifactLocation: {uri: uri(file.path)},
          region: {
            startLine: place?.start.line ?? m.line ?? 1,
            startColumn: place?.start.column ?? m.column ?? 1,
            endLine: place?.end.line ?? m.line ?? 1,
            endColumn: place?.end.column ?? m.column ?? 1,
            charOffset: start,
            charLength: end - start,
            snippet: {text: text.slice(start, end)}
          }
        }
      }
      const evidence: Evidence[] = [...(m.data?.evidence ?? []), ...(m.data?.conflicting ?? [])]
      const result: Sarif.Result = {
        ruleId: m.ruleId,
        ruleIndex: RULE_IDS.indexOf(m.ruleId),
        level: m.fatal === true ? 'error' : m.fatal === false ? 'warning' : 'note',
        message: {text: m.reason},
        locations: [location],
        relatedLocations: evidence.map((e, id) => ({
          id,
          message: {text: e.sentence},
          physicalLocation: {artifactLocation: {uri: uri(e.absPath)}, region: {startLine: e.line, startColumn: e.column, charOffset: e.start, charLength: e.end - e.start}}
        }))
      }
      const fix = m.expected?.[0]
      if (fix !== undefined && fix !== '') {
        const range = m.data?.fixRange ?? {start, end}
        result.fixes = [{
          description: {text: `Replace with '${fix}'`},
          artifactChanges: [{
            artifactLocation: {uri: uri(file.path)},
            replacements: [{deletedRegion: {charOffset: range.start, charLength: range.end - range.start}, insertedContent: {text: fix}}]
          }]
        }]
      }
      results.push(result)
    }
  }
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {driver: {
        name: 'corroborate',
        version,
        informationUri: 'https://github.com/corroborate/corroborate',
        rules: RULE_IDS.map((id) => ({
          id,
          name: id,
          shortDescription: {text: RULE_SUMMARY[id]},
          helpUri: ruleUrl(id),
          defaultConfiguration: {level: LEVEL[DEFAULT_SEVERITY[id]]}
        }))
      }},
      columnKind: 'utf16CodeUnits',
      results
    }]
  }
  return JSON.stringify(log, null, 2)
}
