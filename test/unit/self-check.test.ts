// Self-check: every source checked as a draft against its own corpus is silent — no message of any
// rule. A source's own sentences, quotes and attributions are verbatim in the corpus; where it
// disagrees with another source is for the sources report, not a finding in it.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import {checkDraft} from '../../src/core/index.js'
import {compact, corpusAt, ROOT} from './helpers.js'

const corpora = [
  path.join(ROOT, 'examples/sources'),
  ...['test/fixtures', 'test/unit/fixtures-engine'].flatMap((root) =>
    fs.readdirSync(path.join(ROOT, root)).map((set) => path.join(ROOT, root, set, 'sources')).filter((dir) => fs.existsSync(dir))
  )
]

describe('self-check: sources checked against their own corpus', () => {
  for (const dir of corpora) {
    it(path.relative(ROOT, dir), async () => {
      const corpus = await corpusAt(dir)
      // HTML sources are read as pages; a draft is text or Markdown, so they are not drafts.
      const files = corpus.sources.filter((s) => s.format !== 'html')
      assert.ok(files.length > 0)
      for (const source of files) {
        const text = fs.readFileSync(source.absPath, 'utf8').replace(/^\uFEFF/, '')
        const file = checkDraft({path: source.absPath, value: text}, corpus)
        assert.deepEqual(compact(file.messages as never), [], source.path)
      }
    })
  }
})
