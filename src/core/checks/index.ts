// The checks, in the order they run. Each is a unified plugin in its own file; `rules` lists the
// rule ids it can emit, so a check whose rules are all off is not run at all.
import type {Plugin} from 'unified'
import type {Root} from 'nlcst'
import type {CorpusReader} from '../corpus/reader.js'
import type {RuleId} from '../types.js'
import retextQuotes from './quotes.js'
import retextAttribution from './attribution.js'
import retextClaims from './claims.js'
import retextParaphrase from './paraphrase.js'
import retextFrames from './frames.js'
import retextSwappedRoles from './swapped-roles.js'
import retextUnsupportedEvent from './unsupported-event.js'

export interface CheckPluginOptions {
  corpus: CorpusReader
}

export interface CheckEntry {
  rules: RuleId[]
  plugin: Plugin<[CheckPluginOptions], Root>
}

export const CHECKS: CheckEntry[] = [
  {rules: ['altered-quote', 'unsourced-quote', 'conflicting-sources'], plugin: retextQuotes},
  {rules: ['misattributed-quote'], plugin: retextAttribution},
  {rules: ['contradicted-claim', 'unsupported-claim', 'conflicting-sources'], plugin: retextClaims},
  {rules: ['contradicted-claim'], plugin: retextSwappedRoles},
  {rules: ['contradicted-claim'], plugin: retextFrames},
  {rules: ['unsupported-claim'], plugin: retextUnsupportedEvent},
  {rules: ['machine-paraphrase'], plugin: retextParaphrase}
]
