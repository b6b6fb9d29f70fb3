/** The I/O a command gets, and colour that appears only on a terminal and never with NO_COLOR. */

/** A stream the commands write to (process.stdout in the CLI, a buffer in tests). */
export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

/** What every command function receives. */
export interface CommandIO {
  cwd: string;
  stdout: OutStream;
  stderr: OutStream;
  env: Record<string, string | undefined>;
}

/** True when `stream` is a TTY and `NO_COLOR` is unset or empty (https://no-color.org). */
export function useColor(stream: OutStream, env: Record<string, string | undefined>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true;
}

/** ANSI styles, or identity when colour is off. */
export interface Paint {
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
const id = (s: string) => s;

/** A {@link Paint} that colours only when `on`. */
export function paint(on: boolean): Paint {
  return on
    ? { red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39), bold: wrap(1, 22), dim: wrap(2, 22) }
    : { red: id, green: id, yellow: id, bold: id, dim: id };
}
