import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadNative } from '../../src/native/load.js';
import { requireAddon, requireCapability } from '../capability.js';
import { countersBinding } from '../../src/counters/binding.js';
import { openCounters } from '../../src/counters/set.js';
import { countersCapability } from '../../src/counters/capability.js';
import { COUNTER_EVENTS } from '../../src/counters/events.js';
import type { CounterValue } from '../../src/result/types.js';

const native = loadNative();
const ready = await requireAddon();
const linux = process.platform === 'linux';

function sink(v: number): void {
  if (v === -1) console.log(v);
}

describe.skipIf(!ready)('perf_event counter set (addon)', () => {
  it('native event table matches the TypeScript mirror', () => {
    const b = countersBinding().binding!;
    expect(b.counterEvents().map((e) => ({ name: e.name, kind: e.kind }))).toEqual(
      COUNTER_EVENTS.map((e) => ({ name: e.name, kind: e.kind })),
    );
  });

  it("'default' lists every event, each available or with a reason", () => {
    const set = openCounters('default')!;
    try {
      expect(set.events.map((e) => e.name)).toEqual(COUNTER_EVENTS.map((e) => e.name));
      for (const e of set.events) {
        if (!e.available) expect(e.reason && e.reason.length > 0).toBe(true);
        else expect(e.reason).toBeUndefined();
      }
      const cap = countersCapability();
      expect(cap.events.map((e) => e.name)).toEqual(COUNTER_EVENTS.map((e) => e.name));
      console.log(
        'counter capability:',
        cap.events.map((e) => `${e.name}: ${e.available ? 'yes' : e.reason}`).join('; '),
        `| paranoid=${cap.paranoid} rdpmc=${cap.rdpmc.available ? 'yes' : cap.rdpmc.reason}`,
      );
    } finally {
      set.close();
    }
  });

  it.skipIf(!linux)(
    `software counters see at least N page faults when N fresh pages are touched (native mmap) (perf_event: Linux only)`,
    (ctx) => {
      const set = openCounters(['page-faults', 'task-clock', 'context-switches'])!;
      try {
        const pf = set.events.find((e) => e.name === 'page-faults')!;
        // Sandboxes that forbid perf_event_open entirely give an honest reason and nothing to count.
        if (
          !requireCapability('software counter page-faults', pf.available ? { available: true } : { available: false, reason: pf.reason! })
        )
          return ctx.skip();
        const before = new Float64Array(set.length);
        const after = new Float64Array(set.length);
        const N = 2000;
        set.readInto(before);
        countersBinding().binding!.countersTestHooks.touchPages(N);
        set.readInto(after);
        const v = set.perIteration(before, after, 1);
        expect(v['page-faults']).toMatchObject({ available: true });
        expect((v['page-faults'] as { value: number }).value).toBeGreaterThanOrEqual(N);
        expect((v['task-clock'] as { value: number }).value).toBeGreaterThan(0);
        expect(v['page-faults']).not.toHaveProperty('scaled');
      } finally {
        set.close();
      }
    },
  );

  it.skipIf(!linux)(`counts page faults of a fresh large ArrayBuffer written from JS, per iteration (perf_event: Linux only)`, (ctx) => {
    const set = openCounters(['page-faults'])!;
    try {
      const e = set.events[0];
      if (!requireCapability('software counter page-faults', e.available ? { available: true } : { available: false, reason: e.reason! }))
        return ctx.skip();
      const before = new Float64Array(set.length);
      const after = new Float64Array(set.length);
      const pages = 1024;
      const iterations = 4;
      set.readInto(before);
      for (let k = 0; k < iterations; k++) {
        // 4 MiB, larger than any pre-faulted arena: the backing store comes zeroed from mmap/calloc.
        const u8 = new Uint8Array(new ArrayBuffer(pages * 4096));
        for (let i = 0; i < u8.length; i += 4096) u8[i] = 1;
        sink(u8[4096]);
      }
      set.readInto(after);
      const v = set.perIteration(before, after, iterations)['page-faults'];
      expect(v.available).toBe(true);
      // Transparent huge pages could map 512 pages per fault; this machine's setting is 'madvise', so
      // expect most pages to fault. Only the bound that holds with THP for anonymous memory off.
      expect((v as { value: number }).value).toBeGreaterThan(pages / 2);
    } finally {
      set.close();
    }
  });

  it('hardware counters: available with a plausible instruction count, or unavailable with a reason', () => {
    const set = openCounters(['instructions', 'cycles', 'branches', 'branch-misses'])!;
    try {
      const before = new Float64Array(set.length);
      const after = new Float64Array(set.length);
      const n = 1_000_000;
      let s = 0;
      set.readInto(before);
      for (let i = 0; i < n; i++) s = (s + i * 7) | 0;
      set.readInto(after);
      sink(s);
      const v = set.perIteration(before, after, n);
      const d = set.derived(v);
      for (const name of ['instructions', 'cycles', 'branches', 'branch-misses']) {
        const x = v[name];
        const ev = set.events.find((e) => e.name === name)!;
        if (ev.available) {
          expect(x.available).toBe(true);
          if (x.available) expect(x.value).toBeGreaterThanOrEqual(0);
        } else {
          expect(x).toEqual({ available: false, reason: ev.reason });
          expect(ev.reason!.length).toBeGreaterThan(0);
        }
      }
      const ins = v.instructions;
      if (ins.available) {
        // A loop iteration is a handful of instructions; allow generous room for JIT variations.
        expect(ins.value).toBeGreaterThan(1);
        expect(ins.value).toBeLessThan(1000);
        expect(d.ipc.available).toBe(v.cycles.available);
      } else {
        console.log(`hardware counters unavailable here: ${(ins as { reason: string }).reason}`);
        expect(d.ipc.available).toBe(false);
        if (linux) expect((ins as { reason: string }).reason).toMatch(/perf_event_open: [A-Z]+|errno/);
      }
    } finally {
      set.close();
    }
  });

  it('never renders an unavailable counter as 0 or NaN', () => {
    const set = openCounters('default')!;
    try {
      const before = new Float64Array(set.length);
      const after = new Float64Array(set.length);
      set.readInto(before);
      set.readInto(after);
      const values: Record<string, CounterValue> = set.perIteration(before, after, 1);
      const all = { ...values, ...set.derived(values) };
      for (const [name, v] of Object.entries(all)) {
        if (v.available) expect(Number.isFinite(v.value), name).toBe(true);
        else {
          expect(Object.keys(v).sort(), name).toEqual(['available', 'reason']);
          expect(v.reason.length, name).toBeGreaterThan(0);
        }
      }
      expect(JSON.stringify(all)).not.toMatch(/null|NaN/);
    } finally {
      set.close();
    }
  });

  it('reads into a bound buffer, rebinds on a new one, and refuses after close', () => {
    const set = openCounters(['page-faults', 'cycles'])!;
    const a = new Float64Array(set.length);
    const b = new Float64Array(set.length + 3);
    set.readInto(a);
    set.readInto(b);
    set.readInto(a);
    if (set.length > 0) {
      expect(a.some((x) => x !== 0)).toBe(true);
      expect(() => set.readInto(new Float64Array(set.length - 1))).toThrow(/needs a Float64Array/);
    }
    const stats = set.readStats();
    expect(stats.rdpmcReads + stats.syscallReads).toBeGreaterThanOrEqual(set.length > 0 ? 3 : 0);
    set.close();
    set.close();
    if (set.length > 0) expect(() => set.readInto(a)).toThrow(/closed/);
  });

  it.skipIf(!linux)(`works per thread: a worker opens its own set and counts its own page faults (perf_event: Linux only)`, async () => {
    const { Worker } = await import('node:worker_threads');
    const pages = 500;
    const w = new Worker(new URL('./fixtures/worker-counters.mjs', import.meta.url), {
      workerData: { addonPath: native.path, pages },
    });
    const msg = await new Promise<{ available: boolean; faults?: number; reason?: string }>((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
    });
    await w.terminate();
    if (!msg.available) expect(msg.reason!.length).toBeGreaterThan(0);
    else expect(msg.faults).toBeGreaterThanOrEqual(pages);
  });

  it('rejects unknown events before touching the kernel', () => {
    expect(() => openCounters(['instructions', 'nope'])).toThrow(/unknown counter event 'nope'/);
    const b = countersBinding().binding!;
    expect(() => b.openCounters(['nope'])).toThrow(/cyclebench native: openCounters: unknown event 'nope'/);
  });
});

