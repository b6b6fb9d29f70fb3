// Where the CUDA toolkit's tools are, for the tests that compile kernels or check the ABI.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const cudaHome = process.env.CUDA_HOME ?? process.env.CUDA_PATH ?? '/usr/local/cuda';

function which(tool: string): string | null {
  try {
    return execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

function find(tool: string): string | null {
  const inHome = join(cudaHome, 'bin', tool);
  return existsSync(inHome) ? inHome : which(tool);
}

/** nvcc, or null. */
export const nvcc = process.env.NVCC ?? find('nvcc');
/** ptxas, or null. */
export const ptxas = find('ptxas');
/** The toolkit's include folder when it holds cuda.h and cupti_activity.h, or null. */
export const cudaInclude =
  [join(cudaHome, 'include'), join(cudaHome, 'targets/x86_64-linux/include')].find(
    (d) => existsSync(join(d, 'cuda.h')) && existsSync(join(d, 'cupti_activity.h')),
  ) ?? null;
/** A C++17 compiler, or null. */
export const cxx = process.env.CXX ?? which('g++') ?? which('c++') ?? which('clang++');
