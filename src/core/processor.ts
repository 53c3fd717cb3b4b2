// unified pipeline: parse the draft to NLCST, run every check against the corpus, then apply the
// writer's settings (severity, accepted items, ignore comments). Synchronous: the language server
// and CLI call it directly.
import path from 'node:path'
import {unified, type Plugin} from 'unified'
import type {Root} from 'nlcst'
import {VFile} from 'vfile'
import type {CorpusReader} from './corpus/reader.js'
import {languageOf} from './language.js'
import {blankMarkdown} from './corpus/extract.js'
import {CHECKS} from './checks/index.js'
import {sentenceTree} from './text/sentences.js'
import {applyMessageControl} from './filter.js'
import type {AcceptedItem, RuleId, Severity} from './types.js'

export interface CheckOptions {
  /** 'markdown' or 'plaintext'; default from the file extension (.md/.markdown → markdown). */
  language?: 'markdown' | 'plaintext'
  /** Per-rule severity; 'off' disables a rule. Defaults: DEFAULT_SEVERITY. */
  rules?: Partial<Record<RuleId, Severity>>
  /** Messages the writer accepted (from the project config). */
  accepted?: AcceptedItem[]
  /** The draft's path relative to the config file (for accepted items limited to one draft). */
  relativePath?: string
}

/** Parser: paragraphs and sentences (parse-english's boundaries) over the draft with Markdown syntax blanked to
 * spaces (offsets unchanged); an unchanged paragraph is not parsed again. */
const corroborateParse: Plugin<[{language: 'markdown' | 'plaintext'}], string, Root> = function (options) {
  this.parser = (text, file) => {
    const parsed = options.language === 'markdown' ? blankMarkdown(text) : text
    file.data.corroborateParsedText = parsed
    return sentenceTree(parsed)
  }
}

/** Check a draft against the corpus. Synchronous and pure: messages land on the returned VFile. */
export function checkDraft(draft: VFile | {path?: string; value: string}, corpus: CorpusReader, options: CheckOptions = {}): VFile {
  const file = draft instanceof VFile ? draft : new VFile(draft)
  const language = options.language ?? languageOf(file.path)
  const enabled = (rule: RuleId) => options.rules?.[rule] !== 'off'
  const processor = unified().use(corroborateParse, {language})
  for (const check of CHECKS) if (check.rules.some(enabled)) processor.use(check.plugin, {corpus})
  const tree = processor.parse(file)
  processor.runSync(tree, file)
  // A file of the corpus checked as a draft is a source: where it disagrees with other sources is for
  // the sources report, not a finding in it.
  if (file.path && corpus.hasSource(path.resolve(file.path))) file.messages = file.messages.filter((m) => m.ruleId !== 'conflicting-sources')
  applyMessageControl(file, options)
  sortMessages(file)
  return file
}

function sortMessages(file: VFile) {
  file.messages.sort((a, b) => (a.place && 'start' in a.place && b.place && 'start' in b.place ? (a.place.start.offset ?? 0) - (b.place.start.offset ?? 0) : 0))
}
