/**
 * Parsing callgrind's output files (format described in the valgrind manual, "Callgrind Format
 * Specification"): each dump is one file `callgrind.out.<pid>[.<n>][-<tid>]` with a header of
 * `key: value` lines (`desc: Trigger: Client Request: <label>`, `events: Ir ...`) and a `totals:` or
 * `summary:` line giving the dump's total per event. Pure: text in, numbers out.
 */

/** Totals of one dump, keyed by event name (`Ir`, and `Dr`, `D1mr`, ... with --cache-sim=yes). */
export type EventTotals = { Ir: number; [event: string]: number };

/** What one dump file says. */
export interface CallgrindDump {
  /** The label given to CALLGRIND_DUMP_STATS_AT, or null for other triggers (program end, ...). */
  label: string | null;
  /** The whole trigger text (`Client Request: bench-1`, `Program termination`). */
  trigger: string | null;
  pid: number | null;
  part: number | null;
  thread: number | null;
  events: string[];
  totals: EventTotals;
}

const CLIENT_REQUEST = 'Client Request: ';

/** Parses one dump file's text. Throws when the file has no `events:` line (not a callgrind dump). */
export function parseCallgrindDump(text: string): CallgrindDump {
  let events: string[] | null = null;
  let totalsLine: string | null = null;
  let summaryLine: string | null = null;
  let trigger: string | null = null;
  let pid: number | null = null;
  let part: number | null = null;
  let thread: number | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (line.startsWith('events:')) events = line.slice(7).trim().split(/\s+/);
    else if (line.startsWith('totals:')) totalsLine = line.slice(7);
    else if (line.startsWith('summary:')) summaryLine = line.slice(8);
    else if (line.startsWith('desc: Trigger: ')) trigger = line.slice('desc: Trigger: '.length);
    else if (line.startsWith('pid:')) pid = Number(line.slice(4));
    else if (line.startsWith('part:')) part = Number(line.slice(5));
    else if (line.startsWith('thread:')) thread = Number(line.slice(7));
  }
  if (!events) throw new Error('not a callgrind dump: no "events:" line');
  // Missing trailing numbers mean 0 (format spec); totals: is the dump's own sum, summary: the same
  // in files from the start of the run. Prefer totals.
  const numbers = (totalsLine ?? summaryLine ?? '')
    .trim()
    .split(/\s+/)
    .filter((s) => s.length > 0)
    .map(Number);
  const totals = { Ir: 0 } as EventTotals;
  events.forEach((name, i) => {
    totals[name] = numbers[i] ?? 0;
  });
  const label = trigger?.startsWith(CLIENT_REQUEST) ? trigger.slice(CLIENT_REQUEST.length) : null;
  return { label, trigger, pid, part, thread, events, totals };
}

/**
 * Totals by label over several dumps. Dumps of the same measurement from different threads (with
 * --separate-threads=yes) are summed; a label measured again in a later dump gets `#2`, `#3`, ...
 */
export function totalsByLabel(dumps: readonly CallgrindDump[]): Map<string, EventTotals> {
  const byMeasurement = new Map<string, { label: string; totals: EventTotals }>();
  const ordered = dumps
    .filter((d) => d.label !== null)
    .slice()
    .sort((a, b) => (a.pid ?? 0) - (b.pid ?? 0) || (a.part ?? 0) - (b.part ?? 0) || (a.thread ?? 0) - (b.thread ?? 0));
  for (const d of ordered) {
    const key = `${d.pid}:${d.part}`;
    const m = byMeasurement.get(key);
    if (!m) byMeasurement.set(key, { label: d.label as string, totals: { ...d.totals } });
    else for (const [k, v] of Object.entries(d.totals)) m.totals[k] = (m.totals[k] ?? 0) + v;
  }
  const out = new Map<string, EventTotals>();
  for (const { label, totals } of byMeasurement.values()) {
    let key = label;
    for (let n = 2; out.has(key); n++) key = `${label}#${n}`;
    out.set(key, totals);
  }
  return out;
}
