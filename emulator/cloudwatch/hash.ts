// Deterministic noise: no Math.random anywhere, so the same (app, metric, time) always yields the same value.

/** FNV-1a 32-bit hash of a string. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Mixes a seed with two integers (e.g. metric index, time bucket) into [0, 1). */
export function noise01(seed: number, a: number, b: number): number {
  let x = (seed ^ Math.imul(a + 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b | 0, 0xc2b2ae35)) >>> 0;
  // b may exceed 32 bits (seconds since epoch fit, but keep the high part too).
  x ^= Math.floor(b / 0x100000000);
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  x ^= x >>> 16;
  return (x >>> 0) / 0x100000000;
}

/** Symmetric noise in [-1, 1). */
export function noiseSigned(seed: number, a: number, b: number): number {
  return noise01(seed, a, b) * 2 - 1;
}
