/**
 * Entry of an isolated worker thread or child process: imports the benchmark file with collection
 * deferred, finds the requested top-level task by name, runs it here from the requested point and
 * sends each point's outcome back as it completes. The parent kills it after `end`.
 */
import { parentPort, workerData, isMainThread } from 'node:worker_threads';
import { loadBenchFile } from './load-file.js';
import { defaultSuite, setCollectOnly } from './registry.js';
import { environment } from './environment.js';
import { closeRunContext, createRunContext, filterTask, runTaskHere } from './run-task.js';
import type { ChildMessage, ChildRequest } from './defs.js';
import { profiled, profileFile } from './profile.js';
import { preferTopTier } from '../util/v8-flags.js';

async function serve(request: ChildRequest, send: (m: ChildMessage) => void): Promise<void> {
  try {
    preferTopTier(); // as the parent's engine does, before the benchmark file runs any code
    setCollectOnly(true);
    await loadBenchFile(request.file);
    const found = defaultSuite().tasks.find(
      (t) => (t.kind === 'bench' ? t.bench.name : t.group.name) === request.name && t.kind === request.kind,
    );
    if (!found) throw new Error(`no ${request.kind} named '${request.name}' in ${request.file}`);
    // Filtered as the parent filtered it, so a group runs only the contenders the parent expects.
    const task = filterTask(found, request.options.filter);
    if (!task) throw new Error(`${request.kind} '${request.name}' has nothing matching the filter ${request.options.filter}`);
    const ctx = createRunContext(request.options, {
      index: request.index,
      total: request.total,
      resolutionNs: environment().clock.resolutionNs,
      progress: (event) => send({ type: 'progress', event }),
    });
    ctx.running = (ids) => send({ type: 'running', ids });
    try {
      // Under --profile the child profiles itself: it is where the benchmark runs.
      const file = request.options.profileDir ? profileFile(request.options.profileDir, request.name) : undefined;
      await profiled(file, () => runTaskHere(task, ctx, request.resume, (point, outcome) => send({ type: 'point', point, outcome })));
    } finally {
      closeRunContext(ctx);
    }
    send({ type: 'end' });
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
