/**
 * Tests that need something this machine may lack (the addon, valgrind, software counters) skip with
 * the reason printed; under CI=true, where our CI machine has all of them, a missing one fails instead.
 */
import type { Availability } from '../src/errors.js';

/** True when `capability` is available. Otherwise prints why the tests skip, or throws under CI=true. */
export function requireCapability(what: string, capability: Availability): boolean {
  if (capability.available) return true;
  if (process.env.CI === 'true') throw new Error(`${what} is required under CI=true but unavailable: ${capability.reason}`);
  console.log(`[skip] ${what}: ${capability.reason}`);
  return false;
}

/** The native addon, or undefined with the reason printed (a failure under CI=true). */
export async function requireAddon(): Promise<boolean> {
  const { loadNative } = await import('../src/native/load.js');
  const n = loadNative();
  return requireCapability('native addon', n.addon ? { available: true } : { available: false, reason: n.reason ?? 'not loaded' });
}
