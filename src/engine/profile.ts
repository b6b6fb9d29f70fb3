/**
 * `--profile`: the V8 CPU profiler (through the inspector) around the code that measures, written as
 * a `.cpuprofile` (Chrome DevTools > Performance, or VS Code). Under isolation the child that runs the
 * benchmark profiles itself: profiling the parent would show it idle, waiting for messages.
 */
import { Session } from 'node:inspector';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function post<T = unknown>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result as T))));
}

/** The profile file for a label in `dir` (`.cyclebench/profiles/<label>.cpuprofile`). */
export function profileFile(dir: string, label: string): string {
  return join(dir, `${label.replace(/[^A-Za-z0-9._-]+/g, '_') || 'run'}.cpuprofile`);
}

/** Runs `body` under the CPU profiler and writes the profile to `file` (temp file, then rename); without a file, just runs it. */
export async function profiled<T>(file: string | undefined, body: () => Promise<T>): Promise<T> {
  if (!file) return body();
  const session = new Session();
  session.connect();
  try {
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.setSamplingInterval', { interval: 100 });
    await post(session, 'Profiler.start');
    const result = await body();
    const { profile } = await post<{ profile: object }>(session, 'Profiler.stop');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify(profile));
    renameSync(`${file}.${process.pid}.tmp`, file);
    return result;
  } finally {
    session.disconnect();
  }
}
