/** The sticky pull-request comment, rendered by a real GFM parser (marked) where markup matters. */
import { describe, expect, it } from 'vitest';
import { marked } from 'marked';
import { DEFAULT_POLICY, evaluateRun, parseTarget } from '../../src/compare/index.js';
import { COMMENT_LIMIT, prCommentMarker, renderPrComment, verdictLine } from '../../src/report/pr-comment.js';
import { bench, erroredBench, makeRun, runOf, samples } from '../compare/fixtures.js';

const policy = { ...DEFAULT_POLICY, targets: [parseTarget('db/query', 'p95 < 1ns', 't'), parseTarget('parse', 'median < 1s', 't')] };

describe('the comment', async () => {
  const base = makeRun(1);
  const cur = makeRun(2, { slow: { parse: 1.2, 'db/insert': 1.15, 'json/stringify': 0.7 } });
  cur.benchmarks.push(erroredBench('broken', 'kaboom'));
  // Only parse reproduces in the fresh re-runs; db/insert is dismissed.
  const rerun = async (ids: string[]) => makeRun(3, { slow: { parse: 1.2 }, only: ids });
  const report = await evaluateRun(cur, policy, { base, baseLabel: 'tag main', currentLabel: 'this run', rerun });
  const text = renderPrComment(report);

  it('starts with the hidden marker, then the one-line verdict', () => {
    const [marker, title] = text.split('\n');
    expect(marker).toBe('<!-- cyclebench:pr-comment -->');
    expect(title).toBe(
      '### ❌ cyclebench: 1 regression, 1 improvement, 2 unchanged, 1 inconclusive, 1 added, 1 errored, 1 of 2 targets missed',
    );
  });

  it('lists regressions first, then improvements, targets, errors and the re-runs; the rest folded', () => {
    const order = ['**Regressions (1)**', '**Improvements (1)**', '**Targets**', '**Errored (1)**', '**Confirmation**', '<details>'].map(
      (h) => text.indexOf(h),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const regressions = text.slice(order[0], order[1]);
    expect(regressions).toMatch(/\| `parse` \| 12\.0 µs \| 14\.\d µs \| \+\d+\.\d% \| .* \| 2\/2 re-runs \|/);
    expect(regressions).toContain('`cyclebench run --filter parse --profile`');
    expect(text.slice(order[1], order[2])).toMatch(/\| `json\/stringify` \| 8\d\d ns \| 5\d\d ns \| -\d+\.\d% \|/);
    expect(text).toMatch(/confirmed `parse`, dismissed `db\/insert`/);
    expect(text).toMatch(/- `db\/insert`: re-run 1: [-+]\d+\.\d%, CI .*, not reproduced/);
    const folded = text.slice(order[5]);
    const summary = /<summary>(.*)<\/summary>/.exec(folded)![1].split(', ').sort();
    expect(summary).toEqual(['1 added', '1 inconclusive', '2 unchanged']);
    for (const id of ['db/insert', 'db/query', 'math/sum[n=1000]', 'broken']) expect(folded).toContain(`\`${id}\``);
    expect(folded).not.toContain('`parse`');
    expect(text).toContain('- `broken`: Error: kaboom');
    expect(text).not.toMatch(/NaN|undefined/);
  });

  it('a comment id gives its own marker; anything else is refused', () => {
    expect(renderPrComment(report, { commentId: 'gpu' }).split('\n')[0]).toBe('<!-- cyclebench:pr-comment:gpu -->');
    expect(() => prCommentMarker('a -->')).toThrow(/letters, digits/);
  });

  it('without a base it says so and still shows targets', () => {
    const r = renderPrComment(evaluateRunSync);
    expect(r.split('\n')[1]).toBe('### ❌ cyclebench: no base to compare with, 1 errored, 1 of 2 targets missed');
  });
  const evaluateRunSync = await evaluateRun(cur, policy);

  it('an OK verdict gets a check mark and the three counts', async () => {
    const ok = await evaluateRun(makeRun(2), DEFAULT_POLICY, { base });
    expect(verdictLine(ok)).toBe('0 regressions, 0 improvements, 5 unchanged');
    expect(renderPrComment(ok).split('\n')[1]).toMatch(/^### ✅ /);
  });
});

describe('benchmark names are escaped for markdown', async () => {
  const hostile = [
    'pipe|in|name',
    'tick`s and ``double``',
    '<img src=x onerror=alert(1)>',
    '*star* _under_ [link](http://evil.example)',
    '<!-- hidden --> # heading',
    'trailing\\',
  ];
  const base = runOf(hostile.map((id, i) => bench(id, samples(1000, 60, i + 1))));
  const cur = runOf(hostile.map((id, i) => bench(id, samples(i === 0 ? 1300 : 1000, 60, i + 11))));
  cur.benchmarks.push(erroredBench('<b>err</b>', 'message with <script>alert(1)</script> and | pipe and \u001b[31mcolour\u001b[0m'));
  const report = await evaluateRun(cur, DEFAULT_POLICY, { base });
  const html = marked.parse(renderPrComment(report), { async: false, gfm: true }) as string;

  it('each name is one code element with its text intact: no HTML, emphasis or link comes out of it', () => {
    const decode = (s: string) =>
      s
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
    const codes = [...html.matchAll(/<code>([^]*?)<\/code>/g)].map((m) => decode(m[1]));
    for (const id of hostile) expect(codes, id).toContain(id);
    expect(html).not.toMatch(/<img|<script|<a |<em>|<h1>|<b>/);
  });

  it('every table row has as many cells as its header (pipes in names do not split them)', () => {
    for (const t of html.match(/<table>[^]*?<\/table>/g)!) {
      const head = (t.match(/<th[ >]/g) ?? []).length;
      for (const row of t.match(/<tr>[^]*?<\/tr>/g)!.slice(1)) expect((row.match(/<td[ >]/g) ?? []).length).toBe(head);
    }
  });

  it('error messages lose their colour codes and stay text', () => {
    expect(html).toContain('message with &lt;script&gt;alert(1)&lt;/script&gt; and | pipe and colour');
    expect(html).not.toMatch(/\u001b/);
  });
});

describe('size', () => {
  it('a large suite stays under the comment limit, saying how many rows were left out and where they are', async () => {
    const ids = Array.from({ length: 600 }, (_, i) => `suite/${'a-rather-long-benchmark-name-'.repeat(3)}number-${i}[size=${i * 17}]`);
    const base = runOf(ids.map((id, i) => bench(id, samples(1000, 12, i + 1))));
    const cur = runOf(ids.map((id, i) => bench(id, samples(1000, 12, i + 5001))));
    const text = renderPrComment(await evaluateRun(cur, DEFAULT_POLICY, { base }), { fullReport: 'comparison.md in the artifacts' });
    expect(text.length).toBeLessThan(COMMENT_LIMIT);
    const left = Number(/_(\d+) more rows left out to fit a comment: see comparison\.md in the artifacts\._/.exec(text)?.[1]);
    const shown = (text.match(/^\| `suite\//gm) ?? []).length;
    expect(left).toBeGreaterThan(0);
    expect(shown + left).toBe(600);
    expect(text.trimEnd().endsWith('</details>')).toBe(true);
  });
});
