/** benny's default console output, and its in-place progress on a terminal. */
import { describeRatio, formatRatioCI } from '../../result/text.js';
import { paint, useColor } from '../../report/io.js';
import type { CaseResult, Summary } from './types.js';

const color = () => paint(useColor(process.stdout, process.env));

/** Thousands separated by spaces, as benny prints ops: `213 985 744`. */
export function formatOps(n: number): string {
  const [whole, fraction] = String(n).split('.');
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ') + (fraction ? `.${fraction}` : '');
}

/** Progress and every finished case with its ops, margin and place (after the last case). */
export function defaultCycle(_: CaseResult, summary: Summary): string {
  const c = color();
  const finished = summary.results.filter((r) => r.samples > 0);
  const all = finished.length === summary.results.length;
  const width = formatOps(summary.results[summary.fastest.index]?.ops ?? 0).length;
  const lines = summary.results.flatMap((r, i) => {
    if (!r.samples) return [];
    const ops = formatOps(r.ops);
    const place = !all
      ? ''
      : ' '.repeat(width - ops.length + 2) +
        (i === summary.fastest.index
          ? c.green('| fastest')
          : i === summary.slowest.index
            ? c.red(`| slowest, ${r.percentSlower}% slower`)
            : c.yellow(`| ${r.percentSlower}% slower`));
    return [`\n  ${c.bold(r.name)}:\n    ${ops} ops/s, ±${r.margin.toFixed(2)}% ${place}`];
  });
  return `Progress: ${Math.round((finished.length / Math.max(summary.results.length, 1)) * 100)}%\n${lines.join('\n')}`;
}

/** Fastest and slowest, then each case's paired ratio to the first case with its CI (cyclebench's group comparison). */
export function defaultComplete(summary: Summary): void {
  const c = color();
  const n = summary.results.length;
  console.log(c.bold(`\nFinished ${n} case${n !== 1 ? 's' : ''}!`));
  if (n > 1) {
    console.log(`${c.bold('  Fastest:')} ${summary.fastest.name}`);
    console.log(`${c.bold('  Slowest:')} ${summary.slowest.name}`);
  }
  for (const g of summary.cyclebench.groups)
    for (const e of g.entries)
      console.log(`  ${e.name} vs ${g.baseline}: ${describeRatio(e.ratio)} (CI ${formatRatioCI(e.ci)}, ${e.verdict})`);
}

/**
 * Text that replaces the previous text on a terminal (benny's cycle output). Elsewhere nothing is
 * erased, so only the last text is printed, once the suite is done.
 */
export class LiveText {
  private lines = 0;
  private last: string | undefined;

  show(text: string): void {
    if (!process.stdout.isTTY) {
      this.last = text;
      return;
    }
    if (this.lines) process.stdout.write(`\u001b[${this.lines}F\u001b[0J`);
    process.stdout.write(`${text}\n`);
    this.lines = text.split('\n').length;
  }

  done(): void {
    if (this.last !== undefined) process.stdout.write(`${this.last}\n`);
    this.last = undefined;
    this.lines = 0;
  }
}
