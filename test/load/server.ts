/**
 * A real HTTP server for load tests, on 127.0.0.1 and a free port, with endpoints of known behaviour:
 * `/delay` answers after 5 ms; `/flaky` answers 500 to every 10th request (deterministically);
 * `/stall` answers after 5 ms, except that once STALL_AFTER requests have arrived it holds every
 * answer until STALL_MS after that moment. And a small keep-alive client that rejects non-2xx.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const DELAY_MS = 5;

export interface TestServer {
  url: string;
  /** Requests received per path. */
  count: Record<string, number>;
  close(): Promise<void>;
}

export async function startServer(o: { stallAfter?: number; stallMs?: number } = {}): Promise<TestServer> {
  const count: Record<string, number> = {};
  let stallUntil = 0;
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const n = (count[path] = (count[path] ?? 0) + 1);
    if (path === '/stall' && n === (o.stallAfter ?? 50)) stallUntil = Date.now() + (o.stallMs ?? 400);
    const wait = Math.max(DELAY_MS, path === '/stall' ? stallUntil - Date.now() : 0);
    setTimeout(() => {
      res.statusCode = path === '/flaky' && n % 10 === 0 ? 500 : 200;
      res.end('ok');
    }, wait);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    count,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const agent = new http.Agent({ keepAlive: true });

/** GET url; resolves on 2xx, rejects with "HTTP <status>" otherwise. */
export function get(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode! < 300 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
      })
      .on('error', reject);
  });
}

/** Closes the client's idle keep-alive sockets. */
export function closeClient(): void {
  agent.destroy();
}
