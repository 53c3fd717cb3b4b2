// The saved index's file format: typed arrays come back as views of the file's bytes, at any alignment the
// file had in memory; a file cut short or of another format is told apart.
import assert from 'node:assert/strict'
import v8 from 'node:v8'
import {isPacked, pack, unpack} from '../../src/core/corpus/packed-file.js'

const sample = () => ({
  name: 'index',
  odd: Uint8Array.of(1, 2, 3),
  ints: Int32Array.of(-1, 7, 2 ** 30),
  nested: {floats: Float64Array.of(0.5, 1e300, -0), list: [Uint16Array.of(65535), 'text\u0000with NUL', 3], map: new Map([['k', Int32Array.of(9)]])},
  empty: new Int32Array(0),
  none: null
})

describe('packed file (the saved index format)', () => {
  it('round-trips values, every typed array a view of the file bytes', () => {
    const bytes = pack(sample())
    assert.ok(isPacked(bytes))
    const back = unpack(bytes) as ReturnType<typeof sample>
    assert.deepEqual(back, sample())
    for (const view of [back.odd, back.ints, back.nested.floats, back.nested.list[0] as Uint16Array, back.empty]) {
      assert.equal(view.buffer, bytes.buffer, `${view.constructor.name} is not a copy`)
      assert.equal(view.byteOffset % 8, 0)
    }
  })

  it('reads a file held at an odd place in memory (copied once, then views)', () => {
    const bytes = pack(sample())
    const shifted = Buffer.alloc(bytes.length + 3)
    bytes.copy(shifted, 3)
    const back = unpack(shifted.subarray(3)) as ReturnType<typeof sample>
    assert.deepEqual(back, sample())
    assert.equal(back.ints.byteOffset % 4, 0)
  })

  it('throws on a file cut short, and knows another format', () => {
    const bytes = pack(sample())
    assert.throws(() => unpack(bytes.subarray(0, bytes.length - 8)), /inconsistent|cut short/)
    assert.throws(() => unpack(bytes.subarray(0, 12)))
    assert.equal(isPacked(v8.serialize(sample())), false)
    assert.equal(isPacked(Buffer.from('CRB')), false)
    assert.throws(() => unpack(v8.serialize(sample())), /not a packed file/)
  })
})
