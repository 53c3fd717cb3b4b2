// Entry point loaded by VS Code's extension host (test-electron convention): run the mocha suite.
import Mocha from 'mocha'
import './extension.test.js'

export function run(): Promise<void> {
  return new Promise((resolve, reject) => {
    const mocha = (globalThis as {__corroborateMocha?: Mocha}).__corroborateMocha
    if (!mocha) return reject(new Error('mocha suite was not set up'))
    mocha.run((failures) => (failures ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()))
  })
}
