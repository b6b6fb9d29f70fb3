/**
 * `cyclebench/stats`: pure statistics over samples (Float64Array or any ArrayLike<number>), no I/O.
 *
 * - descriptive: summarize, mean, variance, stddev, min, max, mad, madScaled, cv, mdape, skewness,
 *   consistency, histogram (Freedman-Diaconis)
 * - quantile / select: type-7 quantiles, median, iqr, quickselect
 * - outliers: Tukey fences, modified z-scores, classify and explicit trim
 * - intervals: medianCI (order statistics), bootstrapCI (percentile, BCa), ratioCI
 * - tests: mannWhitneyU, welchTTest, pairedTTest, hodgesLehmann, pairedLogRatio, wilcoxonSignedRank, compareSamples,
 *   bandVerdict
 * - many comparisons: holm, benjaminiHochberg
 * - regression: linearFit, fitComplexity
 * - series: trend, changePoints (E-divisive means), projectCrossing
 * - distributions and the seeded PRNG the above are built on
 *
 * Every function throws a RangeError with a clear message on empty or non-finite input.
 */

export { toSamples } from './validate.js';
export { createRng, splitmix32, DEFAULT_SEED } from './rng.js';
export type { Rng } from './rng.js';
export {
  logGamma,
  logBeta,
  regularizedBeta,
  regularizedGammaQ,
  normalCdf,
  normalSf,
  normalPdf,
  normalQuantile,
  studentTCdf,
  studentTTwoSided,
  studentTQuantile,
  binomialCdf,
  signTestPValue,
} from './distributions.js';
export { selectInPlace, quantileInPlace, medianInPlace } from './select.js';
export { STANDARD_PROBABILITIES, sortSamples, quantileSorted, quantile, quantiles, median, standardQuantiles, iqr } from './quantile.js';
export type { StandardQuantiles } from './quantile.js';
export {
  MAD_NORMAL_SCALE,
  mean,
  variance,
  stddev,
  min,
  max,
  mad,
  madScaled,
  coefficientOfVariation,
  mdape,
  skewness,
  consistency,
  histogram,
  summarize,
} from './descriptive.js';
export type { Histogram, HistogramOptions, Summary } from './descriptive.js';
export { tukeyFences, modifiedZScores, classifyOutliers, trimOutliers } from './outliers.js';
export type { TukeyFences, OutlierLabel, OutlierOptions, OutlierReport, TrimOptions, TrimResult } from './outliers.js';
export { medianRanks, medianCI, medianCISorted } from './order-stats.js';
export { blockMedianCI } from './blocks.js';
export type { BlockMedianOptions, BlockMedianInterval } from './blocks.js';
export type { OrderStatisticRanks, MedianInterval } from './order-stats.js';
export { bootstrapDistribution, bootstrapCI, jackknife, accelerationFromJackknife, ratioCI } from './bootstrap.js';
export type { Statistic, BootstrapOptions, BootstrapCIOptions, BootstrapInterval, RatioCIOptions, RatioInterval } from './bootstrap.js';
export { mannWhitneyU, mannWhitneyFrequencies, mannWhitneyQuantile, mannWhitneyCdf } from './mann-whitney.js';
export type { Alternative, MannWhitneyOptions, MannWhitneyResult } from './mann-whitney.js';
export { welchTTest, pairedTTest } from './welch.js';
export type { WelchOptions, TTestResult } from './welch.js';
export { hodgesLehmann, kthDifference } from './hodges-lehmann.js';
export type { HodgesLehmannResult } from './hodges-lehmann.js';
export { pairedLogRatio } from './paired.js';
export { wilcoxonSignedRank, signedRankDistribution } from './signed-rank.js';
export type { SignedRankResult } from './signed-rank.js';
export type { PairedRatioResult } from './paired.js';
export { compareSamples, bandVerdict } from './compare-samples.js';
export type { Verdict, CompareOptions, SampleComparison } from './compare-samples.js';
export { holm, benjaminiHochberg } from './multiple.js';
export { linearFit } from './regression.js';
export type { LinearFit } from './regression.js';
export { fitComplexity, COMPLEXITY_CLASSES } from './complexity.js';
export type { ComplexityClass, ComplexityCandidate, FittedComplexity, ComplexityOptions } from './complexity.js';
export { trend, changePoints, projectCrossing } from './series.js';
export { detectStates, optimalPartition } from './states.js';
export type { PerformanceState, StatesOptions, StatesResult } from './states.js';
export type { Trend, ChangePoint, ChangePointOptions, Crossing } from './series.js';
