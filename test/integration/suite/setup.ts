// Creates the Mocha instance before the test file registers its suites (bundled: no file loading).
import Mocha from 'mocha'

const mocha = new Mocha({ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec'})
;(globalThis as {__corroborateMocha?: Mocha}).__corroborateMocha = mocha
mocha.suite.emit('pre-require', globalThis, 'extension.test', mocha)
