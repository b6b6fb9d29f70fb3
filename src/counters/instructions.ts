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

/**
 * Counts the instructions `loop` executes: zero stats, start instrumentation and collection, run the
 * loop, stop collection, dump under `label`, stop instrumentation. The dump is read by
 * runUnderCallgrind in the parent. Warm-up is the caller's job (measure optimised code). The engine
 * calls this twice per benchmark, with the real loop and with an empty loop of the same N, and
 * reports (real - empty) / N. Throws E_NATIVE_UNAVAILABLE without the addon.
 */
export function measureInstructions(label: string, loop: () => void): void {
  checkLabel(label);
  const { binding, reason } = instrumentBinding();
  if (!binding) throw new CycleBenchError('E_NATIVE_UNAVAILABLE', `instruction counting needs the native addon: ${reason}`);
  const end = binding.callgrindEnd;
  binding.callgrindBegin();
  try {
    loop();
  } finally {
    end(label);
  }
}
