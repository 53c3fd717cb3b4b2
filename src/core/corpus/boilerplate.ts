// Page furniture that must never count as evidence: ads, comment prompts, newsletter blurbs,
// related-article teasers, copyright lines. Decided per block, with two context rules taken from
// jusText-style boilerplate removal: short blocks wedged between boilerplate are boilerplate, and
// after a block that ends an article ("Leave a Reply", "You May Also Like", a newsletter box) the
// rest of the page is furniture.

const FURNITURE = [
  /^advertisement$/i,
  /^(sponsored|promoted)( content)?$/i,
  /^(leave a (reply|comment)|click to comment|be (the )?first to comment|\d+ comments?|comments?)$/i,
  /your email address will not be published/i,
  /required fields are marked/i,
  /^(source link|source:|via:)/i,
  /^press "?enter"? to skip to content$/i,
  /^skip to (main )?content$/i,
  /^connect with us$/i,
  /^hi, what are you looking for\??$/i,
  /^(you may also like|related( posts| articles| stories)?|more from|more posts in|recommended( for you)?|trending( now)?|popular|latest news)\b/i,
  /^(read more|also read|see also|watch|related)\s*:/i,
  // Furniture by its form, not by one word: "Sign up for our newsletter", "Read our privacy policy" are
  // furniture; "the city's newsletter will carry the schedule" is news.
  /\b(sign up|subscribe|join|get|receive)\b.{0,40}\bnewsletters?\b|\bour newsletters?\b|\bnewsletters?\b.{0,40}\b(inbox|sign up|subscribe)\b/i,
  /\bunsubscribe\b.{0,40}\b(any ?time|link|email)\b|^unsubscribe\b/i,
  /\b(read|see|view|review|accept|agree to)\b.{0,20}\b(our|the)\s+(privacy policy|terms of (use|service)|cookie policy)\b|^(privacy policy|terms of (use|service)|cookie policy)\b.{0,60}$/i,
  /\brecaptcha\b/i,
  /\bsign up\b.*\b(email|newsletter|updates)\b/i,
  /^(share( this)?|follow us|subscribe)( on| to|:|$)/i,
  /copyright ©|©\s*\d{4}|all rights reserved/i,
  /\b(designed|maintained|powered) by\b/i,
  /^(editor and publisher|phone|tel|fax|email|e-mail)\s*:/i,
  // Shortcode residue: [mc4wp_form id=""], [caption width="300"]. A word in brackets ("the [new] bridge",
  // "[1]") is an editor's insertion or a footnote mark, not furniture.
  /\[[a-z0-9]+_[a-z0-9_]*(?:\s[^\]]*)?\]|\[[a-z0-9_]+\s+[a-z_]+="[^\]]*\]/i,
  /\b(lorem ipsum|dolor sit amet|neque porro quisquam|consectetur|adipisci velit)\b/i
]

/** A block that ends the article: everything after it is page furniture. */
const ARTICLE_END = /^(leave a (reply|comment)|click to comment|be (the )?first to comment|you may also like|related (posts|articles|stories)|more from\b|source link$|the .{1,40} newsletter$)/i

const LOREM = /\b(lorem ipsum|dolor sit amet|neque porro quisquam|adipisci velit)\b/i

/** Furniture is short: a long paragraph that mentions a newsletter is still content. */
export function isFurniture(text: string): boolean {
  const t = text.trim()
  if (t.length === 0 || LOREM.test(t)) return true
  return atMostWords(t, 30) && FURNITURE.some((re) => re.test(t))
}

/** Has the text no more than n words? Counts only as far as it needs (an article's blocks are long). */
function atMostWords(t: string, n: number): boolean {
  let words = 0
  let inWord = false
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i)
    const space = c === 32 || (c >= 9 && c <= 13) || (c >= 0x85 && /\s/.test(t[i]))
    if (!space && !inWord && ++words > n) return false
    inWord = !space
  }
  return true
}

/** Marks each block true when it is boilerplate. */
export function classifyBoilerplate(blocks: string[]): boolean[] {
  const result = blocks.map(isFurniture)
  const end = blocks.findIndex((b) => ARTICLE_END.test(b.trim()))
  if (end >= 0 && end >= blocks.length / 3) for (let i = end; i < blocks.length; i++) result[i] = true
  // Fragments wedged between two furniture blocks (a button label, a teaser without a full stop).
  for (let i = 1; i < blocks.length - 1; i++) {
    if (result[i] || !result[i - 1] || !nextFurniture(result, i)) continue
    if (atMostWords(blocks[i], 7) || !/[.!?"”]\s*$/.test(blocks[i])) result[i] = true
  }
  return result
}

function nextFurniture(result: boolean[], i: number): boolean {
  return i + 1 < result.length && result[i + 1]
}
