// Example load test: a local HTTP server with a 5 ms endpoint, called by 5 concurrent users (closed
// model) and at a fixed 200 requests per second (open model). `npx cyclebench run` runs it with the
// other examples; `npx cyclebench load bench/examples/local-server.bench.ts --concurrency 20` once.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { load } from '../../src/index.js';

let server: http.Server | undefined;
let url = '';

async function start(): Promise<void> {
  server = http.createServer((req, res) => {
    setTimeout(() => res.end('{"hits":[]}'), 5); // an endpoint of known latency: 5 ms
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server!.address() as AddressInfo).port}/search?q=x`;
}

async function stop(): Promise<void> {
  await new Promise((resolve) => server?.close(resolve));
}

async function search(): Promise<void> {
  const res = await fetch(url);
  await res.text();
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
}

// "5 users x 200 requests": p95 and p99 at five concurrent callers.
load('search 5 users', search, { concurrency: 5, requests: 1000, duration: '10s', warmup: 50, before: start, after: stop });

// A fixed arrival rate: latency from each request's scheduled start, so a stall cannot hide.
load('search 200 rps', search, { rate: 200, concurrency: 50, requests: 1000, duration: '10s', warmup: 50, before: start, after: stop });
