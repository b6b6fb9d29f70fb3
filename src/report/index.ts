/** Reporters: pure renderers for verdicts, runs and history, plus the writers for files and CI summaries. */
export {
  na,
  isNum,
  sig3,
  formatNs,
  formatCount,
  formatValue,
  formatBytesRate,
  formatItemsRate,
  formatSignedPct,
  formatPct,
  describeRatio,
  formatRatioCI,
  formatP,
} from '../result/text.js';
export type { ValueUnit } from '../result/text.js';
export { useColor, paint } from './io.js';
export type { CommandIO, OutStream, Paint } from './io.js';
export { consoleTable, markdownTable, mdEscape, csvField } from './table.js';
export type { Cell } from './table.js';
export { renderVerdictConsole, renderVerdictMarkdown, renderVerdictJson } from './verdict.js';
export { renderRun } from './run-report.js';
export type { RunFormat } from './run-report.js';
export { renderHistory } from './history-report.js';
export { consistency, gradeBench, gradeRun, gradeText, withGrades } from './grade.js';
export { renderHtml, renderHtmlModel, scriptJson } from './html.js';
export { htmlModel } from './html-model.js';
export type { HtmlInput, HtmlModel } from './html-model.js';
export { writeTo, appendStepSummary } from './output.js';
