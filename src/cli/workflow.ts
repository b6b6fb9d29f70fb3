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
}

/** Artifact, folder and comment id per job. */
const JOBS = { bench: { artifact: 'cyclebench-results', commentId: '' }, 'bench-gpu': { artifact: 'cyclebench-gpu-results', commentId: 'gpu' } };

function benchJob(id: keyof typeof JOBS, name: string, runsOn: string, o: WorkflowOptions): string {
  const { artifact, commentId } = JOBS[id];
  return `  ${id}:
    name: ${name}
    runs-on: ${runsOn}
    timeout-minutes: 60
    steps:
      # The merge commit of this pull request into its target branch; its first parent is the base.
      - uses: actions/checkout@v4
        with:
          fetch-depth: 2
      - uses: actions/setup-node@v4
        with:
          node-version: ${o.node}
      - name: Measure the base (\${{ github.base_ref }})
        # Without a base (it cannot install, or has no cyclebench yet) the comment says so; nothing fails here.
        continue-on-error: true
        run: |
          git worktree add --detach "$RUNNER_TEMP/base" HEAD^1
          cd "$RUNNER_TEMP/base"
          npm ci
          if npx --no-install cyclebench --version > /dev/null 2>&1; then
            # A benchmark that errors on the base still leaves the others to compare with.
            npx --no-install cyclebench run --no-save --json "$RUNNER_TEMP/base.json" || echo "::warning::the base run exited $?; comparing with what it measured"
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
          npx --no-install cyclebench run --no-save "\${base[@]}" --output-dir ${artifact}${commentId ? ` --comment-id ${commentId}` : ''}
          echo "exit-code=$?" >> "$GITHUB_OUTPUT"
      - name: Upload the results
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
  const needs = gpu ? '[bench, bench-gpu]' : 'bench';
  return `# cyclebench on pull requests, written by \`cyclebench init ci\` (see docs/ci.md of cyclebench).
# Measures the target branch and then this pull request on the same runner, compares them, posts one
# sticky comment (updated on every push), uploads the artifacts, writes the step summary, and fails
# the check on a regression (or a missed target, a lost reference, an errored benchmark).
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
${benchJob('bench', 'benchmarks', 'ubuntu-latest', o)}${
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
${UPSERT_SCRIPT.split('\n').map((l) => `            ${l}`).join('\n')}
`;
}
