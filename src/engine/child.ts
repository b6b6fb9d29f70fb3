/**
 * Entry of an isolated worker thread or child process: imports the benchmark file with collection
 * deferred, finds the requested top-level task by name, runs it here and sends the outcome back.
 */
import { parentPort, workerData, isMainThread } from 'node:worker_threads';
import { bestClock, measureClock } from '../clock/index.js';
import { loadBenchFile } from './load-file.js';
import { defaultSuite, setCollectOnly } from './registry.js';
import { GcWatch } from './gcwatch.js';
import { openRunCounters } from './counters.js';
import { runTaskHere, type RunContext } from './run.js';
import type { ChildMessage, ChildRequest } from './isolate.js';

async function serve(request: ChildRequest, send: (m: ChildMessage) => void): Promise<void> {
  try {
    setCollectOnly(true);
    await loadBenchFile(request.file);
    const task = defaultSuite().tasks.find((t) => (t.kind === 'bench' ? t.bench.name : t.group.name) === request.name && t.kind === request.kind);
    if (!task) throw new Error(`no ${request.kind} named '${request.name}' in ${request.file}`);
    const clock = bestClock();
    const ctx: RunContext = {
      options: request.options,
      clock,
      resolutionNs: measureClock(clock).resolutionNs,
      gc: new GcWatch(),
      progress: (event) => send({ type: 'progress', event }),
      index: request.index,
      total: request.total,
      counters: openRunCounters(request.options),
    };
    const outcome = await runTaskHere(task, ctx);
    ctx.gc.stop();
    ctx.counters?.close();
    send({ type: 'result', outcome });
  } catch (err) {
    send({ type: 'error', message: (err as Error).message ?? String(err), stack: (err as Error).stack });
  }
}

if (process.argv[2] === '--instructions') {
  // Under callgrind (instruction-count mode): the request, in the environment, names the files.
  import('./instructions.js')
    .then((m) => m.serveInstructions())
    .catch((err) => {
      console.error(err?.stack ?? err);
      process.exitCode = 1;
    });
} else if (!isMainThread && parentPort) {
  const port = parentPort;
  void serve(workerData as ChildRequest, (m) => port.postMessage(m));
} else if (process.send) {
  process.once('message', (request) => {
    void serve(request as ChildRequest, (m) => process.send!(m)).then(() => process.disconnect());
  });
}
