// The engine's side of the language server, in a worker thread: it holds the project's corpus and runs
// the checks, so the server's own thread answers hover, code actions and the status bar while a check
// or an index build runs. Requests and replies are plain data; messages go back as plain objects that
// `toDiagnostic` reads. Requests run one at a time, in order: a check against the shared archive waits on
// the database, and a reload or a source saved must not change the corpus under it.
import {parentPort} from 'node:worker_threads'
import {checkDraft, compareSources, type CheckOptions, type CorroborateMessage, type EditorSettings, type SourceDisagreement} from '../core/index.js'
import {saveCorpus} from '../core/corpus/corpus.js'
import {Project} from './project.js'
import {collectWhenIdle} from './idle-gc.js'
import {ArchiveLink, type ArchiveState} from './archive.js'

export interface CorpusState {
  loaded: boolean
  sources: number
  sentences: number
  skipped: Array<{path: string; reason: string}>
  error?: string
  /** The shared archive beside the folders, when one is named. */
  archive?: ArchiveState
}

export type EngineRequest =
  | {type: 'load'; root: string; settings: EditorSettings; cache?: string}
  | {type: 'check'; filePath: string; text: string; ranges?: Array<[number, number]>; options: CheckOptions}
  | {type: 'update'; changes: Array<{file: string; deleted: boolean}>}
  | {type: 'reloadConfig'}
  | {type: 'sources'}
  | {type: 'save'}
  | {type: 'article'; id: number}

export interface CheckResult {
  /** One entry per range checked (the whole text: one entry at 0). */
  parts: Array<{base: number; messages: PlainMessage[]}>
  /** The archive as this check found it (it may have gone away or come back). */
  archive?: ArchiveState
}

/** What a diagnostic needs of a message, as plain data (a VFileMessage does not cross threads whole). */
export type PlainMessage = Pick<CorroborateMessage, 'ruleId' | 'reason' | 'fatal' | 'actual' | 'expected' | 'url' | 'place' | 'data'>

let project: Project | undefined
let archive: ArchiveLink | undefined
let cache: string | undefined
let dirty = false

function state(): CorpusState {
  const corpus = project?.corpus
  return {loaded: Boolean(corpus), sources: corpus?.sources.length ?? 0, sentences: corpus?.sentenceCount ?? 0, skipped: corpus?.skipped ?? [], error: project?.error, ...(archive ? {archive: archive.state} : {})}
}

function plain(m: CorroborateMessage): PlainMessage {
  return {ruleId: m.ruleId, reason: m.reason, fatal: m.fatal, actual: m.actual, expected: m.expected, url: m.url, place: m.place, data: m.data}
}

async function handle(request: EngineRequest): Promise<unknown> {
  switch (request.type) {
    case 'load':
      project = new Project(request.root, request.settings)
      cache = request.cache
      dirty = false
      await archive?.close()
      archive = undefined
      await project.load(cache)
      if (project.corpus && project.archiveUrl) {
        archive = new ArchiveLink(project.archiveUrl, project.archiveSetting)
        await archive.connect(true)
      }
      return state()
    case 'check': {
      const corpus = project?.corpus
      if (!corpus) return {parts: []} satisfies CheckResult
      const ranges = request.ranges ?? [[0, request.text.length]]
      const parts: CheckResult['parts'] = []
      for (const [start, end] of ranges) {
        const draft = {path: request.filePath, value: request.text.slice(start, end)}
        const file = archive ? await archive.check(draft, corpus, request.options) : checkDraft(draft, corpus, request.options)
        parts.push({base: start, messages: (file.messages as CorroborateMessage[]).map(plain)})
      }
      return {parts, ...(archive ? {archive: archive.state} : {})} satisfies CheckResult
    }
    case 'article':
      if (!archive) throw new Error('no shared archive is named in "corroborate.corpus"')
      // The id comes from a URI the user may have typed: only a whole positive number is asked for.
      if (!Number.isSafeInteger(request.id) || request.id <= 0) return null
      return (await archive.article(request.id)) ?? null
    case 'update': {
      if (!project) return {changed: false, state: state()}
      let changed = false
      const problems: string[] = []
      for (const {file, deleted} of request.changes) {
        // One odd event (a folder, an unreadable file) never drops the rest of the batch.
        try {
          changed = (deleted ? project.remove(file) : project.update(file)) || changed
        } catch (error) {
          problems.push(`${file}: ${(error as Error).message}`)
        }
      }
      if (changed) dirty = true
      return {changed, problems, state: state()}
    }
    case 'reloadConfig':
      return {inputsChanged: project?.reloadConfig() ?? false}
    case 'sources':
      return {state: state(), disagreements: project?.corpus ? compareSources(project.corpus) : ([] as SourceDisagreement[]), sources: project?.corpus?.sources.map((s) => ({path: s.path, absPath: s.absPath, sentences: s.sentences.length})) ?? []}
    case 'save':
      // Sources edited since the index was loaded: saved when the editor is idle, not on every save.
      if (dirty && cache && project?.corpus) {
        saveCorpus(cache, project.corpus)
        dirty = false
      }
      return {}
  }
}

let queue: Promise<void> = Promise.resolve()

parentPort?.on('message', ({id, request}: {id: number; request: EngineRequest}) => {
  queue = queue.then(async () => {
    try {
      parentPort!.postMessage({id, result: await handle(request)})
    } catch (error) {
      parentPort!.postMessage({id, error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error)})
    }
    collectWhenIdle()
  })
})
