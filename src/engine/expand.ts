import type { ArgAxes, Args } from './options.js';

/** The Cartesian product of argument axes, in axis order; one empty point when there are none. */
export function argPoints(axes: ArgAxes | undefined): Args[] {
  let points: Args[] = [{}];
  for (const [key, values] of Object.entries(axes ?? {})) {
    points = points.flatMap((p) => values.map((v) => ({ ...p, [key]: v })));
  }
  return points;
}

/** `group/name[k=v,...]`: unique within a run, stable across runs. */
export function benchId(name: string, group: string | undefined, args: Args): string {
  const keys = Object.keys(args);
  const suffix = keys.length ? `[${keys.map((k) => `${k}=${String(args[k])}`).join(',')}]` : '';
  return `${group ? group + '/' : ''}${name}${suffix}`;
}

/** Tests an id against a filter: a substring, or a /regex/ (string or RegExp). */
export function matchesFilter(id: string, filter: string | RegExp | undefined): boolean {
  if (filter === undefined || filter === '') return true;
  if (filter instanceof RegExp) return filter.test(id);
  const m = /^\/(.*)\/([a-z]*)$/.exec(filter);
  return m ? new RegExp(m[1], m[2]).test(id) : id.includes(filter);
}
