// The part of autocannon's API that bench/load/autocannon.ts uses (the package ships no types).
declare module 'autocannon' {
  interface Histogram {
    p50: number;
    p90: number;
    p99: number;
    average: number;
    total: number;
  }
  interface Result {
    latency: Histogram;
    requests: Histogram;
    duration: number;
    errors: number;
    non2xx: number;
  }
  export default function autocannon(options: { url: string; connections?: number; amount?: number; duration?: number }): Promise<Result>;
}
