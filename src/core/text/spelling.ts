// How far apart two spellings are: transliterations and typos of one name ("Sergei"/"Sergey",
// "Chrylser"/"Chrysler") are a letter or two apart.

/** Levenshtein distance; with `limit`, stops early and returns limit + 1 once it is exceeded. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  const row = Array.from({length: b.length + 1}, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]
    row[0] = i
    let best = row[0]
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1))
      prev = tmp
      best = Math.min(best, row[j])
    }
    if (best > limit) return limit + 1
  }
  return row[b.length]
}
