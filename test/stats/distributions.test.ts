import { describe, expect, it } from 'vitest';
import {
  binomialCdf,
  logGamma,
  normalCdf,
  normalQuantile,
  regularizedBeta,
  signTestPValue,
  studentTCdf,
  studentTQuantile,
  studentTTwoSided,
} from '../../src/stats/index.js';

describe('special functions', () => {
  it('logGamma at known points: Γ(1/2) = √π, Γ(5) = 24, Γ(10) = 362880', () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
  });
  it('regularized incomplete beta: symmetry I_½(a, a) = ½, closed forms I_x(1, b) = 1 - (1-x)^b, I_x(a, 1) = x^a', () => {
    expect(regularizedBeta(0.5, 3.7, 3.7)).toBeCloseTo(0.5, 14);
    expect(regularizedBeta(0.3, 1, 4)).toBeCloseTo(1 - 0.7 ** 4, 14);
    expect(regularizedBeta(0.3, 2.5, 1)).toBeCloseTo(0.3 ** 2.5, 14);
  });
});

describe('normal distribution (R 4.x qnorm/pnorm)', () => {
  it('qnorm(0.975) = 1.959963984540054, qnorm(0.995) = 2.575829303548901, qnorm(1e-10) = -6.361340902404056', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(normalQuantile(0.995)).toBeCloseTo(2.575829303548901, 13);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 11);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 15);
  });
  it('pnorm(1.96) = 0.9750021048517795, pnorm(-5) = 2.866515718791939e-07', () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 14);
    expect(normalCdf(-5) / 2.866515718791939e-7).toBeCloseTo(1, 12);
  });
});

describe('Student t (R 4.x qt/pt; textbook t tables)', () => {
  it('qt(0.975, 10) = 2.228138851986274; two-sided p at t = 2.228, df 10 is 0.05 (table)', () => {
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228138851986274, 12);
    expect(studentTTwoSided(2.228, 10)).toBeCloseTo(0.05, 4);
  });
  it('qt(0.975, 1) = 12.70620473617471 (Cauchy: tan(0.475π)); t table: t(0.95, 5) = 2.015048', () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(Math.tan(0.475 * Math.PI), 10);
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.70620473617471, 10);
    expect(studentTQuantile(0.95, 5)).toBeCloseTo(2.015048, 6);
  });
  it('df = 5 CDF matches the closed form for odd df (Abramowitz & Stegun 26.7.3)', () => {
    const closed = (t: number): number => {
      const th = Math.atan(t / Math.sqrt(5));
      return 0.5 + (th + Math.sin(th) * Math.cos(th) * (1 + (2 / 3) * Math.cos(th) ** 2)) / Math.PI;
    };
    for (const t of [-4, -0.7, 0.3, 2.015048, 6]) expect(studentTCdf(t, 5)).toBeCloseTo(closed(t), 14);
    expect(closed(studentTQuantile(0.95, 5))).toBeCloseTo(0.95, 14);
  });
  it('df = 1 CDF is the Cauchy CDF ½ + atan(t)/π; df = 2 has closed form ½ + t / (2√(2 + t²))', () => {
    for (const t of [-7, -1.3, 0.2, 3]) {
      expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 14);
      expect(studentTCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 14);
    }
  });
  it('large df approaches the normal', () => {
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.959963984540054, 5);
  });
  it('quantile inverts the CDF with fractional df', () => {
    for (const [p, df] of [
      [0.01, 3.3],
      [0.9, 17.776],
      [0.999, 2.5],
    ]) {
      expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 13);
    }
  });
});

describe('binomial and sign test (R 4.x binom.test)', () => {
  it('binom.test(2, 10)$p.value = 0.109375 (= 2·56/1024); binom.test(9, 10) = 0.02148438 (= 2·11/1024)', () => {
    expect(signTestPValue(2, 10)).toBeCloseTo(0.109375, 13);
    expect(signTestPValue(9, 10)).toBeCloseTo(22 / 1024, 13);
    expect(signTestPValue(5, 10)).toBe(1);
  });
  it('pbinom(3, 10, 0.3) = 0.6496107184', () => {
    expect(binomialCdf(3, 10, 0.3)).toBeCloseTo(0.6496107184, 10);
  });
});
