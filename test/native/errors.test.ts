// Every native function that fails throws an Error with a stable `code` (native/errors.h), from the
// node-addon-api callbacks (a C++ exception) and from the plain Node-API ones (a pending exception) alike.
import { describe, expect, it } from 'vitest';
import { loadNative } from '../../src/native/load.js';
import { requireAddon } from '../capability.js';
import type { NativeError } from '../../src/native/binding.js';
import type { CountersBinding, InstrumentBinding } from '../../src/counters/binding.js';

const load = loadNative();
const ready = await requireAddon();

function thrown(f: () => unknown): NativeError {
  try {
    f();
  } catch (err) {
    return err as NativeError;
  }
  throw new Error('expected a throw');
}

describe.skipIf(!ready)('native errors carry a code', () => {
  const addon = () => load.addon!;
  const counters = () => load.addon as unknown as CountersBinding;
  const instrument = () => load.addon as unknown as InstrumentBinding;

  it('clock: bad arguments are E_BAD_ARGUMENT, message kept', () => {
    const e = thrown(() => addon().spinTicks(-1));
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('E_BAD_ARGUMENT');
    expect(e.message).toBe('cyclebench native: spinTicks: n must be in [0, 1e13]');
    expect(thrown(() => (addon().calibrate as (...a: unknown[]) => unknown)('x', 1)).code).toBe('E_BAD_ARGUMENT');
  });

  it('counters: unknown events and wrong buffers are E_BAD_ARGUMENT; read before bind is E_NATIVE_STATE', () => {
    expect(thrown(() => counters().openCounters(['nope'])).code).toBe('E_BAD_ARGUMENT');
    const set = counters().openCounters(['task-clock']);
    try {
      const unbound = thrown(() => set.read());
      expect(unbound.code).toBe('E_NATIVE_STATE');
      expect(unbound.message).toBe('cyclebench native: counters.read: no buffer bound (call bind(buf) first)');
      expect(thrown(() => set.bind(new Uint8Array(8) as unknown as Float64Array)).code).toBe('E_BAD_ARGUMENT');
      expect(thrown(() => counters().countersTestHooks.touchPages(-1)).code).toBe('E_BAD_ARGUMENT');
      set.bind(new Float64Array(Math.max(1, set.length)));
    } finally {
      set.close();
    }
    const closed = thrown(() => set.read());
    expect(closed.code).toBe('E_COUNTERS_UNAVAILABLE');
    expect(closed.message).toBe('cyclebench native: counters.read: the counter set is closed');
  });

  it('instrument: out-of-order calls are E_NATIVE_STATE, bad arguments E_BAD_ARGUMENT', () => {
    const e = thrown(() => instrument().callgrindEnd('x'));
    expect(e.code).toBe('E_NATIVE_STATE');
    expect(e.message).toBe('cyclebench native: callgrindEnd: no measurement window is open');
    expect(thrown(() => instrument().knownLoop(-1)).code).toBe('E_BAD_ARGUMENT');
  });
});
