/**
 * The GitHub Actions workflow `cyclebench init ci` writes. Written as text, not generated from an
 * object, so the file a user reads and edits keeps its comments; test/cli/init.test.ts parses it.
 *
 * The base is measured in the same job, on the same runner, just before the pull request: the first
 * parent of the merge commit that actions/checkout makes, in a `git worktree`. A baseline file from the
 * main branch's last run would come from another machine (hosted runners differ in CPU model and load)
 * and another day, which is the noise the gate is there to tell apart from a change.
 */

/** Options of {@link ciWorkflow}. */
export interface WorkflowOptions {
  /** Node version for actions/setup-node. */
  node: string;
  /** Runner label(s) for an extra job that runs the suite where a GPU is, with its own sticky comment. */
  gpuRunner?: string[];
  /** Split the suite over this many jobs of a matrix (`run --shard K/N`), merged by a later job that compares. */
  shards?: number;
}

/**
 * Both sides of the gate are measured over 5 fresh processes each and compared over processes: on a
 * quiet 2-core VM, single-process runs false-alarmed in 7 of 20 A/A pairs (benchmarks with two levels
 * across processes), 5 processes in 1 of 20, and found a 5% slowdown in 20 of 20, at about 5x the
 * time (docs/precision.md). The GPU job keeps one process: not measured on a GPU yet.
 */
const GATE_PROCESSES = '--processes 5 ';

/** Artifact, folder, comment id and process flag per job. */
const JOBS = {
  bench: { artifact: 'cyclebench-results', commentId: '', processes: GATE_PROCESSES },
  'bench-gpu': { artifact: 'cyclebench-gpu-results', commentId: 'gpu', processes: '' },
};

function benchJob(id: keyof typeof JOBS, name: string, runsOn: string, o: WorkflowOptions): string {
  const { artifact, commentId, processes } = JOBS[id];
  return `  ${id}:
    name: ${name}
    runs-on: ${runsOn}
    timeout-minutes: 60
    steps:
${setupSteps(o)}      - name: Measure the base (\${{ github.base_ref }})
        # Without a base (it cannot install, or has no cyclebench yet) the comment says so; nothing fails here.
        continue-on-error: true
        run: |
          git worktree add --detach "$RUNNER_TEMP/base" HEAD^1
          cd "$RUNNER_TEMP/base"
          npm ci
          if npx --no-install cyclebench --version > /dev/null 2>&1; then
            # A benchmark that errors on the base still leaves the others to compare with.
            npx --no-install cyclebench run ${processes}--no-save --json "$RUNNER_TEMP/base.json" || echo "::warning::the base run exited $?; comparing with what it measured"
          else
            echo "::notice::the base has no cyclebench yet: nothing to compare with this time"
          fi
      - name: Install
        run: npm ci
      - name: Measure this pull request and compare
        id: gate
        run: |
          set +e
          base=()
          if [ -f "$RUNNER_TEMP/base.json" ]; then base=(--baseline "$RUNNER_TEMP/base.json"); fi
          # Writes the step summary itself ($GITHUB_STEP_SUMMARY), and every artifact into ${artifact}/.
          npx --no-install cyclebench run ${processes}--no-save "\${base[@]}" --output-dir ${artifact}${commentId ? ` --comment-id ${commentId}` : ''}
          echo "exit-code=$?" >> "$GITHUB_OUTPUT"
${gateSteps(artifact)}`;
}

/** The steps every job that runs cyclebench starts with: the merge commit and Node. */
function setupSteps(o: WorkflowOptions): string {
  return `      # The merge commit of this pull request into its target branch; its first parent is the base.
      - uses: actions/checkout@v4
        with:
          fetch-depth: 2
      - uses: actions/setup-node@v4
        with:
          node-version: ${o.node}
`;
}

/**
 * The sharded jobs: each matrix job measures its shard of the pull request and then the same
 * benchmarks of the base (`--ids-from`) on the same runner, so each benchmark's two runs share a
 * machine even where the base's own plan would differ (another suite, other durations), and uploads
 * both; the merge job joins each side's shards and compares them once. Runners of a matrix may
 * differ in CPU model, so the merge allows mixed environments and each benchmark records its own.
 */
