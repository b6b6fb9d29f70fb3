/** `cyclebench compare BASE [CURRENT]`: judges two stored results with the regression policy. */
import { CycleBenchError } from '../../errors.js';
import { loadPolicy } from '../../config.js';
import { evaluateRun } from '../../compare/gate.js';
import { checkPolicyMatches } from '../../compare/policy.js';
import { EXIT, EXIT_HELP } from '../../compare/exit.js';
import { resolveStoredRef } from '../../store/refs.js';
import type { CommandIO } from '../../report/io.js';
import { oneOf, parseCommand, str } from '../args.js';
import { emitVerdict, POLICY_OPTIONS, policyFlags, refLabel } from '../run-gate.js';
import { checkBadgeBench, ciOutputs, OUTPUT_OPTIONS, OUTPUT_USAGE } from '../outputs.js';
import { STORE_OPTION, STORE_USAGE, withStore } from '../store-option.js';

const USAGE = `Usage: cyclebench compare BASE [CURRENT] [options]

BASE and CURRENT are each a result file, a tag (cyclebench run --tag T), a baseline name, or
'last' (the latest run). CURRENT defaults to 'last'. Stored results cannot be re-measured, so
there are no confirmation re-runs here (run --baseline confirms in fresh processes).

Options:
  --noise F          noise band, relative (0.05 = ±5%)         --alpha A        significance level
  --correction holm|bh|none                                    --target "ID: p95 < 100ms" (repeatable)
  --allow-removed    accept benchmarks of BASE that CURRENT does not have
  --config FILE      config file (default cyclebench.config.*)
  --json FILE|-      write the verdict as JSON                 --markdown FILE  write GitHub markdown
  --format console|markdown|json|pr-comment   what to print on stdout (default console)
${STORE_USAGE}
${OUTPUT_USAGE}
${EXIT_HELP}
`;

/** `cyclebench compare BASE [CURRENT]`. Returns the exit code. */
export async function compareCommand(argv: string[], io: CommandIO): Promise<number> {
  if (argv.some((a) => a === '--confirm' || a.startsWith('--confirm=')))
    throw new CycleBenchError(
      'E_USAGE',
      '--confirm does not apply to compare: stored results cannot be re-measured. Confirmation re-runs happen in `cyclebench run --baseline REF`.',
    );
  const { values, positionals, help } = parseCommand('compare', argv, {
    ...POLICY_OPTIONS,
    json: { type: 'string' },
    markdown: { type: 'string' },
    format: { type: 'string' },
    ...STORE_OPTION,
    ...OUTPUT_OPTIONS,
  });
  if (help) {
    io.stdout.write(USAGE);
    return EXIT.OK;
  }
  if (positionals.length < 1 || positionals.length > 2)
    throw new CycleBenchError('E_USAGE', `expected BASE [CURRENT], got ${positionals.length} argument(s).\n${USAGE}`);
  const format = oneOf(str(values, 'format'), ['console', 'markdown', 'json', 'pr-comment'] as const, '--format');
  const outputs = ciOutputs(values, format === 'pr-comment');
  const { policy, configFile, config } = await loadPolicy(io.cwd, policyFlags(values));
  const [base, current] = await withStore(values, io, { config, file: configFile }, async (store) => [
    await resolveStoredRef(store, io.cwd, positionals[0]),
    await resolveStoredRef(store, io.cwd, positionals[1] ?? 'last'),
  ]);
  checkPolicyMatches(policy, [...new Set([...base.run.benchmarks, ...current.run.benchmarks].map((b) => b.id))], configFile);
  checkBadgeBench(
    outputs,
    current.run.benchmarks.map((b) => b.id),
  );
  const report = await evaluateRun(current.run, policy, { base: base.run, baseLabel: refLabel(base), currentLabel: refLabel(current) });
  const ci = { report, current: current.run, base: base.run, outputs };
  emitVerdict(report, { json: str(values, 'json'), markdown: str(values, 'markdown'), format, ci }, io);
  return report.exitCode;
}
