/**
 * Entry of a load worker thread or child process (`isolate: 'worker' | 'process'`): imports the
 * benchmark file with running deferred, finds the load test by name, runs its `before` hook, says
 * ready, waits for the start signal, drives its share, and sends back what it measured.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { loadBenchFile } from '../engine/load-file.js';
import { defaultSuite, setCollectOnly } from '../engine/registry.js';
import { ResourceSampler } from '../resources/sampler.js';
import { driveShare } from './drive.js';
import { encodeHistogram } from './histogram.js';
import { callFor } from './run-load.js';
import type { LoadWorkerMessage, LoadWorkerRequest } from './workers.js';

async function serve(request: LoadWorkerRequest, send: (m: LoadWorkerMessage) => void, go: Promise<unknown>): Promise<void> {
  try {
    setCollectOnly(true);
    await loadBenchFile(request.file);
    const task = defaultSuite().tasks.find((t) => t.kind === 'bench' && t.bench.name === request.name && t.bench.options.load);
    if (!task || task.kind !== 'bench') throw new Error(`no load test named '${request.name}' in ${request.file}`);
    const def = task.bench;
    await def.options.before?.(request.args);
    send({ type: 'ready' });
    await go;
    const sampler = request.resources && new ResourceSampler(request.resources).start();
    const o = await driveShare(callFor(def, request.args), request.share);
    const resources = await sampler?.stop(o.ok + o.failed);
    await def.options.after?.(request.args);
    const { histogram, errors, ...counts } = o;
    send({
      type: 'done',
      outcome: { ...counts, histogram: encodeHistogram(histogram), errors: [...errors], ...(resources ? { resources } : {}) },
    });
  } catch (err) {
    send({ type: 'error', message: (err as Error)?.message ?? String(err) });
  }
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const go = new Promise((resolve) => port.once('message', resolve));
  void serve(workerData as LoadWorkerRequest, (m) => port.postMessage(m), go);
} else if (process.send) {
  process.once('message', (request) => {
    const go = new Promise((resolve) => process.once('message', resolve));
    void serve(request as LoadWorkerRequest, (m) => process.send!(m), go);
  });
}
