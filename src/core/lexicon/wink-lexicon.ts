// Stand-ins for wink-lexicon's word index (`wn-words.js`: word → row) and word senses (`wn-word-senses.js`:
// row → lexicographer-file numbers), which wink-lemmatizer reads. The bundles load these instead (esbuild.mjs):
// the same data, packed into the WordNet tables file (scripts/build-lexicon.mjs), looked up by binary search.
// Evaluated as modules, the originals cost ~170 ms of CPU and 30 MB of every start of the CLI and the engine.
import wordnet from '../../../data/generated/wordnet.js'
import {listOf, SortedNames} from './tables.js'

/** wink's words, sorted in code-unit order; a word's row in the senses table is its place here. */
const NAMES = new SortedNames(wordnet.wink.names, wordnet.wink.nameStarts)

function rowOf(word: string): number | undefined {
  const row = NAMES.find(word)
  return row < 0 ? undefined : row
}

/** `words[word]`: the word's row, or undefined. Like the original (a null-prototype object), Object's members
 * are not words unless WordNet has them ("constructor" is one). */
export const words: Record<string, number | undefined> = new Proxy(Object.create(null) as Record<string, number | undefined>, {
  get: (_target, key) => (typeof key === 'string' ? rowOf(key) : undefined),
  has: (_target, key) => typeof key === 'string' && rowOf(key) !== undefined
})

/** `senses[row]`: the row's lexicographer-file numbers (0–1 adjective, 2 adverb, 3–28 noun, 29–43 verb, 44 adjective). */
export const senses: Record<string, Int32Array | undefined> = new Proxy(Object.create(null) as Record<string, Int32Array | undefined>, {
  get: (_target, key) => {
    const row = typeof key === 'string' ? Number(key) : NaN
    return Number.isInteger(row) && row >= 0 && row < NAMES.size ? listOf(wordnet.wink.senses, row) : undefined
  }
})
