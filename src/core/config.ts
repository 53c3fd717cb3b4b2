// The project config file `.corroborate.json`, shared by the CLI and the VS Code extension:
// where the sources are, per-rule severity, and messages the writer accepted.
import fs from 'node:fs'
import path from 'node:path'
import {RULE_IDS, type AcceptedItem, type RuleId, type Severity} from './types.js'

export const CONFIG_FILE_NAME = '.corroborate.json'

export interface ProjectConfig {
  /** Folders, files or globs of reference sources, relative to the config file. Default: ["sources"]. */
  corpus?: string[]
  /** Per-rule severity: "error", "warning", "info" or "off". */
  rules?: Partial<Record<RuleId, Severity>>
  /** Messages the writer accepted: never reported again. */
  accepted?: AcceptedItem[]
  /** Drafts longer than this (UTF-16 code units) are checked around the visible range only (editor). */
  maxDraftChars?: number
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

const SEVERITIES = ['error', 'warning', 'info', 'off']

/** Walk up from `startDir` to the nearest `.corroborate.json`. */
export function findConfigFile(startDir: string): string | undefined {
  let dir = path.resolve(startDir)
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME)
    if (fs.existsSync(candidate)) return candidate
    const parent = path.dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}

/** Read and validate a config file; every problem names the file, the key and what is allowed. */
export function loadConfig(file: string): ProjectConfig {
  let raw: unknown
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new ConfigError(`${file}: ${(error as Error).message.replace(/^.*?: /, '')} — the config file must be JSON`)
  }
  return validateConfig(raw, file)
}

export function validateConfig(raw: unknown, file = CONFIG_FILE_NAME): ProjectConfig {
  const fail = (key: string, what: string) => {
    throw new ConfigError(`${file}: "${key}" ${what}`)
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) fail('(top level)', 'must be an object')
  const config = raw as Record<string, unknown>
  for (const key of Object.keys(config)) {
    if (!['corpus', 'rules', 'accepted', 'maxDraftChars', '$schema'].includes(key)) fail(key, 'is not a known setting (corpus, rules, accepted, maxDraftChars)')
  }
  if (config.corpus !== undefined) {
    if (typeof config.corpus === 'string') config.corpus = [config.corpus]
    if (!Array.isArray(config.corpus) || !config.corpus.every((c) => typeof c === 'string')) fail('corpus', 'must be a list of folders, files or globs')
  }
  if (config.rules !== undefined) {
    if (!config.rules || typeof config.rules !== 'object' || Array.isArray(config.rules)) fail('rules', 'must be an object of rule id → severity')
    for (const [rule, severity] of Object.entries(config.rules as object)) {
      if (!(RULE_IDS as readonly string[]).includes(rule)) fail(`rules.${rule}`, `is not a rule id (one of: ${RULE_IDS.join(', ')})`)
      if (!SEVERITIES.includes(severity as string)) fail(`rules.${rule}`, `must be one of ${SEVERITIES.join(', ')}`)
    }
  }
  if (config.accepted !== undefined) {
    if (!Array.isArray(config.accepted)) fail('accepted', 'must be a list of {rule, text}')
    ;(config.accepted as unknown[]).forEach((item, i) => {
      const a = item as Record<string, unknown>
      if (!a || typeof a !== 'object') fail(`accepted[${i}]`, 'must be an object {rule, text}')
      if (!(RULE_IDS as readonly string[]).includes(a.rule as string)) fail(`accepted[${i}].rule`, `must be a rule id (one of: ${RULE_IDS.join(', ')})`)
      if (typeof a.text !== 'string' || !a.text) fail(`accepted[${i}].text`, 'must be the accepted text')
      if (a.file !== undefined && typeof a.file !== 'string') fail(`accepted[${i}].file`, 'must be a path relative to the config file')
    })
  }
  if (config.maxDraftChars !== undefined && !(Number.isInteger(config.maxDraftChars) && (config.maxDraftChars as number) > 0)) {
    fail('maxDraftChars', 'must be a positive whole number')
  }
  return config as ProjectConfig
}

/** Corpus inputs as absolute paths or globs (relative to the config file's folder). */
export function resolveCorpusInputs(config: ProjectConfig, configFile: string): string[] {
  const base = path.dirname(configFile)
  return (config.corpus ?? ['sources']).map((input) => (path.isAbsolute(input) ? input : path.join(base, input)))
}

/** Record an accepted message, creating the file if needed and keeping everything else in it. */
export function addAccepted(configFile: string, item: AcceptedItem): void {
  let raw: Record<string, unknown> = {}
  if (fs.existsSync(configFile)) raw = JSON.parse(fs.readFileSync(configFile, 'utf8').replace(/^\uFEFF/, '') || '{}')
  const accepted = Array.isArray(raw.accepted) ? (raw.accepted as AcceptedItem[]) : []
  const same = (a: AcceptedItem) => a.rule === item.rule && a.text === item.text && (a.file ?? '') === (item.file ?? '')
  if (!accepted.some(same)) accepted.push(item)
  raw.accepted = accepted
  fs.writeFileSync(configFile, JSON.stringify(raw, null, 2) + '\n')
}
