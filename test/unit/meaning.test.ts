// Meaning-level checks (docs/meaning.md): claim frames, swap density, broken fixed expressions, thesaurus-built
// names. Sentences are our own; each case has a faithful rewording beside it that must stay quiet.
import assert from 'node:assert/strict'
import {checkDraft, Corpus, fatalToSeverity, type CorroborateMessage} from '../../src/core/index.js'
import {compact} from './helpers.js'

const SOURCE = [
  'The harbour board voted on Tuesday to reopen the ferry terminal in Cork after a two-year closure.',
  'Inspector Rhea Calloway arrested Tomas Fenwick outside the courthouse after the hearing.',
  'The museum may close its east wing for repairs next year, the director said.',
  'Two people were hurt when the scaffold collapsed on Harlow Street on Monday.',
  'The council backed the new cycling plan by a wide margin at its spring meeting.',
  'Shares on the stock market fell sharply after the announcement of the merger.',
  'Firefighters rescued three residents from the burning building near the railway station early on Sunday morning.',
  'Delegates from the United Nations met the regional governors to discuss the drought relief programme.',
  'The head keeper, Marta Quell, is a trained vet and has worked at the zoo since 2009.',
  'Inspector Mara Quint led the inquiry into the flooded tunnels.',
  'At the spring meeting she was promoted to chief of the unit.',
  'Rescue ships from Norway and Denmark reached the stricken trawler on Thursday.',
  'The Tampa police chief resigned after the audit of the overtime accounts.',
  'Halvorsen said it had received no written explanation from Brightwater about its objections to the merger terms.',
  'Mayor Ilse Varga met Governor Tom Rudd in Kessling to talk about the bridge tolls.',
  'The water utility said it will appeal the ruling before the end of the month.',
  'The new vaccine could reach rural clinics by the autumn, the agency said.',
  'The allotment trust spent 4,200 pounds on new fencing around the plots last year.',
  'The puppet festival moved to The Hague last year after a long row over its funding.',
  "Officials said Norway's export rules for salmon would not change before the summer.",
  'Harvest work is three weeks late across Arnholt, Brevik and Tarnby because of the heavy rain.',
  'Okafor could choose to recall Derek Lund or Sam Ito, although Lund struggled against Leeds on Sunday.'
].join('\n\n')

const corpus = new Corpus({cwd: '/meaning'})
corpus.addFile('/meaning/sources/wire.txt', SOURCE)

function alarms(draft: string): CorroborateMessage[] {
  const file = checkDraft({path: '/meaning/draft.txt', value: draft}, corpus)
  return (file.messages as CorroborateMessage[]).filter((m) => fatalToSeverity(m.fatal) !== 'info')
}

function assertFlags(draft: string, ruleId: string, actual: RegExp) {
  const found = alarms(draft)
  assert.ok(found.some((m) => m.ruleId === ruleId && actual.test(m.actual ?? '')), `${draft}\n${compact(found).join('\n') || '(nothing)'}`)
}

function assertQuiet(draft: string) {
  assert.deepEqual(compact(alarms(draft)), [], draft)
}

