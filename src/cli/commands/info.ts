import { CycleBenchError } from '../../errors.js';
import { capabilities, type Capabilities } from '../../capabilities.js';
import type { CommandIO } from '../../report/io.js';
import { formatNs } from '../../result/text.js';
import { consoleTable } from '../../report/table.js';
import { parseCommand } from '../args.js';

const table = (rows: string[][], right: number[] = []) => consoleTable(rows[0], rows.slice(1), right);

const avail = (a: { available: boolean; reason?: string }) => (a.available ? 'available' : `unavailable: ${a.reason}`);

/** Renders capabilities as readable sections; nothing unavailable is shown as a number. */
export function renderInfo(c: Capabilities): string {
  const out: string[] = [];
  out.push('Machine');
  out.push(
    table([
      ['item', 'value'],
      ['CPU', c.cpu.model],
      ['logical cores', String(c.cpu.logicalCores)],
      ['governor', c.cpu.governor ?? 'unavailable: not readable'],
      ['OS', `${c.os.type} ${c.os.kernel} (${c.os.platform}-${c.cpu.arch})`],
      ['Node / V8', `${c.runtime.node} / ${c.runtime.v8}`],
      ['addon', c.native.available ? `${c.native.source} (${c.native.path})` : `none: ${c.native.reason}`],
    ]),
  );
  if (!c.native.available && c.native.warning) out.push(`warning: ${c.native.reason}\nhint: ${c.native.hint}`);
  out.push('\nClocks (first is used)');
  out.push(
    table(
      [
        ['clock', 'frequency', 'source', 'resolution', 'read cost', 'invariant', 'monotonic'],
        ...c.clocks.map((k) => [
          k.name,
          `${(k.frequencyHz / 1e6).toFixed(3)} MHz${k.frequencyRelUncertainty ? ` ±${(k.frequencyRelUncertainty * 1e6).toFixed(1)} ppm` : ''}`,
          k.frequencySource,
          formatNs(k.resolutionNs),
          formatNs(k.overheadNs),
          k.invariant === undefined ? 'unknown' : k.invariant ? 'yes' : 'no',
          k.monotonic ? 'yes' : 'no',
        ]),
      ],
      [1, 3, 4],
    ),
  );
  const cc = c.clockCheck;
  out.push(
    cc.available
      ? `self-check: spinTicks for ${formatNs(cc.expectedNs!)} took ${formatNs(cc.measuredNs!)} by CLOCK_MONOTONIC_RAW (${((cc.relError ?? 0) * 100).toFixed(2)}%)`
      : `self-check: unavailable: ${cc.reason}`,
  );
  out.push('\nCounters');
  out.push(`perf_event: ${avail(c.counters.perfEvent)}`);
  if (c.counters.events.length) out.push(table([['event', 'kind', 'state'], ...c.counters.events.map((e) => [e.name, e.kind, avail(e)])]));
  out.push('\nInstruction counts');
  out.push(`valgrind: ${avail(c.valgrind)}${c.valgrind.available && c.valgrind.version ? ` (${c.valgrind.version})` : ''}`);
  out.push('\nCUDA');
  out.push(`cuda: ${avail(c.cuda)}`);
  for (const d of c.cuda.devices ?? []) {
    const gib = (b?: number) => (b === undefined ? 'unknown' : `${(b / 2 ** 30).toFixed(1)} GiB`);
    const mib = (b?: number) => (b === undefined ? 'unknown' : `${(b / 2 ** 20).toFixed(0)} MiB`);
    out.push(
      `  device ${d.ordinal}: ${d.name}, compute ${d.computeCapability}, ${d.smCount ?? '?'} SMs, memory ${gib(d.memoryBytes)}, L2 ${mib(d.l2Bytes)}, ` +
        `SM clock ${d.smClockMHz ?? '?'} MHz, memory clock ${d.memoryClockMHz ?? '?'} MHz${d.pciBusId ? `, PCI ${d.pciBusId}` : ''}`,
    );
  }
  for (const [name, lib] of [
    ['driver', c.cuda.driver],
    ['nvrtc', c.cuda.nvrtc],
    ['nvml', c.cuda.nvml],
    ['cupti', c.cuda.cupti],
  ] as const)
    if (lib)
      out.push(
        `  ${name}: ${lib.available ? `available${lib.version ? ` (${lib.version})` : ''}${lib.path ? ` ${lib.path}` : ''}` : `unavailable: ${lib.reason}`}`,
      );
  return out.join('\n') + '\n';
}

/** `cyclebench info [--json]` */
export async function infoCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals, help } = parseCommand('info', argv, { json: { type: 'boolean' } });
  if (help) {
    io.stdout.write(
      'Usage: cyclebench info [--json]\n\nThe machine, the addon, every clock with its frequency, resolution and read cost, counters,\nvalgrind and CUDA, each available or unavailable with the reason.\n',
    );
    return 0;
  }
  if (positionals.length) throw new CycleBenchError('E_USAGE', `info takes no arguments, got ${positionals.join(' ')}`);
  const caps = capabilities();
  io.stdout.write(values.json ? JSON.stringify(caps, null, 2) + '\n' : renderInfo(caps));
  return 0;
}
