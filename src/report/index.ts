/** Reporters: pure renderers for verdicts, runs and history, plus the writers for files and CI summaries. */
export { na, isNum, sig3, formatNs, formatCount, formatValue, formatSignedPct, formatPct, describeRatio, formatRatioCI, formatP } from '../result/text.js';
export type { ValueUnit } from '../result/text.js';
export { useColor, paint } from './io.js';
export type { CommandIO, OutStream, Paint } from './io.js';
export { consoleTable, markdownTable, mdEscape, csvField } from './table.js';
export type { Cell } from './table.js';
export { renderVerdictConsole, renderVerdictMarkdown, renderVerdictJson } from './verdict.js';
export { renderRun } from './run-report.js';
export type { RunFormat } from './run-report.js';
export { renderHistory } from './history-report.js';
export { writeTo, appendStepSummary } from './output.js';
