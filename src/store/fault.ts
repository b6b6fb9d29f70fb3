/**
 * Test-only fault injection, so that tests can observe the store's promises in real processes
 * instead of assuming them (docs/reliability.md). Armed by the environment variable
 * `CYCLEBENCH_TEST_FAULT`, read only here; never set it outside tests:
 *
 * - `after-write`: `writeFileAtomic` SIGKILLs its own process after the temp file is written and
 *   synced, before the rename (the old file must survive whole).
 * - `slow-append`: `appendHistory` writes its line in 64-byte pieces with a 2 ms pause between them,
 *   inside the lock (without the lock, concurrent appends would interleave).
 */
export type TestFault = 'after-write' | 'slow-append';

/** True when the fault `name` is armed. */
export function faultArmed(name: TestFault): boolean {
  return process.env.CYCLEBENCH_TEST_FAULT === name;
}

/** Kills this process with SIGKILL when the fault `name` is armed: no cleanup, no exit handlers. */
export function testFault(name: TestFault): void {
  if (faultArmed(name)) process.kill(process.pid, 'SIGKILL');
}
