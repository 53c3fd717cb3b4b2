// Public surface of the engine. Front ends (CLI, language server, benchmarks, tests) import from here only.
export * from './types.js'
export {Corpus, CorpusError, loadCorpus, type Source, type SourceSentence, type SkippedSource, type LoadCorpusOptions} from './corpus/corpus.js'
export {checkDraft, type CheckOptions} from './processor.js'
export {compareSources, type SourceDisagreement} from './sources-report.js'