describe.skipIf(!ready || !linux)('rdpmc mmap-page protocol (fake page, fake readers; Linux only)', () => {
  const hooks = () => countersBinding().binding!.countersTestHooks;

  it('sign-extends counter values of the PMU width', () => {
    const { signExtend } = hooks();
    expect(signExtend((1n << 48n) - 5n, 48)).toBe(-5n);
    expect(signExtend(12345n, 48)).toBe(12345n);
    expect(signExtend((1n << 47n) - 1n, 48)).toBe((1n << 47n) - 1n);
    expect(signExtend(1n << 47n, 48)).toBe(-(1n << 47n));
    expect(signExtend(0xffff_ffff_ffff_ffffn, 64)).toBe(-1n);
  });

  it('adds the sign-extended counter to offset and extrapolates times from the TSC', () => {
    const r = hooks().readMmapPage({
      lock: 2,
      index: 3,
      offset: 1_000_000,
      pmcRaw: (1n << 48n) - 100n, // -100 in a 48-bit counter
      pmcWidth: 48,
      capUserRdpmc: true,
      capUserTime: true,
      timeEnabled: 5_000,
      timeRunning: 4_000,
      tsc: 3_000_000,
      timeMult: 1 << 20, // 1 ns per tick with shift 20
      timeShift: 20,
      timeOffset: -2_000_000,
    });
    expect(r.valid).toBe(true);
    expect(r.counter).toBe(2); // rdpmc(index - 1)
    expect(r.count).toBe(999_900n);
    // delta = offset + tsc * mult >> shift = -2e6 + 3e6 = 1e6 ns
    expect(r.enabled).toBe(1_005_000n);
    expect(r.running).toBe(1_004_000n);
  });

  it('splits the TSC product into quotient and remainder like the kernel does', () => {
    // time_mult * tsc overflows 64 bits here; the split form must not.
    const r = hooks().readMmapPage({
      index: 1,
      pmcWidth: 48,
      capUserRdpmc: true,
      capUserTime: true,
      tsc: 2n ** 40n + 12345n,
      timeMult: 2 ** 31,
      timeShift: 31,
      timeOffset: 0,
    });
    expect(r.enabled).toBe(2n ** 40n + 12345n);
  });

  it('falls back (invalid) when the event is off the PMU or the page offers no user reads', () => {
    const base = { index: 1, pmcWidth: 48, capUserRdpmc: true, capUserTime: true, tsc: 1, timeMult: 1, timeShift: 0 };
    expect(hooks().readMmapPage({ ...base, index: 0 }).valid).toBe(false);
    expect(hooks().readMmapPage({ ...base, capUserRdpmc: false }).valid).toBe(false);
    expect(hooks().readMmapPage({ ...base, capUserTime: false }).valid).toBe(false);
    // An odd sequence number means the kernel is mid-update forever: bounded retries, then fallback.
    expect(hooks().readMmapPage({ ...base, lock: 3 }).valid).toBe(false);
  });
});

