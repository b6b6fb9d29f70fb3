import { describe, expect, it } from 'vitest';
import { CycleBenchError } from '../../src/errors.js';
import { arg, packArgs } from '../../src/gpu/args.js';

describe('packArgs', () => {
  it('puts each argument in its own little-endian 8-byte slot', () => {
    const buf = { ptr: 0x7f00_1234_5678n };
    const bytes = packArgs([
      buf,
      arg.i32(-2),
      arg.u32(0xffff_ffff),
      arg.f32(1.5),
      arg.f64(-0.25),
      arg.i64(-(2n ** 40n)),
      arg.u64(2n ** 63n),
      arg.ptr(42n),
    ]);
    expect(bytes.byteLength).toBe(64);
    const v = new DataView(bytes.buffer);
    expect(v.getBigUint64(0, true)).toBe(0x7f00_1234_5678n);
    expect(v.getInt32(8, true)).toBe(-2);
    expect(v.getUint32(16, true)).toBe(0xffff_ffff);
    expect(v.getFloat32(24, true)).toBe(1.5);
    expect(v.getFloat64(32, true)).toBe(-0.25);
    expect(v.getBigInt64(40, true)).toBe(-(2n ** 40n));
    expect(v.getBigUint64(48, true)).toBe(2n ** 63n);
    expect(v.getBigUint64(56, true)).toBe(42n);
  });

  it('packs nothing for a kernel without parameters', () => {
    expect(packArgs([]).byteLength).toBe(0);
  });

  it('rejects out-of-range, fractional and mistyped values, naming the argument', () => {
    const cases: Array<[unknown[], RegExp]> = [
      [[arg.i32(2 ** 31)], /argument 0: .*out of range for i32/],
      [[arg.u32(-1)], /out of range for u32/],
      [[arg.i32(1), arg.i32(1.5)], /argument 1: i32 expects an integer/],
      [[arg.f32('x' as unknown as number)], /f32 expects a number/],
      [[arg.ptr(-1n)], /ptr expects/],
      [[{ type: 'i16', value: 1 }], /unknown type i16/],
    ];
    for (const [args, message] of cases) {
      let caught: unknown;
      try {
        packArgs(args as never);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(CycleBenchError);
      expect((caught as CycleBenchError).code).toBe('E_BAD_ARGUMENT');
      expect((caught as Error).message).toMatch(message);
    }
  });
});
