/**
 * A benchmark file that fails to load, said as `file:line:column: what`, without the loader's
 * stack: for a syntax error, esbuild's diagnostic (the compiler tsx runs; Node's own SyntaxError for
 * a .js file carries no position); for a throw at top level, the first stack frame in the file.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'esbuild';
import { CycleBenchError } from '../errors.js';
import { describeThrown } from './faults.js';

interface Place {
  line: number;
  column: number;
  lineText?: string;
}

function loaderOf(file: string): Loader {
  const ext = /\.([cm]?)(tsx?|jsx?)$/.exec(file)?.[2];
  return (ext as Loader | undefined) ?? 'js';
}

/** esbuild's first error for the file's source (1-based column), or undefined when it parses. */
async function syntaxError(file: string): Promise<(Place & { text: string }) | undefined> {
  const { transformSync } = await import('esbuild'); // loaded on this error path only
  try {
    transformSync(readFileSync(file, 'utf8'), { loader: loaderOf(file), format: 'esm', sourcefile: file, target: 'esnext' });
    return undefined;
  } catch (err) {
    const e = (err as { errors?: Array<{ text: string; location: { line: number; column: number; lineText: string } | null }> })
      .errors?.[0];
    if (!e) return undefined;
    return e.location
      ? { text: e.text, line: e.location.line, column: e.location.column + 1, lineText: e.location.lineText }
      : { text: e.text, line: 0, column: 0 };
  }
}

/** The first stack frame in `file`: tsx maps them to the TypeScript source. */
function frameIn(stack: string | undefined, file: string): Place | undefined {
  for (const m of (stack ?? '').matchAll(/(?:\(|at )((?:file:\/\/)?[^\s()]+):(\d+):(\d+)\)?$/gm)) {
    const path = m[1].startsWith('file://') ? fileURLToPath(m[1]) : m[1];
    if (path === file) return { line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}

function shown(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

function at(file: string, p: Place | undefined): string {
  return p && p.line ? `${shown(file)}:${p.line}:${p.column}` : shown(file);
}

/** The E_BENCH_FILE error for `file` (absolute) that failed to import with `err`. */
export async function benchFileError(file: string, err: unknown): Promise<CycleBenchError> {
  const d = describeThrown(err);
  const frame = frameIn(d.stack, file);
  // Loaders word syntax errors their own way (tsx, Node without a position, Vite), so whatever did
  // not come from running the file's own code is checked by parsing it.
  const s = !frame || d.name === 'SyntaxError' ? await syntaxError(file) : undefined;
  if (s) {
    const caret = s.lineText !== undefined ? `\n  ${s.lineText}\n  ${' '.repeat(Math.max(0, s.column - 1))}^` : '';
    return new CycleBenchError('E_BENCH_FILE', `${at(file, s)}: syntax error: ${s.text}${caret}`, { cause: err });
  }
  const what = d.code === 'E_THROWN_VALUE' ? d.message : `${d.name}: ${d.message}`;
  return new CycleBenchError('E_BENCH_FILE', `${at(file, frame)}: ${what} (while loading the benchmark file)`, { cause: err });
}
