/**
 * A seeded pseudo-random generator (sfc32, seeded through splitmix32), so that a fleet run is
 * reproducible: the simulation installs it as Math.random, which is what cockatiel's jitter and
 * the app's retry backoff draw from.
 */
export type Random = () => number

function splitmix32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x9e3779b9) >>> 0
    let z = state
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    return (z ^ (z >>> 16)) >>> 0
  }
}

export function seededRandom(seed: number): Random {
  const next = splitmix32(seed)
  let a = next()
  let b = next()
  let c = next()
  let d = next()
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = ((c << 21) | (c >>> 11)) >>> 0
    c = (c + t) >>> 0
    return t / 4294967296
  }
}

/** Exponentially distributed, for think times (memoryless: a fleet started this way is already in its steady state). */
export const exponential = (random: Random, mean: number) => -mean * Math.log(1 - random())

export const uniform = (random: Random, min: number, max: number) => min + random() * (max - min)

/** A seed of its own for one stream (a browser's visibility, its admin...), from the run's seed. */
export function streamSeed(seed: number, ...parts: number[]): number {
  let hash = seed >>> 0
  for (const part of parts) {
    hash = (hash + Math.imul(part + 1, 0x9e3779b9)) >>> 0
    hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b)
    hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35)
    hash = (hash ^ (hash >>> 16)) >>> 0
  }
  return hash
}
