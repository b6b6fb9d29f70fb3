// Child process for the concurrent-append test: appends N history lines tagged with its worker id.
import { appendHistory } from '../../src/store/history-file.js';
import { makeRun } from '../compare/fixtures.js';

const [cwd, worker, count] = process.argv.slice(2);
const run = makeRun(Number(worker) + 1, { n: 5 });
for (let i = 0; i < Number(count); i++) appendHistory(cwd, { ...run, tag: `w${worker}-${i}` });
