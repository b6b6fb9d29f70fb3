// The addon declares its own CUDA/CUPTI types and prototypes (so it builds without the toolkit);
// native/../test/gpu/native/abi_check.cc checks them against the toolkit's headers at compile time.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cudaInclude, cxx } from './toolkit.js';

if (!cudaInclude) console.log('[skip] CUDA ABI check: no cuda.h + cupti_activity.h under $CUDA_HOME/include or /usr/local/cuda/include');
if (!cxx) console.log('[skip] CUDA ABI check: no C++ compiler');

describe.skipIf(!cudaInclude || !cxx)('addon CUDA declarations against the toolkit headers', () => {
  it('match: signatures, constants and the CUPTI kernel record layout', () => {
    const root = join(__dirname, '../..');
    let output: string;
    try {
      output = execFileSync(
        cxx!,
        [
          '-std=c++17',
          '-fsyntax-only',
          '-Wall',
          '-Wno-enum-compare',
          `-I${cudaInclude}`,
          `-I${join(root, 'native')}`,
          join(__dirname, 'native/abi_check.cc'),
        ],
        { encoding: 'utf8', stdio: 'pipe' },
      );
    } catch (err) {
      const e = err as { stderr?: string };
      throw new Error(`abi_check.cc failed to compile:\n${e.stderr ?? String(err)}`, { cause: err });
    }
    expect(output).toBe('');
  });
});
