// Lexical knowledge the paraphrase check leans on: WordNet relations and known spinner output.
export {antonyms, expressionFillers, isAdverb, isLemma, isPlaceName, lemmas, relation, separatePlaces, type Relation} from './wordnet.js'
export {findSpinnerPhrases, spinnerWordPairs, type SpinnerHit} from './spinner.js'
