/**
 * Peers accept any task name; the engine's names may not hold '/' (it separates a group from its
 * members in ids) or newlines, and must be unique within a run. Names are mapped once here, so the
 * result file's ids stay stable from run to run of the same program.
 */

/** U+2215 DIVISION SLASH: looks like '/', so `a / b` stays readable in tables and ids. */
const SLASH = '\u2215';

/** The peer's name as the engine accepts it: '/' becomes '∕', line breaks become spaces. */
export function engineName(name: unknown): string {
  const text = String(name ?? '')
    .replace(/\//g, SLASH)
    .replace(/[\r\n]+/g, ' ')
    .trim();
  return text === '' ? 'anonymous' : text;
}

/** Hands out names unique within one scope: a repeat gets ` (2)`, ` (3)`, ... in the order asked. */
export class UniqueNames {
  private readonly seen = new Map<string, number>();

  take(name: string): string {
    const n = (this.seen.get(name) ?? 0) + 1;
    this.seen.set(name, n);
    return n === 1 ? name : `${name} (${n})`;
  }
}
