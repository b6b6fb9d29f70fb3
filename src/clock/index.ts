export type { Clock, ClockReport } from './types.js';
export { bestClock, hrtimeClock, nativeClock, measureClock, counterFrequency } from './clocks.js';
