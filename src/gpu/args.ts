/**
 * Kernel arguments: a typed list packed into one buffer of 8-byte slots, which the addon hands to
 * cuLaunchKernel as `kernelParams` (slot i is parameter i, little-endian, low bytes first). Pure.
 */
import { CycleBenchError } from '../errors.js';

/** The parameter types a kernel can take from TypeScript. */
export type KernelArgType = 'ptr' | 'i32' | 'u32' | 'f32' | 'f64' | 'i64' | 'u64';

/** Anything holding a device pointer (a DeviceBuffer, or a pointer from another library). */
export interface DevicePointer {
  readonly ptr: bigint;
}

/** One typed kernel argument. */
export interface KernelArg {
  readonly type: KernelArgType;
  readonly value: number | bigint | DevicePointer;
}

/** A kernel argument: typed, or a device buffer (taken as `ptr`). */
export type KernelArgInput = KernelArg | DevicePointer;

/** Typed argument constructors: `launch({ args: [arg.ptr(x), arg.f32(2), arg.i32(n)] })`. */
export const arg = {
  ptr: (value: DevicePointer | bigint): KernelArg => ({ type: 'ptr', value }),
  i32: (value: number): KernelArg => ({ type: 'i32', value }),
  u32: (value: number): KernelArg => ({ type: 'u32', value }),
  f32: (value: number): KernelArg => ({ type: 'f32', value }),
  f64: (value: number): KernelArg => ({ type: 'f64', value }),
  i64: (value: number | bigint): KernelArg => ({ type: 'i64', value }),
  u64: (value: number | bigint): KernelArg => ({ type: 'u64', value }),
};

function bad(i: number, message: string): CycleBenchError {
  return new CycleBenchError('E_BAD_ARGUMENT', `kernel argument ${i}: ${message}`);
}

function isPointer(v: unknown): v is DevicePointer {
  return typeof v === 'object' && v !== null && typeof (v as DevicePointer).ptr === 'bigint';
}

function integer(i: number, v: number | bigint | DevicePointer, lo: bigint, hi: bigint, type: string): bigint {
  if (isPointer(v)) throw bad(i, `${type} expects a number, got a device buffer`);
  if (typeof v === 'number' && !Number.isInteger(v)) throw bad(i, `${type} expects an integer, got ${v}`);
  const b = BigInt(v);
  if (b < lo || b > hi) throw bad(i, `${v} is out of range for ${type}`);
  return b;
}

/** Packs arguments into 8-byte slots. Throws E_BAD_ARGUMENT naming the argument on a bad value. */
export function packArgs(args: readonly KernelArgInput[]): Uint8Array {
  const bytes = new Uint8Array(Math.max(1, args.length) * 8);
  const view = new DataView(bytes.buffer);
  args.forEach((a, i) => {
    const o = i * 8;
    if (isPointer(a)) {
      view.setBigUint64(o, a.ptr, true);
      return;
    }
    const { type, value } = a;
    switch (type) {
      case 'ptr': {
        const p = isPointer(value) ? value.ptr : typeof value === 'bigint' ? value : null;
        if (p === null || p < 0n) throw bad(i, 'ptr expects a device buffer or a bigint pointer');
        view.setBigUint64(o, p, true);
        break;
      }
      case 'i32':
        view.setInt32(o, Number(integer(i, value, -(2n ** 31n), 2n ** 31n - 1n, 'i32')), true);
        break;
      case 'u32':
        view.setUint32(o, Number(integer(i, value, 0n, 2n ** 32n - 1n, 'u32')), true);
        break;
      case 'i64':
        view.setBigInt64(o, integer(i, value, -(2n ** 63n), 2n ** 63n - 1n, 'i64'), true);
        break;
      case 'u64':
        view.setBigUint64(o, integer(i, value, 0n, 2n ** 64n - 1n, 'u64'), true);
        break;
      case 'f32':
      case 'f64':
        if (typeof value !== 'number') throw bad(i, `${type} expects a number`);
        if (type === 'f32') view.setFloat32(o, value, true);
        else view.setFloat64(o, value, true);
        break;
      default:
        throw bad(i, `unknown type ${String(type)}`);
    }
  });
  return args.length === 0 ? new Uint8Array(0) : bytes;
}
