// Editor settings, declared once: `npm run sync-settings` writes them into package.json's
// `contributes.configuration`, and a unit test fails when the two drift apart. The same names mean
// the same thing in `.corroborate.json` (which wins for corpus, rules and maxDraftChars, since the
// CLI reads it too).
import {DEFAULT_SEVERITY, RULE_IDS, RULE_SUMMARY} from './types.js'

export interface EditorSettings {
  corpus: string[]
  rules: Partial<Record<string, string>>
  maxDraftChars: number
  checkDelayMs: number
  /** User-level only: let the corpus be read outside the workspace folder. */
  allowCorpusOutsideWorkspace: boolean
}

export const DEFAULT_SETTINGS: EditorSettings = {
  corpus: ['sources'],
  rules: {},
  maxDraftChars: 200_000,
  checkDelayMs: 400,
  allowCorpusOutsideWorkspace: false
}

/** JSON schema of the settings, as VS Code's `contributes.configuration` wants it. */
export function configurationContribution() {
  return {
    title: 'Corroborate',
    properties: {
      'corroborate.corpus': {
        type: 'array',
        items: {type: 'string'},
        default: DEFAULT_SETTINGS.corpus,
        markdownDescription: 'Folders, files or globs of reference sources, relative to the workspace folder, and at most one shared archive (`postgres://user@host/database`; the password comes from `PGPASSWORD` or `~/.pgpass`, never from here — see docs/archive.md). The `corpus` of a `.corroborate.json` in the workspace takes precedence.'
      },
      'corroborate.rules': {
        type: 'object',
        default: {},
        markdownDescription: 'Severity per rule: `error`, `warning`, `info` or `off`. Rules set in `.corroborate.json` take precedence.',
        properties: Object.fromEntries(RULE_IDS.map((id) => [id, {
          type: 'string',
          enum: ['error', 'warning', 'info', 'off'],
          default: DEFAULT_SEVERITY[id],
          description: RULE_SUMMARY[id]
        }])),
        additionalProperties: false
      },
      'corroborate.maxDraftChars': {
        type: 'number',
        default: DEFAULT_SETTINGS.maxDraftChars,
        minimum: 1000,
        markdownDescription: 'Drafts longer than this many characters are checked paragraph by paragraph around the visible range only, with a notice.'
      },
      'corroborate.checkDelayMs': {
        type: 'number',
        default: DEFAULT_SETTINGS.checkDelayMs,
        minimum: 0,
        markdownDescription: 'Pause after the last keystroke before a draft is checked again (milliseconds).'
      },
      'corroborate.allowCorpusOutsideWorkspace': {
        type: 'boolean',
        default: DEFAULT_SETTINGS.allowCorpusOutsideWorkspace,
        // Application scope: only the user's own settings can say it, never a repository's workspace settings.
        scope: 'application',
        markdownDescription: 'Read sources outside the workspace folder (a corpus entry such as `../archive` or an absolute path). Off by default, so a repository cannot make Corroborate read your other files; a user setting only.'
      }
    }
  }
}

/** Editor settings as the editor sent them, checked: a wrong-typed value ("corroborate.corpus":
 * "sources", [null], a maxDraftChars of "big") is replaced by its default and named in `problems`,
 * so a typo in settings.json is a note, not a dead server. */
export function validateSettings(raw: unknown): {settings: EditorSettings; problems: string[]} {
  const problems: string[] = []
  const input = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {}
  const settings: EditorSettings = {...DEFAULT_SETTINGS, rules: {}}
  const corpus = input.corpus
  if (typeof corpus === 'string' && corpus.trim()) settings.corpus = [corpus]
  else if (Array.isArray(corpus)) {
    const valid = corpus.filter((c): c is string => typeof c === 'string' && c.trim() !== '')
    if (valid.length !== corpus.length) problems.push('"corroborate.corpus" holds entries that are not folder names; they were left out')
    settings.corpus = valid.length ? valid : DEFAULT_SETTINGS.corpus
  } else if (corpus !== undefined && corpus !== null) problems.push('"corroborate.corpus" must be a list of folders, files or globs; using "sources"')
  const rules = input.rules
  if (rules && typeof rules === 'object' && !Array.isArray(rules)) {
    for (const [rule, severity] of Object.entries(rules)) {
      if ((RULE_IDS as readonly string[]).includes(rule) && ['error', 'warning', 'info', 'off'].includes(severity as string)) settings.rules[rule] = severity as string
      else problems.push(`"corroborate.rules.${rule}" is not a rule with a severity (error, warning, info, off); ignored`)
    }
  } else if (rules !== undefined && rules !== null) problems.push('"corroborate.rules" must be an object of rule id → severity; ignored')
  if (typeof input.allowCorpusOutsideWorkspace === 'boolean') settings.allowCorpusOutsideWorkspace = input.allowCorpusOutsideWorkspace
  for (const [key, min] of [['maxDraftChars', 1000], ['checkDelayMs', 0]] as const) {
    const value = input[key]
    if (value === undefined || value === null) continue
    if (typeof value === 'number' && Number.isFinite(value) && value >= min) settings[key] = value
    else problems.push(`"corroborate.${key}" must be a number of at least ${min}; using ${DEFAULT_SETTINGS[key]}`)
  }
  return {settings, problems}
}
