/** Database URLs: recognised, checked, and shown only without their password. */
import { CycleBenchError } from '../../errors.js';

/** True for a `postgres://` or `postgresql://` URL. */
export function isPostgresUrl(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

/** `spec` with any password replaced by `***`: the only form a URL is ever printed in. */
export function redactUrl(spec: string): string {
  try {
    const u = new URL(spec);
    if (u.password) u.password = '***';
    // Query parameters may carry a password too (`?password=`).
    for (const k of [...u.searchParams.keys()]) if (/pass/i.test(k)) u.searchParams.set(k, '***');
    return u.toString();
  } catch {
    // Not parseable: cut anything between "scheme://user:" and "@".
    return spec.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@').replace(/(pass[^=&]*=)[^&]*/gi, '$1***');
  }
}

/** The password in `spec`, to be scrubbed from any message a driver or server writes; empty when none. */
export function urlSecrets(spec: string): string[] {
  try {
    const u = new URL(spec);
    const out = [u.password, decodeURIComponent(u.password)];
    for (const [k, v] of u.searchParams) if (/pass/i.test(k)) out.push(v);
    return out.filter((s) => s.length > 0);
  } catch {
    return [];
  }
}

/** Checks that `spec` is a usable database URL: a host and a database name. */
export function checkPostgresUrl(spec: string, where: string, code: 'E_USAGE' | 'E_CONFIG'): void {
  let u: URL;
  try {
    u = new URL(spec);
  } catch {
    throw new CycleBenchError(
      code,
      `${where}: ${redactUrl(spec)} is not a valid URL; expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE.`,
    );
  }
  if (!u.hostname && !u.searchParams.get('host'))
    throw new CycleBenchError(
      code,
      `${where}: ${redactUrl(spec)} names no host; expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE.`,
    );
  if (u.pathname.replace(/^\//, '') === '')
    throw new CycleBenchError(
      code,
      `${where}: ${redactUrl(spec)} names no database; expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE.`,
    );
}