function shardJobs(n: number, o: WorkflowOptions): string {
  const { artifact } = JOBS.bench;
  return `  bench:
    name: benchmarks (shard \${{ matrix.shard }} of ${n})
    runs-on: ubuntu-latest
    timeout-minutes: 60
    strategy:
      fail-fast: false
      matrix:
        shard: [${Array.from({ length: n }, (_, i) => i + 1).join(', ')}]
    steps:
${setupSteps(o)}      - name: Install
        run: npm ci
      - name: Measure this pull request's shard
        # The verdict is the merge job's; a benchmark that errors is in the file and judged there.
        run: |
          mkdir -p shard
          npx --no-install cyclebench run --shard \${{ matrix.shard }}/${n} ${GATE_PROCESSES}--no-save --json shard/head.json || echo "::warning::this shard exited $?"
      - name: Measure the same benchmarks of the base (\${{ github.base_ref }})
        # Without a base (it cannot install, or has no cyclebench yet) the merge job says so; nothing fails here.
        continue-on-error: true
        run: |
          git worktree add --detach "$RUNNER_TEMP/base" HEAD^1
          cd "$RUNNER_TEMP/base"
          npm ci
          if npx --no-install cyclebench --version > /dev/null 2>&1; then
            npx --no-install cyclebench run --ids-from "$GITHUB_WORKSPACE/shard/head.json" ${GATE_PROCESSES}--no-save --json "$GITHUB_WORKSPACE/shard/base.json" || echo "::warning::the base run exited $?; comparing with what it measured"
          else
            echo "::notice::the base has no cyclebench yet: nothing to compare with this time"
          fi
      - name: Upload the shard
        if: \${{ !cancelled() }}
        uses: actions/upload-artifact@v4
        with:
          name: shard-\${{ matrix.shard }}-of-${n}
          path: shard/
          if-no-files-found: error

  merge:
    name: merge the shards and compare
    needs: bench
    if: \${{ !cancelled() }}
    runs-on: ubuntu-latest
    steps:
${setupSteps(o)}      - name: Install
        run: npm ci
      - uses: actions/download-artifact@v4
        with:
          pattern: shard-*-of-${n}
          path: shards
      - name: Merge and compare
        id: gate
        run: |
          set +e
          # Refuses a missing or doubled shard, or shards planned differently.
          npx --no-install cyclebench merge shards/*/head.json --allow-mixed -o head.json
          code=$?
          if [ "$code" = 0 ] && npx --no-install cyclebench merge shards/*/base.json --allow-mixed -o base.json 2> base-merge.log; then
            # Writes the step summary itself ($GITHUB_STEP_SUMMARY), and every artifact into ${artifact}/.
            npx --no-install cyclebench compare base.json head.json --output-dir ${artifact}
            code=$?
          elif [ "$code" = 0 ]; then
            echo "::notice::no complete base to compare with: $(tail -n 1 base-merge.log)"
            mkdir -p ${artifact} && cp head.json ${artifact}/benchmark-results.json
            npx --no-install cyclebench report head.json --format markdown >> "$GITHUB_STEP_SUMMARY"
          fi
          echo "exit-code=$code" >> "$GITHUB_OUTPUT"
${gateSteps(artifact)}`;
}

/** Finds this workflow's comment by the marker on its first line and updates it, or creates it. */
const UPSERT_SCRIPT = `const fs = require('node:fs');
const path = require('node:path');
const { owner, repo } = context.repo;
const issue_number = context.issue.number;
for (const dir of fs.existsSync('cyclebench') ? fs.readdirSync('cyclebench') : []) {
  const file = path.join('cyclebench', dir, 'pr-comment.md');
  if (!fs.existsSync(file)) continue;
  const body = fs.readFileSync(file, 'utf8');
  const marker = body.split('\\n', 1)[0];
  if (!marker.startsWith('<!-- cyclebench:pr-comment')) throw new Error(\`\${file} does not start with the cyclebench marker\`);
  const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number, per_page: 100 });
  const mine = comments.find((c) => c.user?.type === 'Bot' && (c.body ?? '').split('\\n', 1)[0] === marker);
  if (mine) await github.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });
  else await github.rest.issues.createComment({ owner, repo, issue_number, body });
}`;

/** The workflow file's text. */
export function ciWorkflow(o: WorkflowOptions): string {
  const gpu = o.gpuRunner?.length ? (o.gpuRunner.length === 1 ? o.gpuRunner[0] : `[${o.gpuRunner.join(', ')}]`) : null;
  const sharded = (o.shards ?? 1) > 1;
  const first = sharded ? 'merge' : 'bench';
  const needs = gpu ? `[${first}, bench-gpu]` : first;
  return `# cyclebench on pull requests, written by \`cyclebench init ci\` (see docs/ci.md of cyclebench).
# Measures the target branch and then this pull request on the same runner, compares them, posts one
# sticky comment (updated on every push), uploads the artifacts, writes the step summary, and fails
# the check on a regression (or a missed target, a lost reference, an errored benchmark).${
    sharded
      ? `
# Sharded: ${o.shards} matrix jobs each measure a share of the suite (this pull request, then the same
# benchmarks of the target branch, on one runner); the merge job joins the shards and compares.`
      : ''
  }
name: cyclebench

on:
  pull_request:

# Read-only by default; only the comment job may write, and it runs no code from the pull request.
permissions:
  contents: read

concurrency:
  group: cyclebench-\${{ github.event.pull_request.number }}
  cancel-in-progress: true

jobs:
${sharded ? shardJobs(o.shards!, o) : benchJob('bench', 'benchmarks', 'ubuntu-latest', o)}${
    gpu
      ? `
  # GPU benchmarks measure here; on the other runner they are skipped with the reason, not failed.
${benchJob('bench-gpu', 'benchmarks (GPU)', gpu, o)}`
      : ''
  }
  comment:
    name: pull-request comment
    needs: ${needs}
    # After a failing gate too. A pull request from a fork gets a read-only token: no comment there.
    if: \${{ !cancelled() && github.event.pull_request.head.repo.full_name == github.repository }}
    runs-on: ubuntu-latest
    permissions:
      pull-requests: write
    steps:
      - uses: actions/download-artifact@v4
        with:
          pattern: cyclebench-*
          path: cyclebench
      - name: Post or update the sticky comment
        uses: actions/github-script@v7
        with:
          script: |
${UPSERT_SCRIPT.split('\n')
  .map((l) => `            ${l}`)
  .join('\n')}
`;
}

/** The last steps of every gate job: upload the artifacts, then fail with the gate's exit code. */
function gateSteps(artifact: string): string {
  return `      - name: Upload the results
        if: \${{ !cancelled() }}
        uses: actions/upload-artifact@v4
        with:
          name: ${artifact}
          path: ${artifact}/
          if-no-files-found: warn
      - name: Fail on regressions
        if: steps.gate.outputs.exit-code != '0'
        run: |
          echo "::error::cyclebench exited \${{ steps.gate.outputs.exit-code }} (1 regression, 2 reference lost, 3 target missed, 4 usage error, 5 benchmark errored, 6 internal error)"
          exit \${{ steps.gate.outputs.exit-code }}
`;
}
