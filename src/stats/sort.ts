/**
 * Sorting of Float64Array samples. Above a size threshold an LSD radix sort on the IEEE-754 bit
 * patterns (six 11/11/10-bit digits, passes whose digit is constant across the data are skipped)
 * beats `Float64Array.prototype.sort`; below it the built-in sort is used. Both give the same
 * ascending order for finite values (-0 sorts before +0 in both).
 */

const RADIX_MIN = 4096;

/**
 * Sorted ascending copy of finite samples (the input is not modified; finiteness is not checked —
 * callers validate with `toSamples`).
 *
 * @param x - finite samples
 */
export function sortedCopy(x: Float64Array): Float64Array {
  const n = x.length;
  if (n < RADIX_MIN) return new Float64Array(x).sort();
  let src = new Float64Array(x);
  let dst = new Float64Array(n);
  let su = new Uint32Array(src.buffer);
  let du = new Uint32Array(dst.buffer);
  // map doubles to unsigned keys that order like the doubles: flip all bits of negatives,
  // set the sign bit of non-negatives (little-endian: word 2i is low, 2i + 1 is high)
  const hist = new Uint32Array(6 * 2048);
  let nanPattern = false; // a transformed key that reads as NaN (from -0 or a negative subnormal)
  for (let i = 0; i < n; i++) {
    let lo = su[2 * i];
    let hi = su[2 * i + 1];
    if (hi >= 0x80000000) {
      hi = ~hi >>> 0;
      lo = ~lo >>> 0;
    } else {
      hi = (hi | 0x80000000) >>> 0;
    }
    su[2 * i] = lo;
    su[2 * i + 1] = hi;
    if ((hi & 0x7ff00000) === 0x7ff00000) nanPattern = true;
    hist[lo & 2047]++;
    hist[2048 + ((lo >>> 11) & 2047)]++;
    hist[4096 + (lo >>> 22)]++;
    hist[6144 + (hi & 2047)]++;
    hist[8192 + ((hi >>> 11) & 2047)]++;
    hist[10240 + (hi >>> 22)]++;
  }
  for (let d = 0; d < 6; d++) {
    const base = d * 2048;
    const word = d < 3 ? 0 : 1;
    const shift = (d % 3) * 11;
    // skip a pass when every key has the same digit
    let skip = false;
    for (let b = 0; b < 2048; b++) {
      const c = hist[base + b];
      if (c === n) skip = true;
      if (c !== 0) break;
    }
    if (skip) continue;
    let sum = 0;
    for (let b = 0; b < 2048; b++) {
      const c = hist[base + b];
      hist[base + b] = sum;
      sum += c;
    }
    if (nanPattern) {
      // move both words: NaN bit patterns must not pass through a double
      for (let i = 0; i < n; i++) {
        const digit = (su[2 * i + word] >>> shift) & 2047;
        const p = hist[base + digit]++;
        du[2 * p] = su[2 * i];
        du[2 * p + 1] = su[2 * i + 1];
      }
    } else {
      for (let i = 0; i < n; i++) {
        const p = hist[base + ((su[2 * i + word] >>> shift) & 2047)]++;
        dst[p] = src[i];
      }
    }
    const t = src;
    src = dst;
    dst = t;
    const tu = su;
    su = du;
    du = tu;
  }
  for (let i = 0; i < n; i++) {
    const hi = su[2 * i + 1];
    if (hi >= 0x80000000) {
      su[2 * i + 1] = (hi & 0x7fffffff) >>> 0;
    } else {
      su[2 * i + 1] = ~hi >>> 0;
      su[2 * i] = ~su[2 * i] >>> 0;
    }
  }
  return src;
}
