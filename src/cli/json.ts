// `--format json`: the vfile-reporter-json shape, plus the typed evidence (`data`) it leaves out.
import type {VFile} from 'vfile'
import type {CorroborateMessage} from '../core/index.js'

export function toJson(files: VFile[]): string {
  return JSON.stringify(
    files.map((file) => ({
      path: file.path,
      cwd: file.cwd,
      history: file.history,
      messages: (file.messages as CorroborateMessage[]).map((m) => ({
        column: m.column,
        fatal: m.fatal,
        line: m.line,
        place: m.place,
        reason: m.reason,
        ruleId: m.ruleId,
        source: m.source,
        actual: m.actual,
        expected: m.expected,
        note: m.note,
        url: m.url,
        data: m.data
      }))
    })),
    null,
    2
  )
}
