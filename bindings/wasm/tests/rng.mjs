// Shared by the test files (not a test itself: node --test runs *.test.mjs).

/** Deterministic pseudo-random numbers (xorshift32), so failures repeat. */
export function rng(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32;
  };
}
