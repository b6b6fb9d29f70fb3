/**
 * The CI outputs of `run` and `compare`: the pull-request comment, the shields badge, JUnit XML and
 * `--output-dir`, a folder of artifacts with stable names that a workflow uploads as it is.
 */
import { renderHtml } from '../report/html.js';
import path from 'node:path';
import { CycleBenchError } from '../errors.js';
import type { GateReport } from '../compare/gate.js';
import type { RunResult } from '../result/types.js';
import type { CommandIO } from '../report/io.js';
import { writeTo } from '../report/output.js';
import { renderBadge } from '../report/badge.js';
import { renderJunit } from '../report/junit.js';
import { prCommentMarker, renderPrComment } from '../report/pr-comment.js';
import { renderVerdictJson } from '../report/verdict.js';
import { serializeResult } from '../store/files.js';
import { didYouMean } from '../util/nearest.js';
import { str, type OptionTable, type Values } from './args.js';

/** The output flags `run` and `compare` share. */
export const OUTPUT_OPTIONS: OptionTable = {
  'pr-comment': { type: 'string' },
  'comment-id': { type: 'string' },
  badge: { type: 'string' },
  'badge-bench': { type: 'string' },
  junit: { type: 'string' },
  'output-dir': { type: 'string' },
};

/** Their usage lines. */
export const OUTPUT_USAGE = `CI outputs:
  --pr-comment FILE    markdown for a sticky pull-request comment (hidden marker; --comment-id ID keeps several apart)
  --badge FILE         shields.io endpoint JSON with the verdict (--badge-bench ID: that benchmark's median)
  --junit FILE         JUnit XML: a test case per benchmark, target and reference
  --output-dir DIR     all artifacts with stable names: benchmark-results.json, comparison.json and
                       comparison.md (with a base), baseline-metrics.json, junit.xml, badge.json, pr-comment.md`;

/** What the output flags asked for. */
export interface CiOutputs {
  prComment?: string;
  commentId?: string;
  badge?: string;
  badgeBench?: string;
  junit?: string;
  outputDir?: string;
}

/** Reads the output flags; refuses ones that would be ignored. `printsComment`: `--format pr-comment` uses --comment-id too. */
export function ciOutputs(values: Values, printsComment = false): CiOutputs {
  const o: CiOutputs = {
    prComment: str(values, 'pr-comment'),
    commentId: str(values, 'comment-id'),
    badge: str(values, 'badge'),
    badgeBench: str(values, 'badge-bench'),
    junit: str(values, 'junit'),
    outputDir: str(values, 'output-dir'),
  };
  for (const [flag, v] of [
    ['--pr-comment', o.prComment],
    ['--badge', o.badge],
    ['--junit', o.junit],
    ['--output-dir', o.outputDir],
  ] as const)
    if (v === '-')
      throw new CycleBenchError(
        'E_USAGE',
        `${flag} takes a file name, not '-'${flag === '--pr-comment' ? ' (`cyclebench compare BASE --format pr-comment` prints the comment)' : ''}.`,
      );
  if (o.commentId !== undefined) {
    if (!o.prComment && !o.outputDir && !printsComment)
      throw new CycleBenchError('E_USAGE', '--comment-id applies to a pull-request comment: add --pr-comment FILE or --output-dir DIR.');
    try {
      prCommentMarker(o.commentId);
    } catch (err) {
      throw new CycleBenchError('E_USAGE', `--comment-id: ${(err as Error).message}`);
    }
  }
  if (o.badgeBench !== undefined && !o.badge && !o.outputDir)
    throw new CycleBenchError('E_USAGE', '--badge-bench applies to a badge: add --badge FILE or --output-dir DIR.');
  return o;
}

/** Refuses a `--badge-bench` that names no benchmark, before anything is measured. */
export function checkBadgeBench(o: CiOutputs, ids: readonly string[]): void {
  if (o.badgeBench !== undefined && !ids.includes(o.badgeBench))
    throw new CycleBenchError(
      'E_USAGE',
      `--badge-bench '${o.badgeBench}' is not a benchmark id.${didYouMean(o.badgeBench, ids)} Benchmarks: ${ids.slice(0, 20).join(', ')}${ids.length > 20 ? ', ...' : ''}.`,
    );
}

/** What the artifacts are made of. */
export interface ArtifactSources {
  report: GateReport;
  /** The run judged (`run`'s result, `compare`'s CURRENT). */
  current: RunResult;
  /** The base it was compared with, if any. */
  base?: RunResult;
  /** The markdown report (results and verdict), as `--markdown` writes it. */
  markdown: string;
  outputs: CiOutputs;
}

/** The HTML report of the artifacts: the run and, when there was a base, the comparison. */
function htmlReport(s: ArtifactSources): string {
  return renderHtml({ run: s.current, verdict: s.report, targets: s.report.targets });
}

/** Writes the asked-for outputs. Returns the paths written (for the notes). */
export function writeCiOutputs(s: ArtifactSources, io: CommandIO): string[] {
  const { report, current, base, outputs: o } = s;
  const comment = () =>
    renderPrComment(report, { commentId: o.commentId, fullReport: o.outputDir ? 'comparison.md in the artifacts' : undefined });
  const badge = () => `${JSON.stringify(renderBadge(report, { run: current, bench: o.badgeBench }), null, 2)}\n`;
  const junit = () => renderJunit(report, current);
  const files: [string, () => string][] = [];
  if (o.prComment) files.push([o.prComment, comment]);
  if (o.badge) files.push([o.badge, badge]);
  if (o.junit) files.push([o.junit, junit]);
  if (o.outputDir) {
    const at = (name: string) => path.join(o.outputDir!, name);
    files.push([at('benchmark-results.json'), () => serializeResult(current)]);
    if (report.comparison) files.push([at('comparison.json'), () => renderVerdictJson(report)], [at('comparison.md'), () => s.markdown]);
    if (base) files.push([at('baseline-metrics.json'), () => serializeResult(base)]);
    files.push([at('junit.xml'), junit], [at('badge.json'), badge], [at('pr-comment.md'), comment]);
    files.push([at('report.html'), () => htmlReport(s)]);
  }
  return files.map(([file, render]) => writeTo(file, render(), io));
}
