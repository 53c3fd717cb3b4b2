// Public surface of the engine. Front ends (CLI, language server, benchmarks, tests) import from here only.
export * from './types.js'
export {Corpus, CorpusError, decodeText, loadCorpus, type Source, type SourceSentence, type SkippedSource, type LoadCorpusOptions} from './corpus/corpus.js'
export {checkDraft, type CheckOptions} from './processor.js'
export {compareSources, type SourceDisagreement} from './sources-report.js'
export {CONFIG_FILE_NAME, ConfigError, addAccepted, findConfigFile, loadConfig, resolveCorpusInputs, validateConfig, type ProjectConfig} from './config.js'
export {applyMessageControl, ignoredRanges} from './filter.js'
export {languageOf} from './processor.js'
export {configurationContribution, DEFAULT_SETTINGS, validateSettings, type EditorSettings} from './settings.js'
