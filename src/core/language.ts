// Which parser a draft gets, by its file name: Markdown or plain text.
export function languageOf(path: string | undefined): 'markdown' | 'plaintext' {
  return path && /\.(md|markdown|mdx)$/i.test(path) ? 'markdown' : 'plaintext'
}
