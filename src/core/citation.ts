// Citations in a draft: where the writer says they read or heard something ("the AP reports", "per the
// Chronicle", "tells CNN", "writes Kyle Smith of the New York Post"). A cited outlet or speaker is the
// writer's provenance, not a claim about the world; a summary often cites outlets that are not among
// the sources it links.
import type {Token} from './text/tokens.js'

/** Words that cite where the writer read something ("the AP reports", "per the Chronicle",
 * "tells CNN", "writes Kyle Smith of the New York Post"): a citation of an outlet or a speaker, not a
 * claim about the world. Outlets a summary cites are often not among the linked sources. */
const CITING_VERB = /^(reports?|reported|reporting|says?|said|writes?|wrote|notes?|noted|adds?|added|explains?|explained|tells?|told|reminds?|reminded|recounts?|recounted|quotes?|quoted|notes|observes?|observed|points|per|via|according|cites?|cited|reveals?|revealed|confirms?|confirmed|claims?|claimed|insists?|insisted|announced|announces|tweeted|posted|argues|argued|opines|concludes|finds|found|describes)$/
export function isCitation(tokens: Token[], from: number, to: number, text: string): boolean {
  // Look back over "the", "at", "to", "of", a title and the rest of a name phrase ("Kyle Smith of the").
  let i = from - 1
  while (i >= 0 && from - i <= 6 && (/^(the|at|to|in|of|on|for|from|by|a|an)$/.test(tokens[i].norm) || /^\p{Lu}/u.test(tokens[i].value))) i--
  if (i >= 0 && CITING_VERB.test(tokens[i].norm)) return true
  if (i >= 1 && tokens[i].norm === 'to' && tokens[i - 1].norm === 'according') return true
  // Look ahead over "News", "'s" and a comma to the verb ("NBC News reports", "the Guardian, which notes").
  let j = to
  while (j < tokens.length && j - to <= 2 && (/^\p{Lu}/u.test(tokens[j].value) || /^(which|who)$/.test(tokens[j].norm))) j++
  if (j < tokens.length && CITING_VERB.test(tokens[j].norm)) return true
  // "…, the Washington Post." at the end of a citing sentence: "(via the Telegraph)".
  return /\b(per|via|at|in|to)\s+(the\s+)?$/i.test(text.slice(Math.max(0, tokens[from].start - 12), tokens[from].start)) && to === tokens.length
}


/** Capitalised runs in `tokens` that stand in a citation: [from, to) token ranges. */
export function citedNames(tokens: Token[], text: string): Array<[number, number]> {
  const out: Array<[number, number]> = []
  const cap = (i: number) => i > 0 && tokens[i].kind === 'word' && /^\p{Lu}/u.test(tokens[i].value) && !/^(The|A|An)$/.test(tokens[i].value)
  for (let i = 1; i < tokens.length; i++) {
    if (!cap(i)) continue
    let j = i
    while (j + 1 < tokens.length && (cap(j + 1) || tokens[j + 1].kind === 'number') && /^\s*$/.test(text.slice(tokens[j].end, tokens[j + 1].start))) j++
    if (isCitation(tokens, i, j + 1, text)) out.push([i, j + 1])
    i = j
  }
  return out
}
