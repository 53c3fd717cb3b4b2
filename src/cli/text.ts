// `--format text`: vfile-reporter's layout (path, then `line:col-line:col  severity  reason  rule`)
// plus one evidence line per message, so the writer can open the source sentence.
import type {VFile} from 'vfile'
import type {CorroborateMessage, Evidence} from '../core/index.js'

const EXCERPT = 70

/** Text from sources and drafts shown on a terminal: control characters (escape sequences included)
 * become visible escapes, so a source cannot move the cursor, recolour or retitle the terminal, and a
 * file name with a line break stays on its line. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).replace(/\n/g, '\\n')
}

export function toText(files: VFile[], options: {quiet?: boolean; color?: boolean} = {}): string {
  const paint = (code: number, s: string) => (options.color ? `\u001b[${code}m${s}\u001b[39m` : s)
  const lines: string[] = []
  const totals = {error: 0, warning: 0, info: 0}
  for (const file of files) {
    const messages = file.messages as CorroborateMessage[]
    if (!messages.length && options.quiet) continue
    lines.push(paint(4, printable(file.path)) + (messages.length ? '' : ': no issues found'))
    for (const m of messages) {
      const severity = m.fatal === true ? 'error' : m.fatal === false ? 'warning' : 'info'
      totals[severity]++
      const place = m.place && 'start' in m.place ? `${m.place.start.line}:${m.place.start.column}-${m.place.end.line}:${m.place.end.column}` : `${m.line}:${m.column}`
      const label = paint(severity === 'error' ? 31 : severity === 'warning' ? 33 : 36, severity.padEnd(7))
      lines.push(`  ${place.padEnd(13)} ${label} ${printable(m.reason)}  ${paint(2, m.ruleId)}`)
      for (const e of [...(m.data?.evidence ?? []).slice(0, 1), ...(m.data?.conflicting ?? []).slice(0, 1)]) {
        lines.push(`  ${''.padEnd(13)} ${''.padEnd(7)} ${paint(2, `↳ ${printable(e.path)}:${e.line}:${e.column}${e.speaker ? ` (${printable(e.speaker)})` : ''}  “${printable(excerpt(e))}”`)}`)
      }
    }
    lines.push('')
  }
  const parts = Object.entries(totals).filter(([, n]) => n).map(([k, n]) => `${n} ${k}${n === 1 ? '' : 's'}`)
  lines.push(parts.length ? parts.join(', ') : 'no issues found')
  return lines.join('\n')
}

/** The source sentence around its marked words, shortened to fit a terminal line. */
function excerpt(e: Evidence): string {
  const s = e.sentence
  if (s.length <= EXCERPT * 2) return s
  const [a, b] = e.marks?.[0] ?? [0, 0]
  // Cut at word boundaries so the excerpt reads cleanly.
  let from = Math.max(0, a - EXCERPT)
  let to = Math.min(s.length, b + EXCERPT)
  if (from > 0) from = s.indexOf(' ', from) + 1 || from
  if (to < s.length) to = Math.max(b, s.lastIndexOf(' ', to))
  return `${from > 0 ? '…' : ''}${s.slice(from, to)}${to < s.length ? '…' : ''}`
}
