/** Reporters: pure renderers for verdicts, runs and history, plus the writers for files and CI summaries. */
export { na, isNum, sig3, formatNs, formatCount, formatValue, formatSignedPct, formatPct, describeRatio, formatRatioCI, formatP } from './format.js';
export type { ValueUnit } from './format.js';
export { useColor, paint } from './io.js';
export type { CommandIO, OutStream, Paint } from './io.js';
export { consoleTable, markdownTable, mdEscape, csvField } from './table.js';
export type { Cell } from './table.js';
export { renderVerdictConsole, renderVerdictMarkdown, renderVerdictJson } from './verdict.js';
export { renderRun } from './run.js';
export type { RunFormat } from './run.js';
export { renderHistory } from './history.js';
export { writeTo, appendStepSummary, reportError } from './output.js';
