/**
 * Benchmark id patterns for overrides, targets and filters: an exact id, or a glob where `*` matches
 * any run of characters (including `/`) and `?` one character. No other character is special, so ids
 * with `[k=v]` argument suffixes can be written literally.
 */

const cache = new Map<string, RegExp>();

/** True when `pattern` has glob characters. */
export function isGlob(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/** True when `id` matches `pattern` (exactly, or as a glob). */
export function matchId(pattern: string, id: string): boolean {
  if (pattern === id) return true;
  if (!isGlob(pattern)) return false;
  let re = cache.get(pattern);
  if (!re) {
    const src = pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    re = new RegExp(`^${src}$`, 's');
    cache.set(pattern, re);
  }
  return re.test(id);
}

/**
 * The most specific of `patterns` that matches `id`: an exact id wins over any glob; among globs the
 * one with the most literal characters wins; ties go to the later one (config order, later overrides).
 */
export function bestMatch<T extends { match: string }>(items: readonly T[], id: string): T | undefined {
  let best: T | undefined;
  let bestScore = -1;
  for (const it of items) {
    if (!matchId(it.match, id)) continue;
    const score = it.match === id ? Number.MAX_SAFE_INTEGER : it.match.replace(/[*?]/g, '').length;
    if (score >= bestScore) {
      best = it;
      bestScore = score;
    }
  }
  return best;
}
