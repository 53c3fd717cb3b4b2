// Attribution: a quote the sources give to someone else is `misattributed-quote`, reported on the
// draft's speaker mention (the name, or the pronoun that resolves to the wrong person), with the
// sources' speaker as the fix. Silent when either speaker is unknown, when an anonymous source is
// involved, or when some source does give the words to the draft's speaker.
//
// Options: {corpus} (required).
import type {Root} from 'nlcst'
import type {VFile} from 'vfile'
import {draftQuotes, isSourceOf} from '../quotes/match.js'
import {sameSpeaker} from '../quotes/speakers.js'
import {report, where} from '../report.js'
import {quoteEvidence} from './quotes.js'
import type {CheckPluginOptions} from './index.js'

/** A quote must be this nearly the source's words before its speaker is compared. */
const SAME_WORDS = 0.8

export default function retextAttribution(options: CheckPluginOptions) {
  const {corpus} = options
  return (tree: Root, file: VFile) => {
    for (const quote of draftQuotes(tree, file, corpus)) {
      const said = quote.speaker
      if (!said || said.anonymous || quote.tokens.length <= 3) continue
      const spoken = quote.matches.filter((m) => m.score >= SAME_WORDS && isSourceOf(m, quote) && !m.quote.plain && m.quote.speaker)
      if (!spoken.length) continue
      if (spoken.some((m) => m.quote.speaker!.anonymous || sameSpeaker(said, m.quote.speaker!))) continue
      const best = spoken[0]
      const speaker = best.quote.speaker!
      // The fix in the draft's own style: surname for surname, full name for full name.
      const name = said.via === 'pronoun' || said.name.includes(' ') ? speaker.fullName : speaker.fullName.split(/\s+/).pop()!
      report(file, {
        ruleId: 'misattributed-quote',
        start: said.start,
        end: said.end,
        reason: `Unexpected \`${String(file.value).slice(said.start, said.end)}\`${said.via === 'pronoun' ? ` (${said.name})` : ''}, expected \`${name}\`: the sources give these words to ${speaker.fullName} (${where(best.quote.paragraph.sentences[0].sentence)})`,
        expected: [name],
        evidence: [quoteEvidence(best.quote, best.quote.start, best.quote.end)],
        data: {draftSpeaker: said.fullName, sourceSpeaker: speaker.fullName, fixRange: {start: said.start, end: said.end}}
      })
    }
  }
}
