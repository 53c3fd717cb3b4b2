// STUB — being implemented.
import type {Root} from 'nlcst'
import type {VFile} from 'vfile'
import type {CheckPluginOptions} from './index.js'

export default function retextQuotes(options: CheckPluginOptions) {
  void options
  return (tree: Root, file: VFile) => {
    void tree
    void file
  }
}
