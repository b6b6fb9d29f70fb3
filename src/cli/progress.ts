import type { ProgressEvent } from '../engine/options.js';
import { formatNs } from '../result/text.js';
import type { OutStream } from '../report/io.js';

/**
 * Progress display: a redrawn bar with ETA on a terminal, plain lines elsewhere (CI, pipes).
 * Writes to stderr so stdout stays clean for tables and JSON.
 */
export function progressReporter(stream: OutStream, env: Record<string, string | undefined>): (e: ProgressEvent) => void {
  const tty = Boolean(stream.isTTY) && !env.CI;
  let started = 0;
  let total = 0;
  let current = '';
  const draw = (done: number) => {
    const elapsed = performance.now() - started;
    const eta = done > 0 ? ((elapsed / done) * (total - done)) / 1000 : NaN;
    const width = 24;
    const filled = Math.round((done / Math.max(total, 1)) * width);
    const etaText = Number.isFinite(eta) ? `ETA ${eta.toFixed(0)}s` : 'ETA --';
    stream.write(`\r\x1b[2K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${etaText} ${current}`);
  };
  return (e) => {
    if (e.type === 'start') {
      started = performance.now();
      total = e.total;
      if (!tty) stream.write(`running ${e.total} benchmark(s)\n`);
    } else if (e.type === 'bench') {
      current = e.id;
      if (tty) draw(e.index);
    } else {
      if (tty) {
        draw(e.index + 1);
        if (e.index + 1 >= e.total) stream.write('\r\x1b[2K');
      } else {
        const value =
          e.status !== 'ok'
            ? e.status
            : e.boundNs !== undefined
              ? `≤ ${formatNs(e.boundNs)} above the empty loop (probable dead code)`
              : e.medianNs === undefined
                ? 'measured'
                : e.unit === 'ns'
                  ? formatNs(e.medianNs)
                  : `${e.medianNs.toPrecision(4)} ${e.unit}`;
        stream.write(`[${e.index + 1}/${e.total}] ${e.id}: ${value}\n`);
      }
    }
  };
}
