/**
 * JUnit XML checked the way CI systems read it: parsed by a real XML parser (fast-xml-parser), with the
 * shape of the common JUnit schema (testsuites > testsuite > testcase, at most one of failure, error or
 * skipped per case, each with a message, counts that add up, times in seconds).
 */
import { expect } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type Node = Record<string, unknown>;
export const list = (v: unknown): Node[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]) as Node[];

/** Parses and checks the schema shape; returns the suites. */
export function parseJunit(xml: string): { root: Node; suites: Node[] } {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    isArray: (n) => ['testsuite', 'testcase', 'property'].includes(n),
  }).parse(xml);
  const root = doc.testsuites as Node;
  const suites = list(root.testsuite);
  let totals = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const s of suites) {
    expect(s.name).toBeTypeOf('string');
    const cases = list(s.testcase);
    const count = (tag: string) => cases.filter((c) => tag in c).length;
    expect({ tests: Number(s.tests), failures: Number(s.failures), errors: Number(s.errors), skipped: Number(s.skipped) }).toEqual({
      tests: cases.length,
      failures: count('failure'),
      errors: count('error'),
      skipped: count('skipped'),
    });
    for (const c of cases) {
      expect(c.name).toBeTypeOf('string');
      expect(c.classname).toBeTypeOf('string');
      expect(String(c.time)).toMatch(/^\d+\.\d{3}$/);
      expect(['failure', 'error', 'skipped'].filter((t) => t in c).length).toBeLessThanOrEqual(1);
      for (const t of ['failure', 'error', 'skipped']) if (t in c) expect((c[t] as Node).message, `${c.name} ${t}`).toBeTypeOf('string');
    }
    expect(String(s.time)).toMatch(/^\d+\.\d{3}$/);
    totals = {
      tests: totals.tests + cases.length,
      failures: totals.failures + count('failure'),
      errors: totals.errors + count('error'),
      skipped: totals.skipped + count('skipped'),
    };
  }
  expect({
    tests: Number(root.tests),
    failures: Number(root.failures),
    errors: Number(root.errors),
    skipped: Number(root.skipped),
  }).toEqual(totals);
  return { root, suites };
}
