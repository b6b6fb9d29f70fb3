/** Tier changes seen from timing (warm-up), V8 flags checked against the running Node, the runtime record. */
import { describe, expect, it } from 'vitest';
import { tierDrop, TIER_CHANGE_RATIO } from '../../src/engine/sampler.js';
import { withWarmupTier } from '../../src/engine/result.js';
import { runtimeInfo } from '../../src/capabilities.js';
import { maglevByDefault, preferTopTier, supportedV8Flags, tierFlags, v8Options } from '../../src/util/v8-flags.js';
import { processFlags } from '../../src/engine/process-flags.js';
import { deterministicNodeFlags } from '../../src/counters/valgrind.js';

describe('tierDrop (warm-up history, ns per call)', () => {
  it('getting faster is warm-up doing its job, not a tier change to report', () => {
    expect(tierDrop([5000, 4000, 900, 60, 55, 54, 53, 54, 53])).toBeUndefined();
  });
  it('fast, then 2.5x or more slower to the end (Node 24: TurboFan OSR code, then Maglev): the fast level', () => {
    // The shape of bench/tiering/lcg.mjs on Node 24: 54 µs per call, then ~200 µs once the body is Maglev code.
    expect(tierDrop([60, 54, 53, 54, 55, 53, 210, 205, 208, 199])).toBe(53);
  });
  it('one fast batch is enough (the fast phase can be that short); one slow batch is no level; under 2.5x is the machine', () => {
    expect(tierDrop([200, 50, 200, 205, 198, 210, 201])).toBe(50);
    expect(tierDrop([50, 50, 50, 50, 200, 50, 50])).toBeUndefined();
    expect(tierDrop([100, 100, 100, 100, 230, 235, 240])).toBeUndefined();
    expect(tierDrop([100, 100, 100])).toBeUndefined();
  });
  it('a slowdown that came back down is over', () => {
    expect(tierDrop([54, 53, 54, 210, 205, 208, 54, 53, 54])).toBeUndefined();
  });
});

describe('withWarmupTier (what the result says)', () => {
  it('one sampled level 2.5x above warm-up: a state, a tier change and the warm-up level', () => {
    expect(withWarmupTier(undefined, 54_000, 206_000)).toEqual({
      states: [{ level: 206_000, share: 1, visits: 1 }],
      switches: 0,
      tierChange: true,
      warmupLevel: 54_000,
    });
  });
  it('keeps the sampled states, adds the warm-up level', () => {
    const s = {
      states: [
        { level: 200_000, share: 0.7, visits: 1 },
        { level: 270_000, share: 0.3, visits: 1 },
      ],
      switches: 1,
    };
    expect(withWarmupTier(s, 54_000, 206_000)).toMatchObject({ ...s, tierChange: true, warmupLevel: 54_000 });
  });
  it('nothing to add without a drop, or when the samples came back within the ratio', () => {
    expect(withWarmupTier(undefined, undefined, 206_000)).toBeUndefined();
    expect(withWarmupTier(undefined, 54_000, 54_000 * TIER_CHANGE_RATIO * 0.99)).toBeUndefined();
  });
});

describe('V8 flags of the running Node', () => {
  it('reads the flag list of this Node and keeps every flag cyclebench passes (Node 20-26)', () => {
    expect(v8Options().size).toBeGreaterThan(100);
    const ours = [...deterministicNodeFlags(), ...processFlags({ heap: 'steady', tier: 'top' })];
    expect(supportedV8Flags(ours)).toEqual({ kept: ours, dropped: [] });
    expect(processFlags({ tier: 'top' })).toEqual(['--no-maglev']);
  });
  it('drops a flag this V8 does not know (Node would refuse to start), keeps Node options', () => {
    expect(supportedV8Flags(['--no-maglev', '--no-such-flag-cyclebench', '--max-semi-space-size=16', '--import'])).toEqual({
      kept: ['--no-maglev', '--max-semi-space-size=16', '--import'],
      dropped: ['--no-such-flag-cyclebench'],
    });
  });
  it('records the version, whether Maglev runs and the tiering options in the environment', () => {
    const r = runtimeInfo();
    expect(r).toMatchObject({ node: process.versions.node, v8: process.versions.v8 });
    // The rule from the V8 version agrees with V8's own default on this Node (unless a flag overrode it).
    if (!r.tierFlags.some((f) => /maglev/.test(f))) expect(r.maglev).toBe(maglevByDefault());
    expect(runtimeInfo({ ...process.versions, v8: '13.6.233.17-node.63' }, ['--no-maglev', '--import', 'tsx'])).toMatchObject({
      maglev: false,
      tierFlags: ['--no-maglev'],
    });
    expect(runtimeInfo({ ...process.versions, v8: '11.3.244.8-node.33' }, [])).toMatchObject({ maglev: false, tierFlags: [] });
    expect(runtimeInfo({ ...process.versions, v8: '14.6.202.34-node.40' }, [], false)).toMatchObject({ maglev: true });
    expect(runtimeInfo({ ...process.versions, v8: '14.6.202.34-node.40' }, [], true)).toMatchObject({
      maglev: false,
      tierFlags: ['--no-maglev'],
    });
    expect(tierFlags(['--max-semi-space-size=16', '--no-opt', '--maglev'])).toEqual(['--no-opt', '--maglev']);
  });
  it('turns Maglev off before measuring where V8 runs it by default, unless node was told either way', () => {
    expect(preferTopTier('11.3.244.8-node.33', [])).toBe(false); // Node 20 and 22: nothing to turn off
    expect(preferTopTier('14.6.202.34-node.40', ['--maglev'])).toBe(false); // the user's choice stands
    expect(preferTopTier('14.6.202.34-node.40', ['--no-maglev'])).toBe(false);
    // On this Node, for real: on 24 and 26 Maglev goes off and the environment says so; on 20 and 22 nothing changes.
    const off = preferTopTier();
    expect(off).toBe(maglevByDefault());
    expect(runtimeInfo().maglev).toBe(false);
    expect(runtimeInfo().tierFlags.includes('--no-maglev')).toBe(off);
  });
});
