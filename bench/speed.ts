// Speed and memory, printed (no assertions): corpus indexing for N synthetic sources, checking the
// example draft, a long draft, and a re-check after editing one paragraph (the editor's case).
// Usage: npx tsx bench/speed.ts [--sources 1000] [--words 50000]
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {parseArgs} from 'node:util'
import {checkDraft, loadCorpus} from '../src/core/index.js'

const {values} = parseArgs({options: {sources: {type: 'string', default: '1000'}, words: {type: 'string', default: '50000'}}})
const N = Number(values.sources)
const WORDS = Number(values.words)

// Deterministic pseudo-random generator, so runs compare.
let seed = 42
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]

const fixtureText = ['examples/sources', 'test/fixtures/transit/sources', 'test/unit/fixtures-engine/fire/sources', 'test/unit/fixtures-engine/quotes/sources']
  .flatMap((dir) => fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')))
  .join('\n')
const sentences = fixtureText.split(/(?<=[.!?”])\s+/).filter((s) => s.split(' ').length > 6 && !/[<>]/.test(s))
const names = ['Ana Ruiz', 'Tom Becker', 'Priya Natarajan', 'Maria Okafor', 'Lena Ortiz', 'Carlos Mendez', 'Derek Lund', 'Denise Okoro']
const vary = (s: string) => s.replace(/\d+/g, () => String(Math.floor(random() * 900) + 10)).replace(/\b(Ana Ruiz|Tom Becker|Maria Okafor)\b/g, () => pick(names))

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`
const time = <T>(f: () => T): [T, number] => {
  const t = performance.now()
  const r = f()
  return [r, performance.now() - t]
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-bench-'))
for (let i = 0; i < N; i++) {
  const body = Array.from({length: 20 + Math.floor(random() * 30)}, () => vary(pick(sentences))).join('\n\n')
  fs.writeFileSync(path.join(dir, `source-${String(i).padStart(5, '0')}.txt`), `Report ${i}\n\n${body}\n`)
}
const bytes = fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0)
console.log(`sources: ${N} files, ${mb(bytes)} of text`)

global.gc?.()
const heapBefore = process.memoryUsage().heapUsed
let t = performance.now()
const corpus = await loadCorpus([dir])
const loadMs = performance.now() - t
global.gc?.()
console.log(`index:   ${(loadMs / 1000).toFixed(1)} s, ${corpus.sentences.length} sentences, heap +${mb(process.memoryUsage().heapUsed - heapBefore)} (rss ${mb(process.memoryUsage().rss)})`)

const example = fs.readFileSync('examples/draft.txt', 'utf8')
const exampleCorpus = await loadCorpus(['examples/sources'])
const [, first] = time(() => checkDraft({path: 'draft.txt', value: example}, exampleCorpus))
const [, again] = time(() => checkDraft({path: 'draft.txt', value: example}, exampleCorpus))
console.log(`example: ${first.toFixed(0)} ms first check, ${again.toFixed(0)} ms re-check (unchanged text)`)

const paragraphs: string[] = []
let words = 0
while (words < WORDS) {
  const p = Array.from({length: 4}, () => vary(pick(sentences))).join(' ')
  paragraphs.push(p)
  words += p.split(/\s+/).length
}
const long = paragraphs.join('\n\n')
const [big, bigMs] = time(() => checkDraft({path: 'long.md', value: long}, corpus))
console.log(`long:    ${words} words against ${N} sources: ${(bigMs / 1000).toFixed(1)} s first check, ${big.messages.length} messages`)
paragraphs[Math.floor(paragraphs.length / 2)] += ' The council approved an extra 4 million for repairs.'
const [, editMs] = time(() => checkDraft({path: 'long.md', value: paragraphs.join('\n\n')}, corpus))
console.log(`edit:    re-check after changing one paragraph: ${editMs.toFixed(0)} ms (aligned sentences are cached per corpus version)`)

const [, addMs] = time(() => corpus.addFile(path.join(dir, 'new.txt'), 'A new source sentence about the Harbor City bus fare vote on Wednesday.'))
console.log(`update:  adding one source to the index: ${addMs.toFixed(1)} ms`)
fs.rmSync(dir, {recursive: true, force: true})
