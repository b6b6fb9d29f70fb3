import { Session } from 'node:inspector';
import { join } from 'node:path';
import { writeFileAtomic } from '../store/index.js';

function post<T = unknown>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) =>
    session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result as T))),
  );
}

/**
 * Runs `body` under the V8 CPU profiler (through the inspector) when `enabled`, and writes the
 * profile to `.cyclebench/profiles/<filter>.cpuprofile`.
 */
export async function withProfile<T>(enabled: boolean, cwd: string, label: string, body: () => Promise<T>): Promise<{ result: T; profilePath?: string }> {
  if (!enabled) return { result: await body() };
  const session = new Session();
  session.connect();
  try {
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.setSamplingInterval', { interval: 100 });
    await post(session, 'Profiler.start');
    const result = await body();
    const { profile } = await post<{ profile: object }>(session, 'Profiler.stop');
    const path = join(cwd, '.cyclebench', 'profiles', `${label.replace(/[^A-Za-z0-9._-]+/g, '_') || 'run'}.cpuprofile`);
    writeFileAtomic(path, JSON.stringify(profile));
    return { result, profilePath: path };
  } finally {
    session.disconnect();
  }
}
