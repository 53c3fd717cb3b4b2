// STUB — being implemented by the quotes engineer. Contract used by other checks:
export interface QuoteSpan {
  /** Offsets of the quoted words, without the quotation marks. */
  start: number
  end: number
  /** Offsets including the marks. */
  outerStart: number
  outerEnd: number
  text: string
}

/** Every quotation in `text` (curly, straight, nested single quotes), in order. */
export function extractQuotes(text: string): QuoteSpan[] {
  void text
  return []
}
