// The saved index's file format: a value v8-serialised, with its typed arrays moved out to a block after it,
// each starting at a multiple of 8 bytes, so that a reload makes them views of the file's own bytes.
// v8.deserialize copies every typed array that does not happen to start at a multiple of its element size
// in the file: at 10k articles 17.8 of the index's 18.7 MB of columns were copied on every reload (~70 ms of
// CPU and as much memory again).
//
// Layout: "CRB1", the head's length (uint32 LE), the head (v8: {skeleton, table}), zeros to a multiple of
// 8, the block. The skeleton is the value with each typed array replaced by {[VIEW]: k}; table[k] is
// [kind, offset in the block, byte length].
import v8 from 'node:v8'

const MAGIC = Buffer.from('CRB1')
const PREFIX = 8
/** The key of a typed array's place-holder in the skeleton (no key of the saved values starts with NUL). */
const VIEW = '\u0000view'
const KINDS = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array]
type Kind = (typeof KINDS)[number]

const align = (n: number) => Math.ceil(n / 8) * 8

/** Is this a packed file (of any content)? A file of another format is not an error: it is rebuilt. */
export function isPacked(bytes: Uint8Array): boolean {
  return bytes.length >= PREFIX && Buffer.from(bytes.buffer, bytes.byteOffset, MAGIC.length).equals(MAGIC)
}

export function pack(value: unknown): Buffer {
  const views: ArrayBufferView[] = []
  const skeleton = strip(value, views)
  let size = 0
  const table = views.map((view) => {
    const offset = size
    size = align(offset + view.byteLength)
    return [KINDS.findIndex((kind) => view instanceof kind), offset, view.byteLength]
  })
  const head = v8.serialize({skeleton, table})
  const block = align(PREFIX + head.length)
  const out = Buffer.alloc(block + size)
  MAGIC.copy(out, 0)
  out.writeUInt32LE(head.length, MAGIC.length)
  head.copy(out, PREFIX)
  views.forEach((view, k) => out.set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength), block + table[k][1]))
  return out
}

/** The value packed in `bytes`; its typed arrays are views of `bytes` (of a copy if `bytes` is not 8-aligned in
 * memory). Throws on a file cut short or inconsistent. */
export function unpack(bytes: Buffer): unknown {
  if (!isPacked(bytes)) throw new Error('not a packed file')
  const headLength = bytes.readUInt32LE(MAGIC.length)
  if (PREFIX + headLength > bytes.length) throw new Error('packed file cut short')
  const {skeleton, table} = v8.deserialize(bytes.subarray(PREFIX, PREFIX + headLength)) as {skeleton: unknown; table: Array<[number, number, number]>}
  const start = align(PREFIX + headLength)
  let block = bytes.subarray(start)
  if (block.byteOffset % 8 !== 0) block = Buffer.from(block) // a small file read into Node's shared pool
  const views = table.map(([kind, offset, byteLength]) => {
    const Kind: Kind | undefined = KINDS[kind]
    if (!Kind || offset % 8 !== 0 || byteLength % Kind.BYTES_PER_ELEMENT !== 0 || offset + byteLength > block.length) throw new Error('packed file inconsistent')
    return new Kind(block.buffer as ArrayBuffer, block.byteOffset + offset, byteLength / Kind.BYTES_PER_ELEMENT)
  })
  return revive(skeleton, views)
}

function isPlain(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

function strip(value: unknown, views: ArrayBufferView[]): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    views.push(value)
    return {[VIEW]: views.length - 1}
  }
  if (Array.isArray(value)) return value.map((item) => strip(item, views))
  if (isPlain(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, strip(item, views)]))
  return value // strings, numbers, Maps…: v8 serialises them as they are
}

function revive(value: unknown, views: ArrayBufferView[]): unknown {
  if (Array.isArray(value)) return value.map((item) => revive(item, views))
  if (!isPlain(value)) return value
  if (Object.hasOwn(value, VIEW)) {
    const view = views[value[VIEW] as number]
    if (!view) throw new Error('packed file inconsistent')
    return view
  }
  for (const key of Object.keys(value)) value[key] = revive(value[key], views)
  return value
}