// The permission path: kernel counting as an unprivileged user at perf_event_paranoid >= 2 must fail
// with EACCES and a reason that names the setting. Needs root (to drop to nobody) and setpriv.
const paranoid = (() => {
  try {
    return Number(readFileSync('/proc/sys/kernel/perf_event_paranoid', 'utf8').trim());
  } catch {
    return Number.NaN;
  }
})();
const canDrop = linux && process.getuid?.() === 0 && paranoid >= 2 && spawnSync('setpriv', ['--version']).status === 0 && !!native.path;

if (ready && !canDrop)
  console.log(
    `[skip] counter permissions as an unprivileged user: needs Linux, root, perf_event_paranoid >= 2 (is ${paranoid}) and setpriv`,
  );
describe.skipIf(!ready || !canDrop)('permissions (as an unprivileged user)', () => {
  it('user-space counting works at paranoid 2; kernel counting says why not, naming perf_event_paranoid', (ctx) => {
    const script = `const a = require(${JSON.stringify(native.path)});
      const u = a.openCounters(['page-faults']).events[0];
      const k = a.openCounters(['page-faults'], { includeKernel: true }).events[0];
      console.log(JSON.stringify({ u, k }));`;
    const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', script], {
      encoding: 'utf8',
    });
    if (r.status !== 0) {
      console.log(`[skip] could not run as nobody: ${r.stderr.trim().slice(0, 300)}`);
      return ctx.skip();
    }
    const { u, k } = JSON.parse(r.stdout) as { u: { available: boolean }; k: { available: boolean; reason?: string } };
    expect(u.available).toBe(true);
    expect(k.available).toBe(false);
    expect(k.reason).toMatch(/perf_event_open: (EACCES|EPERM)/);
    expect(k.reason).toContain(`perf_event_paranoid is ${paranoid}`);
  });
});

describe('countersCapability', () => {
  it('has a reason for everything unavailable', () => {
    const cap = countersCapability();
    for (const a of [cap.perfEvent, cap.hardware, cap.rdpmc, ...cap.events]) if (!a.available) expect(a.reason.length).toBeGreaterThan(0);
    if (!native.addon) expect(cap.perfEvent.available).toBe(false);
  });
});
