// The target of bench/load/autocannon.ts, in its own process: GET /delay answers after 5 ms, GET /fast
// at once. Prints its port on stdout; exits when its parent disconnects.
import http from 'node:http';

const server = http.createServer((req, res) => {
  if (req.url === '/delay') setTimeout(() => res.end('ok'), 5);
  else res.end('ok');
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: server.address().port });
});
process.on('disconnect', () => process.exit(0));
