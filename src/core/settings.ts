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
}

export const DEFAULT_SETTINGS: EditorSettings = {
  corpus: ['sources'],
  rules: {},
  maxDraftChars: 200_000,
  checkDelayMs: 400
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
        markdownDescription: 'Folders, files or globs of reference sources, relative to the workspace folder. The `corpus` of a `.corroborate.json` in the workspace takes precedence.'
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
      }
    }
  }
}
