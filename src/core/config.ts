// The project config file `.corroborate.json`, shared by the CLI and the VS Code extension:
// where the sources are, per-rule severity, and messages the writer accepted.
import fs from 'node:fs'
import path from 'node:path'
import * as jsonc from 'jsonc-parser'
import {RULE_IDS, type AcceptedItem, type RuleId, type Severity} from './types.js'

/** A corpus entry naming a shared archive (postgres://…) rather than a folder, file or glob. Here, not in
 * the archive's module, so that code reading only folders need not load the database client. */
export function isArchiveUrl(input: string): boolean {
  return /^postgres(ql)?:\/\//i.test(input)
}

/** The archive could not be used; `message` is one line that says what to do. (Here with the URL helpers, so
 * that a command reading only folders can tell it apart without loading the database client.) */
export class ArchiveError extends Error {
  override name = 'ArchiveError'
}

/** An archive URL as it can be shown: no password. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url)
    u.password = ''
    return u.toString().replace(/\/$/, '')
  } catch {
    return 'the archive URL'
  }
}

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
  // A shared archive (postgres://…) is named, not a path.
  return (config.corpus ?? ['sources']).map((input) => (path.isAbsolute(input) || isArchiveUrl(input) ? input : path.join(base, input)))
}

export interface AddAcceptedOptions {
  /** The workspace folder: a config file outside it is never written. */
  root?: string
  /** How long to wait for another writer's lock (ms). Default 5000. */
  lockTimeoutMs?: number
}

/** A lock older than this was left by a writer that died; it is taken over. */
const STALE_LOCK_MS = 10_000

/** Record an accepted message, creating the file if needed. Safe against other writers and a kill
 * mid-write: the file is merged under a lock (another window may be accepting too), re-read inside it,
 * edited in place so the user's formatting and key order stay, and replaced atomically (a temp file
 * renamed over it). A file that is not a valid config is an error, never overwritten. Returns false
 * when the item was already there. */
export function addAccepted(configFile: string, item: AcceptedItem, options: AddAcceptedOptions = {}): boolean {
  if (options.root) {
    const rel = path.relative(path.resolve(options.root), path.resolve(configFile))
    if (rel.startsWith('..') || path.isAbsolute(rel)) throw new ConfigError(`${configFile}: outside the workspace folder ${options.root} — Corroborate only writes a config inside it`)
  }
  return withLock(`${configFile}.lock`, options.lockTimeoutMs ?? 5000, () => {
    const exists = fs.existsSync(configFile)
    const text = exists ? fs.readFileSync(configFile, 'utf8') : ''
    if (exists && text.replace(/^\uFEFF/, '').trim() === '') throw new ConfigError(`${configFile}: the file is empty — write {} in it or delete it`)
    let current: ProjectConfig = {}
    if (exists) {
      const errors: jsonc.ParseError[] = []
      const raw = jsonc.parse(text.replace(/^\uFEFF/, ''), errors, {allowTrailingComma: true})
      if (errors.length) throw new ConfigError(`${configFile}: ${jsonc.printParseErrorCode(errors[0].error)} at offset ${errors[0].offset} — the config file must be JSON`)
      current = validateConfig(structuredClone(raw), configFile)
    }
    const same = (a: AcceptedItem) => a.rule === item.rule && a.text === item.text && (a.file ?? '') === (item.file ?? '')
    if (current.accepted?.some(same)) return false
    const base = exists ? text : '{}\n'
    const bom = base.startsWith('\uFEFF') ? '\uFEFF' : ''
    const body = base.slice(bom.length)
    const formattingOptions = {insertSpaces: !/^\t/m.test(body), tabSize: /^( +)"/m.exec(body)?.[1].length ?? 2, eol: body.includes('\r\n') ? '\r\n' : '\n'}
    const edits = current.accepted ? jsonc.modify(body, ['accepted', current.accepted.length], item, {formattingOptions, isArrayInsertion: true}) : jsonc.modify(body, ['accepted'], [item], {formattingOptions})
    const updated = bom + jsonc.applyEdits(body, edits)
    const temp = `${configFile}.${process.pid}.${Date.now().toString(36)}.tmp`
    try {
      fs.writeFileSync(temp, updated.endsWith('\n') ? updated : updated + '\n')
      fs.renameSync(temp, configFile)
    } catch (error) {
      // The old file is untouched until the rename: a failed or killed write leaves it whole.
      fs.rmSync(temp, {force: true})
      throw new ConfigError(`${configFile}: could not be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); it is unchanged`)
    }
    return true
  })
}

function withLock<T>(lock: string, timeoutMs: number, fn: () => T): T {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      fs.closeSync(fs.openSync(lock, 'wx'))
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const age = Date.now() - (fs.statSync(lock, {throwIfNoEntry: false})?.mtimeMs ?? Date.now())
      if (age > STALE_LOCK_MS) fs.rmSync(lock, {force: true})
      else if (Date.now() > deadline) throw new ConfigError(`${lock}: another Corroborate is writing the config — try again`)
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 15)
    }
  }
  try {
    return fn()
  } finally {
    fs.rmSync(lock, {force: true})
  }
}
