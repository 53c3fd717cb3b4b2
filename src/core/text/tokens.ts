// STUB — being implemented.
export interface Token {
  /** Original characters. */
  value: string
  /** Matching form: lower case, curly quotes/dashes straightened, diacritics folded. */
  norm: string
  /** Porter stem of `norm`. */
  stem: string
  /** UTF-16 offsets in the text the token was read from. */
  start: number
  end: number
  kind: 'word' | 'number' | 'punct'
}
