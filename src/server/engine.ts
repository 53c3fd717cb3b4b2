// The engine's side of the language server, in a worker thread: it holds the project's corpus and runs
// the checks, so the server's own thread answers hover, code actions and the status bar while a check
// or an index build runs. Requests and replies are plain data; messages go back as plain objects that
// `toDiagnostic` reads.
import {parentPort} from 'node:worker_threads'
import {checkDraft, compareSources, type CheckOptions, type CorroborateMessage, type EditorSettings, type SourceDisagreement} from '../core/index.js'
import {saveCorpus} from '../core/corpus/corpus.js'
import {Project} from './project.js'
import {collectWhenIdle} from './idle-gc.js'

export interface CorpusState {
  loaded: boolean
  sources: number
  sentences: number
  skipped: Array<{path: string; reason: string}>
  error?: string
}

export type EngineRequest =
  | {type: 'load'; root: string; settings: EditorSettings; cache?: string}
  | {type: 'check'; filePath: string; text: string; ranges?: Array<[number, number]>; options: CheckOptions}
  | {type: 'update'; changes: Array<{file: string; deleted: boolean}>}
  | {type: 'reloadConfig'}
  | {type: 'sources'}
  | {type: 'save'}

export interface CheckResult {
  /** One entry per range checked (the whole text: one entry at 0). */
  parts: Array<{base: number; messages: PlainMessage[]}>
}

/** What a diagnostic needs of a message, as plain data (a VFileMessage does not cross threads whole). */
export type PlainMessage = Pick<CorroborateMessage, 'ruleId' | 'reason' | 'fatal' | 'actual' | 'expected' | 'url' | 'place' | 'data'>

let project: Project | undefined
let cache: string | undefined
let dirty = false

function state(): CorpusState {
  const corpus = project?.corpus
  return {loaded: Boolean(corpus), sources: corpus?.sources.length ?? 0, sentences: corpus?.sentenceCount ?? 0, skipped: corpus?.skipped ?? [], error: project?.error}
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
      await project.load(cache)
      return state()
    case 'check': {
      const corpus = project?.corpus
      if (!corpus) return {parts: []} satisfies CheckResult
      const ranges = request.ranges ?? [[0, request.text.length]]
      return {
        parts: ranges.map(([start, end]) => ({base: start, messages: (checkDraft({path: request.filePath, value: request.text.slice(start, end)}, corpus, request.options).messages as CorroborateMessage[]).map(plain)}))
      } satisfies CheckResult
    }
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

parentPort?.on('message', async ({id, request}: {id: number; request: EngineRequest}) => {
  try {
    parentPort!.postMessage({id, result: await handle(request)})
  } catch (error) {
    parentPort!.postMessage({id, error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error)})
  }
  collectWhenIdle()
})
