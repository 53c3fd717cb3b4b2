// After a pause in work, a full garbage collection (when the server was started with --expose-gc, which
// its worker shares): each check leaves the last version's analysis behind, and V8 would otherwise keep
// growing the heap. One timer per thread.
let idle: NodeJS.Timeout | undefined

export function collectWhenIdle() {
  const gc = (globalThis as {gc?: () => void}).gc
  if (!gc) return
  clearTimeout(idle)
  idle = setTimeout(gc, 2000)
}
