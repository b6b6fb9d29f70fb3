/** `cyclebench init ci`: writes a GitHub Actions workflow that gates pull requests on cyclebench. */
import fs from 'node:fs';
import path from 'node:path';
import { CycleBenchError } from '../../errors.js';
import { EXIT } from '../../compare/exit.js';
import type { CommandIO } from '../../report/io.js';
import { writeTo } from '../../report/output.js';
import { parseCommand, str } from '../args.js';
import { ciWorkflow } from '../workflow.js';

/** Where the workflow goes, relative to the working directory. */
export const WORKFLOW_FILE = '.github/workflows/cyclebench.yml';

const USAGE = `Usage: cyclebench init ci [--force] [--gpu-runner LABEL[,LABEL]] [--node VERSION] [--shards N]

Writes ${WORKFLOW_FILE}: on each pull request it measures the target branch and then the pull
request on the same runner, compares them, posts or updates one sticky comment, uploads the
artifacts, writes the step summary and fails on a regression. An existing file is kept unless
--force. --gpu-runner adds a job on a runner with a GPU (its own comment); --node sets the Node
version (default 20). --shards N (2-64) splits the suite over N matrix jobs (run --shard K/N, each
measuring its share of the base and then of the pull request on one runner); a later job merges
them (cyclebench merge) and compares. See docs/ci.md and docs/scale-out.md.
`;

/** `cyclebench init ci`. Returns 0; errors throw and the CLI prints them. */
export async function initCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals, help } = parseCommand('init', argv, {
    force: { type: 'boolean' },
    'gpu-runner': { type: 'string' },
    node: { type: 'string' },
    shards: { type: 'string' },
  });
  if (help) {
    io.stdout.write(USAGE);
    return EXIT.OK;
  }
  if (positionals.length !== 1 || positionals[0] !== 'ci')
    throw new CycleBenchError(
      'E_USAGE',
      `expected 'init ci'${positionals.length ? `, got 'init ${positionals.join(' ')}'` : ''}.\n${USAGE}`,
    );
  const runner = str(values, 'gpu-runner');
  const labels = runner?.split(',').map((l) => l.trim());
  // Labels are written into YAML unquoted: keep them to what runner labels are made of.
  if (labels?.some((l) => !/^[A-Za-z0-9._-]+$/.test(l)))
    throw new CycleBenchError(
      'E_USAGE',
      `--gpu-runner takes runner labels (letters, digits, '.', '_', '-'), comma-separated; got '${runner}'.`,
    );
  const node = str(values, 'node') ?? '20';
  if (!/^\d+(\.\d+){0,2}$/.test(node)) throw new CycleBenchError('E_USAGE', `--node takes a version such as 20 or 22.4; got '${node}'.`);
  const shardText = str(values, 'shards');
  const shards = shardText === undefined ? undefined : Number(shardText);
  // One job is the unsharded workflow; more than 64 would be a matrix nobody wants to wait on.
  if (shards !== undefined && !(Number.isInteger(shards) && shards >= 2 && shards <= 64))
    throw new CycleBenchError('E_USAGE', `--shards takes a whole number from 2 to 64, got '${shardText}'.`);
  const file = path.resolve(io.cwd, WORKFLOW_FILE);
  if (fs.existsSync(file) && !values.force)
    throw new CycleBenchError('E_USAGE', `${WORKFLOW_FILE} already exists; it was not changed. Pass --force to replace it.`);
  writeTo(file, ciWorkflow({ node, gpuRunner: labels, shards }), io);
  const extras = [shards ? `${shards} shards merged before comparing` : '', labels ? `a GPU job on ${labels.join(', ')}` : ''].filter(
    Boolean,
  );
  io.stdout.write(
    `wrote ${WORKFLOW_FILE}${extras.length ? ` (with ${extras.join(', ')})` : ''}; commit it, and see docs/ci.md for what it does.\n`,
  );
  return EXIT.OK;
}
