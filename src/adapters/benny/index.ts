/**
 * `cyclebench/benny`: benny 3's API (`suite`, `add` with `.only`/`.skip`, `cycle`, `complete`,
 * `configure`, `save`) measured by the cyclebench engine. benny's README example runs with only its
 * import changed. See docs/migrating.md for what differs.
 * @packageDocumentation
 */
import { add, complete, configure, cycle, save } from './entries.js';
import { suite } from './suite.js';

export { add, complete, configure, cycle, save, suite };
export type * from './types.js';
export type { CyclebenchOptions } from '../core/options.js';

/** benny's default export, for `import b from 'benny'` / `const b = require('benny')`. */
export default { add, complete, configure, cycle, save, suite };
