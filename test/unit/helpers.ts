// Shared test helpers: load a fixture corpus once, check a draft file, list messages compactly.
import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {checkDraft, loadCorpus, type Corpus, type CorroborateMessage} from '../../src/core/index.js'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const ENGINE_FIXTURES = path.join(ROOT, 'test/unit/fixtures-engine')

const corpora = new Map<string, Promise<Corpus>>()

export function corpusAt(dir: string): Promise<Corpus> {
  let c = corpora.get(dir)
  if (!c) corpora.set(dir, (c = loadCorpus([dir], {cwd: ROOT})))
  return c
}

export async function check(corpusDir: string, draftPath: string): Promise<{messages: CorroborateMessage[]; text: string}> {
  const text = fs.readFileSync(draftPath, 'utf8').replace(/^\uFEFF/, '')
  const file = checkDraft({path: draftPath, value: text}, await corpusAt(corpusDir))
  return {messages: file.messages as CorroborateMessage[], text}
}

/** "rule [actual] → expected" lines: compact and readable in a failing assert. */
export function compact(messages: CorroborateMessage[]): string[] {
  return messages.map((m) => `${m.ruleId} [${m.actual}]${m.expected?.length ? ` → ${m.expected[0]}` : ''}`)
}
