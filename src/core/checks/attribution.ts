// Attribution: a quote the sources give to someone else is `misattributed-quote`, reported on the
// draft's speaker mention (the name, or the pronoun that resolves to the wrong person), with the
// sources' speaker as the fix. Silent when either speaker is unknown, when an anonymous source is
// involved, or when some source does give the words to the draft's speaker.
//
// Options: {corpus} (required).
import type {Root} from 'nlcst'
import type {VFile} from 'vfile'
import {draftQuotes, isSourceOf} from '../quotes/match.js'
import {sameSpeaker, type Speaker} from '../quotes/speakers.js'
import {foldCase, tokenize} from '../text/tokens.js'
import {sourceHas} from '../quotes/verbatim.js'
import {NUMBER_WORDS} from '../text/quantities.js'
import {report, where} from '../report.js'
import {quoteEvidence} from './quotes.js'
import type {CheckPluginOptions} from './index.js'

/** Words that end an organisation's name, not a person's ("Rice University", "Nine Network"). */
const ORGANISATION = /\b(university|college|school|police|department|ministry|office|agency|network|news|times|post|journal|magazine|press|inc|corp|corporation|company|co|group|council|committee|court|party|association|institute|foundation|bank|club|team|league|board|service|services|commission|government|administration|hospital|center|centre|airlines?|tv|radio)$/i

/** A speaker worth comparing: a person's name, not a title, an organisation, a number word or an initial. */
function isPersonName(speaker: Speaker): boolean {
  if (speaker.via === 'descriptor') return false
  const name = speaker.fullName
  const words = name.split(/\s+/)
  if (words.some((w) => w.replace(/[^\p{L}]/gu, '').length < 2) || /['’]\s/.test(name) || /['’]$/.test(name)) return false
  if (ORGANISATION.test(name) || NUMBER_WORDS.has(foldCase(words[words.length - 1]))) return false
  return true
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Quotes shorter than this are not compared by speaker. */
const MIN_WORDS = 6

/** A quote must be this nearly the source's words before its speaker is compared. */
const SAME_WORDS = 0.8

export default function retextAttribution(options: CheckPluginOptions) {
  const {corpus} = options
  return (tree: Root, file: VFile) => {
    for (const quote of draftQuotes(tree, file, corpus)) {
      const said = quote.speaker
      // Short fragments ("owes it to the American people") are often the writer's words around a name.
      if (!said || said.anonymous || quote.tokens.length < MIN_WORDS || !isPersonName(said)) continue
      // A pronoun must have one person to point at: with several named just before, "she added" may be any of them.
      if (said.via === 'pronoun' && !said.unambiguous) continue
      // The words must be the sources' words: a quote that is also altered is the altered-quote finding.
      if (!quote.verbatim && !quote.matches.some((m) => m.edits.length === 0 && m.score === 1 && isSourceOf(m, quote))) continue
      const spoken = quote.matches.filter((m) => m.score >= SAME_WORDS && isSourceOf(m, quote) && !m.quote.plain && m.quote.speaker)
      if (!spoken.length) continue
      if (spoken.some((m) => m.quote.speaker!.anonymous || !isPersonName(m.quote.speaker!) || sameSpeaker(said, m.quote.speaker!))) continue
      // The draft copies a source's whole attribution ("…,” he said.") word for word: it follows that source.
      const from = Math.min(quote.span.start, said.start)
      const to = Math.max(quote.span.end, said.end)
      const attribution = tokenize(String(file.value).slice(from, to), from)
      if (quote.matches.some((m) => sourceHas(m.quote.source, attribution))) continue
      const best = spoken[0]
      const speaker = best.quote.speaker!
      // Words that name their own supposed speaker ("It was not like Mollie") are about that person, not by them.
      const named = foldCase(quote.span.text)
      if (speaker.fullName.split(/\s+/).some((w) => w.length > 2 && new RegExp(`\\b${escape(foldCase(w))}\\b`).test(named))) continue
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
