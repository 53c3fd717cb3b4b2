// One workspace folder's project: its config file, its corpus, and which files are sources. The
// corpus is loaded once and then patched file by file as sources are added, edited or deleted.
import fs from 'node:fs'
import path from 'node:path'
import fg from 'fast-glob'
import {CONFIG_FILE_NAME, findConfigFile, isArchiveUrl, loadConfig, resolveCorpusInputs, type ProjectConfig} from '../core/config.js'
import {Corpus, CorpusError, loadCorpus} from '../core/corpus/corpus.js'
import {DEFAULT_SETTINGS, type EditorSettings} from '../core/settings.js'

export class Project {
  corpus?: Corpus
  config: ProjectConfig = {}
  configFile?: string
  error?: string
  /** Absolute folders and glob patterns the corpus is read from, and any shared archive (postgres://…). */
  inputs: string[] = []

  constructor(readonly root: string, public settings: EditorSettings = DEFAULT_SETTINGS) {}

  /** Where "Accept here" writes: the config file in use, or a new one at the workspace root. */
  get acceptFile(): string {
    return this.configFile ?? path.join(this.root, CONFIG_FILE_NAME)
  }

  /** Read config and sources from scratch (with `cache`, a saved index is reloaded and kept up to date).
   * Errors are kept (and shown), never thrown. */
  async load(cache?: string): Promise<void> {
    this.loadConfig()
    const folders = this.inputs.filter((input) => !isArchiveUrl(input))
    try {
      // With a shared archive and no folder, the local side is empty (the archive is read by the engine).
      this.corpus = folders.length || !this.archiveUrl ? await loadCorpus(folders, {cwd: this.root, roots: [this.root], allowOutside: this.settings.allowCorpusOutsideWorkspace, cache, note: (line) => console.warn(line)}) : new Corpus({cwd: this.root})
    } catch (error) {
      if (this.archiveUrl && error instanceof CorpusError) {
        // The archive still answers: a missing or empty folder beside it is a note, not the end of checking.
        this.corpus = new Corpus({cwd: this.root})
        this.corpus.skipped.push({path: folders.map((f) => path.relative(this.root, f) || f).join(', '), reason: error.problem})
        return
      }
      this.corpus = undefined
      // Same problem as the CLI reports, with the editor's remedy (a setting, not a flag).
      this.error ??= error instanceof CorpusError ? `${error.problem} — ${error.editorFix}` : (error as Error).message
    }
  }

  /** The shared archive among the corpus entries (one at a time: the first). */
  get archiveUrl(): string | undefined {
    return this.inputs.find(isArchiveUrl)
  }

  /** Where the archive's URL was written, for a message that says where to fix it. */
  get archiveSetting(): string {
    return this.configFile && this.config.corpus ? path.relative(this.root, this.configFile) || CONFIG_FILE_NAME : '"corroborate.corpus"'
  }

  /** Read the config file and work out the corpus inputs, without reading any source. */
  loadConfig() {
    this.error = undefined
    this.configFile = findConfigFile(this.root)
    try {
      this.config = this.configFile ? loadConfig(this.configFile) : {}
    } catch (error) {
      this.config = {}
      this.error = (error as Error).message
    }
    this.inputs = this.corpusInputs()
  }

  /** Re-read the config file only (an accept, a severity changed). Returns true when the corpus inputs
   * changed too, so the caller re-indexes; otherwise the loaded corpus stays as it is. */
  reloadConfig(): boolean {
    const before = JSON.stringify(this.inputs)
    this.configFile = findConfigFile(this.root)
    try {
      this.config = this.configFile ? loadConfig(this.configFile) : {}
      if (this.error?.includes(CONFIG_FILE_NAME)) this.error = undefined
    } catch (error) {
      this.error = (error as Error).message
      return false // keep the corpus and the last good config until the file is fixed
    }
    this.inputs = this.corpusInputs()
    return JSON.stringify(this.inputs) !== before
  }

  private corpusInputs(): string[] {
    return this.configFile && this.config.corpus ? resolveCorpusInputs(this.config, this.configFile) : this.settings.corpus.map((c) => (isArchiveUrl(c) ? c : path.resolve(this.root, c)))
  }

  /** Is this file one of the sources (inside a corpus folder, or matching a corpus glob)? */
  isSource(file: string): boolean {
    return this.inputs.some((input) => {
      if (isArchiveUrl(input)) return false
      if (fg.isDynamicPattern(input)) return fg.globSync(input, {absolute: true}).some((f) => path.normalize(f) === file)
      const rel = path.relative(input, file)
      return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
    })
  }

  /** Patch the corpus for one changed or deleted source file. Returns true when the corpus changed. */
  update(file: string): boolean {
    if (!this.corpus || !this.isSource(file)) return false
    const stat = fs.statSync(file, {throwIfNoEntry: false})
    if (!stat) return this.remove(file)
    // A folder named like a source ("notes.md/") is not a file to read.
    if (!stat.isFile()) return false
    try {
      this.corpus.addFile(file, fs.readFileSync(file))
    } catch (error) {
      this.corpus.removeFile(file)
      this.corpus.skipped.push({path: path.relative(this.root, file), reason: `unreadable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`})
    }
    return true
  }

  /** A deleted file or folder: every source at or under that path leaves the corpus. */
  remove(target: string): boolean {
    if (!this.corpus) return false
    let changed = false
    for (const source of this.corpus.sources) {
      const rel = path.relative(target, source.absPath)
      if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) changed = this.corpus.removeFile(source.absPath) || changed
    }
    return changed
  }

  /** Severity per rule: the config file wins over the editor settings (the CLI reads it too). */
  get rules() {
    return {...this.settings.rules, ...this.config.rules} as ProjectConfig['rules']
  }

  get maxDraftChars(): number {
    return this.config.maxDraftChars ?? this.settings.maxDraftChars
  }
}
