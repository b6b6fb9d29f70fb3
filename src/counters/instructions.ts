/**
 * The in-process half of instruction-count mode: callgrind client requests around a measured loop.
 * Under `valgrind --tool=callgrind --instr-atstart=no --collect-atstart=no` (see runUnderCallgrind)
 * only what runs between the requests is counted; natively the requests are no-ops and the loop
 * simply runs.
 */
import { CycleBenchError } from '../errors.js';
import { instrumentBinding } from './binding.js';

/**
 * True when this process runs under valgrind: asked through RUNNING_ON_VALGRIND when the addon is
 * loaded, else read from valgrind's preload library in LD_PRELOAD.
 */
export function underValgrind(): boolean {
  const { binding } = instrumentBinding();
  if (binding) return binding.runningOnValgrind() > 0;
  return /vgpreload/.test(process.env.LD_PRELOAD ?? '');
}

/** Labels go into callgrind's `desc:` line: one line, and no NUL. */
export function checkLabel(label: string): void {
  if (typeof label !== 'string' || label.length === 0 || /[\r\n\0]/.test(label))
    throw new CycleBenchError('E_BAD_ARGUMENT', `instruction label must be a non-empty single-line string, got ${JSON.stringify(label)}`);
}

/** Most arguments measureInstructions passes to the loop. */
export const MAX_LOOP_ARGS = 8;

type AnyLoop = (...args: any[]) => unknown;

/**
 * The measured window. Everything between begin() returning and end() being entered is counted,
 * so this function must cost the same on every call: it always passes eight arguments (absent ones
 * undefined, so the call has one shape), its call sites are made megamorphic and the function is
 * brought to its top tier before the first real window (see warmWindow), so no inline-cache
 * transition or tier-up happens inside a window, and the real and empty loops carry the same fixed
 * cost, which their difference removes. test/counters/fixtures/instructions-child.mjs mirrors this
 * function exactly.
 */
function runWindow(
  begin: () => void,
  end: (label: string) => void,
  label: string,
  loop: AnyLoop,
  a0: unknown,
  a1: unknown,
  a2: unknown,
  a3: unknown,
  a4: unknown,
  a5: unknown,
  a6: unknown,
  a7: unknown,
): void {
  begin();
  try {
    loop(a0, a1, a2, a3, a4, a5, a6, a7);
  } finally {
    end(label);
  }
}

let windowWarm = false;

/**
 * Brings runWindow to a steady state before the first real window: no-op functions at all three call
 * sites make them megamorphic and get it optimised; then dry windows through the real begin/end
 * (client requests off) bind every call into the addon.
 */
function warmWindow(begin: () => void, end: (label: string) => void, dry: (on: boolean) => void): void {
  const fns = [() => {}, () => {}, () => {}, () => {}, () => {}];
  const ends = [(_: string) => {}, (_: string) => {}, (_: string) => {}, (_: string) => {}, (_: string) => {}];
  // V8 11 (Node 20) optimises it with TurboFan after about 5,000 calls; 20,000 leaves room.
  for (let i = 0; i < 20_000; i++)
    runWindow(fns[i % 5], ends[(i + 1) % 5], 'warm', fns[(i + 2) % 5], i, fns, 'x', i, undefined, null, fns[0], i);
  dry(true);
  try {
    for (let i = 0; i < 100; i++) runWindow(begin, end, 'cyclebench:warm', fns[i % 5], i, fns, 'x', i, undefined, null, fns[0], i);
  } finally {
    dry(false);
  }
  windowWarm = true;
}

/**
 * Counts the instructions `loop(...args)` executes: zero stats, start instrumentation and
 * collection, run the loop, stop collection, dump under `label`, stop instrumentation. The dump is
 * read by runUnderCallgrind in the parent. Natively (not under valgrind) it just runs the loop.
 *
 * `loop` must already be warm (called before with the same argument types, so it is compiled and
 * optimised): pass the engine's warmed loop function itself and its arguments (up to
 * MAX_LOOP_ARGS), e.g. `measureInstructions(id, syncLoop, fn, args, state, n, now, sink)`, not a
 * fresh wrapper closure (`() => loop(n)` is compiled lazily and tiers up on its own budget inside
 * the window). The loop is called with exactly eight arguments, absent ones undefined. The engine
 * calls this twice per benchmark, with the real loop and with an empty loop of the same N, and
 * reports (real.Ir - empty.Ir) / N. Throws E_NATIVE_UNAVAILABLE without the addon.
 */
export function measureInstructions<A extends unknown[]>(label: string, loop: (...args: A) => unknown, ...args: A): void {
  checkLabel(label);
  if (args.length > MAX_LOOP_ARGS)
    throw new CycleBenchError(
      'E_BAD_ARGUMENT',
      `measureInstructions passes at most ${MAX_LOOP_ARGS} arguments to the loop, got ${args.length}`,
    );
  const { binding, reason } = instrumentBinding();
  if (!binding) throw new CycleBenchError('E_NATIVE_UNAVAILABLE', `instruction counting needs the native addon: ${reason}`);
  if (!windowWarm) warmWindow(binding.callgrindBegin, binding.callgrindEnd, binding.callgrindDry);
  const a = args as unknown[];
  runWindow(binding.callgrindBegin, binding.callgrindEnd, label, loop as AnyLoop, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
}
