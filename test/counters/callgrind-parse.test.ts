import { describe, expect, it } from 'vitest';
import { parseCallgrindDump, totalsByLabel } from '../../src/counters/callgrind-parse.js';

// Header shapes as callgrind 3.19 writes them (copied from real dumps of this project's fixtures).
const dump = (label: string, part: number, totals: string, events = 'Ir', thread = 1) => `# callgrind format
version: 1
creator: callgrind-3.19.0
pid: 4242
cmd:  node --single-threaded child.mjs
part: ${part}


desc: I1 cache: 
desc: Timerange: Basic block 1025 - 2051
desc: Trigger: Client Request: ${label}

positions: line
events: ${events}
summary: ${totals}


totals: ${totals}
thread: ${thread}
`;

describe('parseCallgrindDump', () => {
  it('reads the label, events and totals', () => {
    const d = parseCallgrindDump(dump('sum/array [n=10]', 1, '17786627'));
    expect(d.label).toBe('sum/array [n=10]');
    expect(d.pid).toBe(4242);
    expect(d.part).toBe(1);
    expect(d.totals).toEqual({ Ir: 17786627 });
  });

  it('reads every cache-simulation event and fills missing trailing values with 0', () => {
    const d = parseCallgrindDump(dump('x', 2, '100 40 20 3 2', 'Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw'));
    expect(d.totals).toEqual({ Ir: 100, Dr: 40, Dw: 20, I1mr: 3, D1mr: 2, D1mw: 0, ILmr: 0, DLmr: 0, DLmw: 0 });
  });

  it('has no label for other triggers and rejects non-dumps', () => {
    const t = dump('x', 0, '0').replace('Client Request: x', 'Program termination');
    expect(parseCallgrindDump(t).label).toBeNull();
    expect(parseCallgrindDump(t).trigger).toBe('Program termination');
    expect(() => parseCallgrindDump('hello')).toThrow(/not a callgrind dump/);
  });
});

describe('totalsByLabel', () => {
  it('keys by label, sums threads of one dump, numbers repeated labels', () => {
    const dumps = [
      parseCallgrindDump(dump('a', 1, '10', 'Ir', 1)),
      parseCallgrindDump(dump('a', 1, '5', 'Ir', 2)),
      parseCallgrindDump(dump('b', 2, '7')),
      parseCallgrindDump(dump('a', 3, '11')),
      parseCallgrindDump(dump('x', 4, '0').replace('Client Request: x', 'Program termination')),
    ];
    const m = totalsByLabel(dumps);
    expect([...m.keys()]).toEqual(['a', 'b', 'a#2']);
    expect(m.get('a')).toEqual({ Ir: 15 });
    expect(m.get('b')).toEqual({ Ir: 7 });
    expect(m.get('a#2')).toEqual({ Ir: 11 });
  });
});