describe('meaning-level checks', () => {
  it('reads a count turned into nothing as a contradiction, not as wording', () => {
    assertFlags('No people were hurt when the scaffold collapsed on Harlow Street on Monday.', 'contradicted-claim', /No/)
    assertQuiet('Two people were injured when the scaffold collapsed on Harlow Street on Monday.')
  })

  it('reads an opposite verb with the same participants as a contradiction', () => {
    assertFlags('The council opposed the new cycling plan by a wide margin at its spring meeting.', 'contradicted-claim', /opposed/)
    assertQuiet('By a wide margin, the council supported the new cycling plan at its spring meeting.')
  })

  it('reads a hedge the draft drops as less certain than the source (a warning, not an error)', () => {
    const found = alarms('The museum will close its east wing for repairs next year, the director said.')
    const m = found.find((x) => x.ruleId === 'contradicted-claim')
    assert.ok(m, compact(found).join('\n'))
    assert.equal(fatalToSeverity(m.fatal), 'warning')
    assertQuiet('The museum might close its east wing for repairs next year, the director said.')
  })

  it('reads who did what to whom: a swap of the two people around the verb', () => {
    assertFlags('Tomas Fenwick arrested Inspector Rhea Calloway outside the courthouse after the hearing.', 'contradicted-claim', /Fenwick|Calloway|arrested/)
    assertQuiet('Tomas Fenwick was arrested by Inspector Rhea Calloway outside the courthouse after the hearing.')
  })

  it('reads another weekday or place in the same slot as a contradiction', () => {
    assertFlags('The harbour board voted on Friday to reopen the ferry terminal in Cork after a two-year closure.', 'contradicted-claim', /Friday/)
    assertFlags('The harbour board voted on Tuesday to reopen the ferry terminal in Dublin after a two-year closure.', 'contradicted-claim', /Dublin/)
  })

  it('flags a fixed expression with one word swapped, with the source word as the fix', () => {
    const found = alarms('Shares on the inventory market fell sharply after the announcement of the merger.')
    const m = found.find((x) => x.ruleId === 'machine-paraphrase')
    assert.ok(m, compact(found).join('\n'))
    assert.equal(m.actual, 'inventory')
    assert.deepEqual(m.expected, ['stock'])
  })

  it('calls a name rebuilt from thesaurus neighbours machine-paraphrase, not a different name', () => {
    const found = alarms('Delegates from the Joined Nations met the regional governors to discuss the drought relief programme.')
    assert.ok(found.some((m) => m.ruleId === 'machine-paraphrase' && m.actual === 'Joined'), compact(found).join('\n'))
    assert.ok(!found.some((m) => m.ruleId === 'contradicted-claim'), compact(found).join('\n'))
  })

  it('flags a sentence dense with one-for-one swaps even in an otherwise honest draft', () => {
    const found = alarms('Firefighters saved three occupants from the blazing edifice close to the railway station early on Sunday morning.')
    assert.ok(found.filter((m) => m.ruleId === 'machine-paraphrase').length >= 2, compact(found).join('\n'))
    assertQuiet('Early on Sunday morning, firefighters pulled three residents out of the burning building by the railway station.')
  })

  it('reads a negator after a copula ("is not", "was never") as the claim turned over', () => {
    assertFlags('Marta Quell, who has worked at the zoo since 2009 as head keeper, is not a trained vet.', 'contradicted-claim', /not/)
    assertQuiet('Marta Quell, the head keeper, is a trained vet who has worked at the zoo since 2009.')
  })

  it('calls an event the sources never tell about someone they name unsupported', () => {
    assertFlags('Calloway resigned abruptly amid fierce criticism over payroll irregularities.', 'unsupported-claim', /^Calloway resigned/)
    // Context the writer adds around the story's own words stays quiet.
    assertQuiet('Calloway arrested Fenwick outside the courthouse once the hearing had ended.')
  })

  it('reads a pronoun subject in a source as the person named just before it', () => {
    assertFlags('Quint was not promoted at the spring meeting of the harbour board.', 'contradicted-claim', /not/)
    assertQuiet('Quint was promoted at the spring meeting of the harbour board.')
  })

  it('reads a place the source cannot mean as a contradiction, and a place that holds the source\'s as the writer\'s choice', () => {
    // Another place the sources know, and one they never name, where the source has Tampa / Norway.
    assertFlags('The Cork police chief resigned after the audit of the overtime accounts.', 'contradicted-claim', /Cork/)
    assertFlags('Rescue ships from Norway and Finland reached the stricken trawler on Thursday.', 'contradicted-claim', /Finland/)
    // Florida holds Tampa; a writer may name the state.
    assertQuiet('The Florida police chief resigned after the audit of the overtime accounts.')
  })

  it('reads two names that trade places around the same words as roles swapped, with the source\'s order as fix', () => {
    const found = alarms('Brightwater said it had received no written explanation from Halvorsen about its objections to the merger terms.')
    const swap = found.find((m) => m.ruleId === 'contradicted-claim' && /Roles swapped/.test(m.reason))
    assert.ok(swap, compact(found).join('\n') || '(nothing)')
    assert.deepEqual(swap.expected, ['Halvorsen said it had received no written explanation from Brightwater'])
    // Meeting goes both ways; a passive turns the roles round with the words.
    assertQuiet('Governor Tom Rudd met Mayor Ilse Varga in Kessling to talk about the bridge tolls.')
    assertQuiet('Brightwater was sent no written explanation by Halvorsen about its objections to the merger terms.')
  })

  it('reads an intention turned over ("has no plans to" for "will") and a hedge made certain ("will" for "could")', () => {
    assertFlags('The water utility said it has no plans to appeal the ruling before the end of the month.', 'contradicted-claim', /no plans to/)
    const stronger = alarms('The new vaccine will reach rural clinics by the autumn, the agency said.').find((m) => m.ruleId === 'contradicted-claim')
    assert.equal(stronger?.actual, 'will')
    assert.equal(fatalToSeverity(stronger.fatal), 'warning')
    assert.deepEqual(stronger.expected, ['could'])
    assertQuiet('The new vaccine might reach rural clinics by the autumn, the agency said.')
  })

  it('calls a name rebuilt from thesaurus neighbours machine-paraphrase even in a sentence reworded throughout', () => {
    const found = alarms('Envoys of the Joined Countries held talks about relief with governors of the drought-hit regions.')
    const name = found.find((m) => m.ruleId === 'machine-paraphrase' && m.actual === 'Joined Countries')
    assert.ok(name, compact(found).join('\n') || '(nothing)')
    assert.deepEqual(name.expected, ['United Nations'])
    // A real name of its own is the writer's, whatever its words' neighbours.
    assertQuiet('Envoys of the United Kingdom held talks about relief with governors of the drought-hit regions.')
  })

  it('reads a number changed in one half of a sentence merged from two source sentences', () => {
    // The first half is the longer: the second source sentence holds under half of the draft sentence's words.
    const merged = (n: string) => `The harbour board voted on Tuesday to reopen the ferry terminal in Cork after a two-year closure, and the allotment trust spent ${n} pounds on new fencing around the plots.`
    const found = alarms(merged('6,900')).find((m) => m.ruleId === 'contradicted-claim')
    assert.deepEqual([found?.actual, found?.expected], ['6,900', ['4,200']])
    assertQuiet(merged('4,200'))
  })

  it('reads a whole place name or a possessive one swapped, and "next year" for "last year"', () => {
    assertFlags('The puppet festival moved to Los Angeles last year after a long row over its funding.', 'contradicted-claim', /Los Angeles/)
    assertFlags("Officials said Chile's export rules for salmon would not change before the summer.", 'contradicted-claim', /Chile/)
    assertFlags('The puppet festival moved to The Hague next year after a long row over its funding.', 'contradicted-claim', /next/)
    assertQuiet('The puppet festival moved to The Hague last year after a long row over its funding.')
  })

  it('reads a name no source has, put in a source name\'s slot, as a changed name (a warning, the source name as fix)', () => {
    const found = alarms('Harvest work is three weeks late across Quorra, Brevik and Tarnby because of the heavy rain.').find((m) => m.ruleId === 'contradicted-claim')
    assert.deepEqual([found?.actual, found?.expected, fatalToSeverity(found?.fatal)], ['Quorra', ['Arnholt'], 'warning'])
    assertQuiet('Harvest work is three weeks late across Arnholt, Brevik and Tarnby because of the heavy rain.')
  })

  it('reads roles swapped when one of the names comes back later in the sentence ("Derek Lund" … "Lund")', () => {
    const found = alarms('Derek Lund could choose to recall Okafor or Sam Ito, although Lund struggled against Leeds on Sunday.')
    assert.ok(found.some((m) => m.ruleId === 'contradicted-claim' && /Roles swapped/.test(m.reason)), compact(found).join('\n') || '(nothing)')
    assertQuiet('Okafor could choose to recall Derek Lund or Sam Ito, although Lund struggled against Leeds on Sunday.')
  })

  it('reads a courtesy title for a first name as the same person ("Mr Quint" / "Inspector Mara Quint")', () => {
    // Two sources, one with the title, one with the first name: neither a contradiction nor a disagreement.
    const titled = new Corpus({cwd: '/meaning'})
    titled.addFile('/meaning/sources/wire.txt', 'Inspector Mara Quint led the inquiry into the flooded tunnels under the harbour.')
    titled.addFile('/meaning/sources/paper.txt', 'Inspector Mr Quint led the inquiry into the flooded tunnels under the harbour.')
    const file = checkDraft({path: '/meaning/draft.txt', value: 'Inspector Mr Quint led the inquiry into the flooded tunnels under the harbour.'}, titled)
    assert.deepEqual(compact(file.messages as CorroborateMessage[]), [])
  })
})
