/**
 * The dead-code rules (src/engine/dead-code.ts) on synthetic samples, no measuring: the sample
 * counts they need, the 25% band, and the 2x-band median pre-check. Found by mutation testing: the
 * measuring tests in dead-code.test.ts never reach the edges.
 */
import { describe, expect, it } from 'vitest';
import { DEAD_BAND, looksDead, provenDead } from '../../src/engine/dead-code.js';

/** n samples spread evenly over +-1% around `centre` (a deterministic, tight spread). */
const around = (centre: number, n: number) => Array.from({ length: n }, (_, i) => centre * (0.99 + (0.02 * i) / Math.max(1, n - 1)));

describe('looksDead (flag at the end)', () => {
  it('needs 3 samples on each side', () => {
    expect(looksDead(around(10, 2), around(10, 30))).toBe(false);
    expect(looksDead(around(10, 30), around(10, 2))).toBe(false);
    expect(looksDead(around(10, 3), around(10, 30))).toBe(true);
    expect(looksDead(around(10, 30), around(10, 3))).toBe(true);
  });
  it('flags the same time as the empty loop, or one 15% slower, not one 40% slower', () => {
    expect(looksDead(around(10, 30), around(10, 30))).toBe(true);
    expect(looksDead(around(11.5, 30), around(10, 30))).toBe(true);
    expect(looksDead(around(14, 30), around(10, 30))).toBe(false);
  });
});

describe('provenDead (stop early)', () => {
  it('needs 6 samples on each side', () => {
    expect(provenDead(around(10, 5), around(10, 30))).toBe(false);
    expect(provenDead(around(10, 30), around(10, 5))).toBe(false);
    expect(provenDead(around(10, 6), around(10, 30))).toBe(true);
    expect(provenDead(around(10, 30), around(10, 6))).toBe(true);
  });
  it('stops within the band (up to 25% slower), not beyond it', () => {
    expect(DEAD_BAND).toBe(0.25);
    expect(provenDead(around(11.5, 40), around(10, 40))).toBe(true); // 15% slower
    expect(provenDead(around(8, 40), around(10, 40))).toBe(true); // faster counts too
    expect(provenDead(around(13.5, 40), around(10, 40))).toBe(false); // 35%: past the band, under the 50% pre-check
    expect(provenDead(around(16, 40), around(10, 40))).toBe(false); // 60%: the pre-check
  });
});
