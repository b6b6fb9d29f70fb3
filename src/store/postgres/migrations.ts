/**
 * The database schema, as numbered migrations applied in order, each once, recorded in
 * `schema_migrations`. A migration is never edited after release: a change is a new one. They are
 * TypeScript strings rather than .sql files so the bundle carries them (dist/ has no other assets).
 */

/** One schema version. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'runs, benchmarks, statistics, samples, named results',
    sql: `
-- One row per run in history. line is the history line exactly as history.jsonl holds it (export
-- writes it back byte for byte); the columns beside it are what queries select by.
CREATE TABLE runs (
  id          bigserial PRIMARY KEY,
  finished_at timestamptz NOT NULL,
  commit      text,
  branch      text,
  dirty       boolean,
  tag         text,
  mode        text NOT NULL,
  machine     text NOT NULL,          -- machine class: environment.cpu.model
  node        text NOT NULL,
  environment json,                   -- the whole fingerprint, when the run came from a result file
  line        json NOT NULL,
  stored_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX runs_by_class ON runs (machine, branch, id);

CREATE TABLE benchmarks (
  id   serial PRIMARY KEY,
  name text NOT NULL UNIQUE
);

-- A benchmark's statistics in one run. machine and branch are copied from runs so that one index
-- answers "this benchmark on this machine class, latest runs of this branch first".
CREATE TABLE statistics (
  run_id       bigint  NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  benchmark_id integer NOT NULL REFERENCES benchmarks (id),
  machine      text    NOT NULL,
  branch       text,
  unit         text    NOT NULL,
  status       text    NOT NULL,
  n            integer NOT NULL,
  median double precision, lo double precision, hi double precision,
  mean double precision, p95 double precision, p99 double precision,
  min double precision, max double precision,
  wall_ms double precision,
  PRIMARY KEY (run_id, benchmark_id)
);
CREATE INDEX statistics_series ON statistics (benchmark_id, machine, branch, run_id DESC);

-- The raw per-iteration samples of a run's benchmark (absent for runs imported from history lines).
CREATE TABLE samples (
  run_id       bigint  NOT NULL,
  benchmark_id integer NOT NULL,
  samples      double precision[] NOT NULL,
  iterations   double precision[],
  PRIMARY KEY (run_id, benchmark_id),
  FOREIGN KEY (run_id, benchmark_id) REFERENCES statistics (run_id, benchmark_id) ON DELETE CASCADE
);

-- Baselines and tags: whole result files. Names differing only in case are refused, as in files.
CREATE TABLE named (
  kind     text NOT NULL CHECK (kind IN ('baseline', 'tag')),
  name     text NOT NULL,
  result   json NOT NULL,
  saved_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, name)
);
CREATE UNIQUE INDEX named_case ON named (kind, lower(name));
`,
  },
];

/** The newest schema version this cyclebench knows. */
export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
