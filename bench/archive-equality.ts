// Are the archive's findings the embedded index's, on real text? Each honest-dev cluster's sources are
// ingested into a throwaway PostgreSQL and its draft checked against both stores; every message (rule,
// severity, place, text, fix, reason) is compared. Prints the clusters that differ and the totals.
//
//   npm run eval:archive [-- --limit N]
import fs from 'node:fs'
import path from 'node:path'
import {parseArgs} from 'node:util'
import {fileURLToPath} from 'node:url'
import {checkDraft, loadCorpus, type CorroborateMessage} from '../src/core/index.js'
import {openPool} from '../src/core/corpus/archive/connect.js'
import {ingest} from '../src/core/corpus/archive/ingest.js'
import {ArchiveReader, checkAgainstArchive} from '../src/core/corpus/archive/reader.js'
import {postgresBin, startCluster} from '../test/archive/cluster.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const {values} = parseArgs({options: {limit: {type: 'string'}, data: {type: 'string', default: path.resolve(root, '../shared/data/honest-dev')}}})
if (!fs.existsSync(values.data!) || !postgresBin()) {
  console.log(!postgresBin() ? 'PostgreSQL is not installed (run .ci/install-postgres.sh); nothing compared' : `no honest-dev data at ${values.data}; nothing compared`)
  process.exit(0)
}
const clusters = fs.readdirSync(values.data!).filter((d) => fs.existsSync(path.join(values.data!, d, 'draft.txt'))).slice(0, values.limit ? Number(values.limit) : undefined)
const key = (messages: CorroborateMessage[]) =>
  messages.map((m) => `${m.ruleId} ${m.fatal} ${(m.place as {start: {offset: number}}).start.offset} ${m.actual} ${(m.expected ?? []).join('|')} ${m.reason}`).sort()
const cluster = await startCluster()
let same = 0
let messages = 0
try {
  for (const [k, name] of clusters.entries()) {
    const dir = path.join(values.data!, name)
    const url = cluster.database(`cluster_${k}`)
    await ingest(url, path.join(dir, 'sources'))
    const embedded = await loadCorpus(['sources'], {cwd: dir})
    const pool = await openPool(url, {max: 2})
    try {
      const value = fs.readFileSync(path.join(dir, 'draft.txt'), 'utf8')
      const local = key(checkDraft({path: 'draft.txt', value}, embedded).messages as CorroborateMessage[])
      const remote = key((await checkAgainstArchive({path: 'draft.txt', value}, await new ArchiveReader(pool, url).open())).messages as CorroborateMessage[])
      messages += local.length
      if (JSON.stringify(local) === JSON.stringify(remote)) {
        same++
        continue
      }
      console.log(`differs: ${name}`)
      for (const m of local) if (!remote.includes(m)) console.log(`  only embedded: ${m}`)
      for (const m of remote) if (!local.includes(m)) console.log(`  only archive:  ${m}`)
    } finally {
      await pool.end()
    }
  }
} finally {
  cluster.stop()
}
console.log(`${same} of ${clusters.length} clusters give the same findings from the archive as from the embedded index (${messages} messages compared)`)
