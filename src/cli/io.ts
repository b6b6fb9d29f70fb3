import type { CommandIO } from '../report/io.js';

/** The real process's IO. */
export function processIO(): CommandIO {
  return { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, env: process.env };
}
