import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {createRequire} from 'node:module'
import {pathToFileURL} from 'node:url'
import {ROOT} from './helpers.js'
import {senses, words} from '../../src/core/lexicon/wink-lexicon.js'
import {SortedNames} from '../../src/core/lexicon/tables.js'

const require = createRequire(import.meta.url)
const originalWords = require('wink-lexicon/src/wn-words.js') as Record<string, number>
const originalSenses = require('wink-lexicon/src/wn-word-senses.js') as number[][]

describe("wink-lexicon's stand-ins (the bundles' word and sense index)", () => {
  it('give every word the same senses as the originals', () => {
    const all = Object.keys(originalWords)
    assert.ok(all.length > 70_000)
    for (const word of all) {
      const row = words[word]
      assert.notEqual(row, undefined, word)
      assert.deepEqual([...senses[String(row)]!], originalSenses[originalWords[word]], word)
    }
  })

  it("know no other words, and none of Object's members that WordNet lacks", () => {
    for (const word of ['corroboratee', '', 'toString', 'hasOwnProperty', '__proto__', 'aaaa', 'zzzzz']) {
      assert.equal(words[word], originalWords[word], word)
      assert.equal(words[word], undefined, word)
    }
    assert.equal(typeof words.constructor, 'number', '"constructor" is a WordNet noun')
  })

  it('give the bundled lemmatizer the library’s answers', async function () {
    this.timeout(60_000)
    // The lemmatizer as esbuild.mjs bundles it (with the stand-ins), against the library as installed.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-wink-'))
    try {
      const {options, copyData} = (await import(pathToFileURL(path.join(ROOT, 'esbuild.mjs')).href)) as {options: Record<string, unknown>; copyData: (outdir: string) => void}
      const {build} = await import('esbuild')
      const outfile = path.join(dir, 'wink.cjs')
      const result = await build({...options, entryPoints: undefined, outdir: undefined, outExtension: undefined, outfile, sourcemap: false, write: true, metafile: true,
        stdin: {contents: "module.exports = require('wink-lemmatizer')", resolveDir: ROOT}})
      assert.ok(Object.keys(result.metafile!.inputs).some((input) => input.endsWith('wink-lexicon.ts')), 'the stand-ins are bundled')
      copyData(dir)
      const bundled = require(outfile) as Record<'noun' | 'verb' | 'adjective', (w: string) => string>
      const library = require('wink-lemmatizer') as typeof bundled
      const forms = Object.keys(originalWords).filter((_, k) => k % 7 === 0).flatMap((w) => [w, `${w}s`, `${w}es`, `${w}ed`, `${w}ing`, `${w}er`, `${w}est`])
      for (const form of [...forms, 'geese', 'ran', 'farthest', 'constructors']) {
        for (const pos of ['noun', 'verb', 'adjective'] as const) assert.equal(bundled[pos](form), library[pos](form), `${pos} ${form}`)
      }
    } finally {
      fs.rmSync(dir, {recursive: true, force: true})
    }
  })
})

describe('sorted names (look-ups in the joined string)', () => {
  const list = ['', 'a', 'a_b', 'ab', 'abc', 'abd', 'b', 'zz', 'é', '\u{1F600}'].sort()
  const starts = new Int32Array(list.length + 1)
  list.forEach((name, k) => (starts[k + 1] = starts[k] + name.length + 1))
  const names = new SortedNames(list.join('\n'), starts)

  it('finds each name at its place, and reads it back', () => {
    assert.equal(names.size, list.length)
    list.forEach((name, k) => {
      assert.equal(names.find(name), k, name)
      assert.equal(names.at(k), name)
    })
  })

  it('finds no prefix, extension or neighbour of a name', () => {
    for (const key of ['abcd', 'aa', 'A', 'b_', 'z', 'zzz', 'e', '\u{1F601}', 'a\nb']) assert.equal(names.find(key), -1, key)
  })
})

describe('WordNet relations', () => {
  it("answer at once only where the full comparison finds nothing (every kind of relation, in both orders)", async () => {
    const {relation, computeRelation} = await import('../../src/core/lexicon/wordnet.js')
    // Words of a few neighbourhoods: forms of one lemma, shared senses, hypernyms, siblings, lateral relations.
    const words = (
      'war wars warfare struggle conflict battle fight fighting combat clash skirmish dispute quarrel ' +
      'begin began begun start started commence open opened launch initiate finish end ended conclude close final last ' +
      'car cars automobile vehicle truck lorry bus boat ship vessel aircraft plane airplane jet ' +
      'house home dwelling building residence apartment flat hotel school university college ' +
      'rise rose rising increase grow growth fall fell decline drop decrease climb surge slump ' +
      'happy glad joyful sad unhappy angry furious big large huge small little tiny quick fast rapid slow ' +
      'say said tell told state stated claim claimed argue argued report reported announce declare ' +
      'minister president leader chief official officer police soldier army troops government state ' +
      'dog dogs cat animal horse bird fish money cash fund funds budget price cost value worth ' +
      'city town village capital country nation land region area river lake sea ocean mountain hill ' +
      'influence affect effect impact result consequence outcome cause reason purpose ' +
      'in turn time fact walk walked walking run ran running swim swam'
    ).split(' ')
    const kinds = new Map<string, number>()
    for (const a of words) {
      for (const b of words) {
        const quick = relation(a, b)
        assert.deepEqual(quick, computeRelation(a, b), `${a} / ${b}`)
        kinds.set(quick?.kind ?? 'none', (kinds.get(quick?.kind ?? 'none') ?? 0) + 1)
      }
    }
    for (const kind of ['none', 'morph', 'synonym', 'related']) assert.ok((kinds.get(kind) ?? 0) > 20, `${kind}: ${kinds.get(kind)}`)
  })
})
