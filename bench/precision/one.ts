// One fresh process of the precision benchmark: runs ONE tool on one row's A, A2 and B and prints
// one JSON line (tool, row, B/A, A2/A, A's time, wall time, details) on stdout.
// Run: npx tsx bench/precision/one.ts --tool cyclebench [--row large|small] [--precision 0.003] [--min-time-ms 1000] (cyclebench only)
import { runTool, TOOLS, type ToolName } from './runners.js';
import { ROWS, type Row } from './workloads.js';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const tool = flag('tool') as ToolName | undefined;
const rowName = (flag('row') ?? 'large') as Row['name'];
if (!tool || !TOOLS.includes(tool)) {
  console.error(`one.ts: --tool must be one of ${TOOLS.join(', ')}, got ${JSON.stringify(tool)}`);
  process.exit(2);
}
const row = ROWS[rowName];
if (!row) {
  console.error(`one.ts: --row must be one of ${Object.keys(ROWS).join(', ')}, got ${JSON.stringify(rowName)}`);
  process.exit(2);
}

const numberFlag = (name: string) => (flag(name) !== undefined ? Number(flag(name)) : undefined);
const r = await runTool(tool, row, { precision: numberFlag('precision'), minTimeMs: numberFlag('min-time-ms') });
console.log(
  JSON.stringify({
    tool,
    row: row.name,
    stat: r.stat,
    ratioBA: r.ratioBA,
    ratioA2A: r.ratioA2A,
    aNs: r.central.a,
    central: r.central,
    mean: r.mean,
    wallMs: r.wallMs,
    ...(r.extra ? { extra: r.extra } : {}),
  }),
);
