// Minimal types for benchmark.js 2.x (no @types package is installed): only what runners.ts uses.
declare module 'benchmark' {
  namespace Benchmark {
    interface Stats {
      /** Mean time per operation, in seconds. */
      mean: number;
      /** Per-cycle mean times, in seconds. */
      sample: number[];
      /** Relative margin of error, in percent. */
      rme: number;
    }
    interface Target {
      name: string;
      stats: Stats;
      hz: number;
      error?: unknown;
    }
    class Suite {
      constructor(name?: string);
      add(name: string, fn: () => unknown): this;
      on(event: string, listener: (event: { target: Target }) => void): this;
      run(options?: { async?: boolean }): this;
    }
  }
  const Benchmark: { Suite: typeof Benchmark.Suite };
  export default Benchmark;
}
