/**
 * Kernels from TypeScript: compile CUDA C++ with NVRTC (no GPU needed for that), load PTX or a cubin,
 * look kernels up and launch them with a typed argument list.
 */
import { CycleBenchError } from '../errors.js';
import { packArgs, type KernelArgInput } from './args.js';
import { withGpu, type Handle } from './binding.js';
import { streamHandle, type StreamLike } from './stream.js';

/** NVRTC options. */
export interface CompileOptions {
  /** Program name shown in compiler messages (default `kernel.cu`). */
  name?: string;
  /** Target: `sm_90` yields a cubin as well as PTX; `compute_90` yields PTX only. Default: NVRTC's. */
  arch?: string;
  /** Further NVRTC options, e.g. `['-O3', '--use_fast_math', '-DN=4']`. */
  options?: string[];
  /** C++ names (e.g. `saxpy<float>`) whose mangled names to report in `lowered`. */
  nameExpressions?: string[];
}

/** NVRTC's output. */
export interface CompiledProgram {
  ptx: string;
  /** Present when `arch` named a real architecture (sm_XX). */
  cubin?: Uint8Array;
  /** Compiler log (warnings); empty when silent. */
  log: string;
  /** Name expression -> mangled kernel name. */
  lowered: Record<string, string>;
}

/**
 * Compiles CUDA C++ source with NVRTC. Throws CycleBenchError E_CUDA_UNAVAILABLE when NVRTC is
 * absent, or E_GPU with the compiler log (also in `error.log`) when the source does not compile.
 */
export function compile(source: string, options: CompileOptions = {}): CompiledProgram {
  const name = options.name ?? 'kernel.cu';
  const opts = [...(options.arch ? [`--gpu-architecture=${options.arch}`] : []), ...(options.options ?? [])];
  return withGpu((g) => g.compile(source, name, opts, options.nameExpressions ?? []), `compile ${name}`);
}

/** 1-3 dimensions; missing ones are 1. */
export type Dim3 = number | readonly [number, number?, number?];

function dims(d: Dim3, what: string): [number, number, number] {
  const a = typeof d === 'number' ? [d] : d;
  const out: [number, number, number] = [a[0] ?? 1, a[1] ?? 1, a[2] ?? 1];
  for (const v of out)
    if (!Number.isInteger(v) || v < 1)
      throw new CycleBenchError('E_BAD_ARGUMENT', `${what} dimensions must be positive integers, got ${JSON.stringify(d)}`);
  return out;
}

/** A launch: grid and block sizes, dynamic shared memory, stream and arguments. */
export interface LaunchConfig {
  grid: Dim3;
  block: Dim3;
  /** Dynamic shared memory in bytes (default 0). */
  sharedBytes?: number;
  /** Default: the legacy default stream. */
  stream?: StreamLike;
  args: readonly KernelArgInput[];
}

/** A launch with its arguments packed once, for cheap repeated launches inside a benchmark. */
export class BoundLaunch {
  readonly #kernel: Kernel;
  readonly #grid: [number, number, number];
  readonly #block: [number, number, number];
  readonly #shared: number;
  readonly #stream: bigint;
  readonly #args: Uint8Array;

  constructor(kernel: Kernel, config: LaunchConfig) {
    this.#kernel = kernel;
    this.#grid = dims(config.grid, 'grid');
    this.#block = dims(config.block, 'block');
    this.#shared = config.sharedBytes ?? 0;
    this.#stream = streamHandle(config.stream);
    this.#args = packArgs(config.args);
  }

  /** Enqueues the kernel `count` times (default 1) on the bound stream, or on `stream` when given. */
  launch(count = 1, stream?: StreamLike): void {
    const [gx, gy, gz] = this.#grid;
    const [bx, by, bz] = this.#block;
    const s = stream === undefined ? this.#stream : streamHandle(stream);
    const k = this.#kernel;
    withGpu((g) => g.launch(k.device, k.handle, gx, gy, gz, bx, by, bz, this.#shared, s, this.#args, count), `launch ${k.name}`);
  }
}

/** A kernel of a loaded module. */
export class Kernel {
  constructor(
    readonly name: string,
    readonly handle: Handle,
    readonly device: number,
  ) {}

  /** Enqueues one launch (asynchronous). */
  launch(config: LaunchConfig): void {
    new BoundLaunch(this, config).launch();
  }

  /** Packs the launch once; `bound.launch()` then costs one addon call. */
  bind(config: LaunchConfig): BoundLaunch {
    return new BoundLaunch(this, config);
  }
}

/** A loaded module (PTX or cubin) on one device. */
export class GpuModule {
  #unloaded = false;
  constructor(
    readonly handle: Handle,
    readonly device: number,
    readonly lowered: Record<string, string> = {},
  ) {}

  /** Looks a kernel up by its name, or by a name expression given to compile(). */
  kernel(name: string): Kernel {
    if (this.#unloaded) throw new CycleBenchError('E_GPU', `kernel ${name}: the module was unloaded`);
    const symbol = this.lowered[name] ?? name;
    return new Kernel(
      name,
      withGpu((g) => g.moduleFunction(this.handle, symbol), `kernel ${name}`),
      this.device,
    );
  }

  /** Unloads the module. Idempotent. */
  unload(): void {
    if (this.#unloaded) return;
    withGpu((g) => g.moduleUnload(this.handle), 'moduleUnload');
    this.#unloaded = true;
  }
}

/** Loads PTX text, a cubin/fatbin, or compile()'s output (its cubin first, then its PTX) on a device. */
export function loadModule(image: string | Uint8Array | CompiledProgram, options: { device?: number } = {}): GpuModule {
  const device = options.device ?? 0;
  if (typeof image === 'string' || image instanceof Uint8Array) {
    return new GpuModule(
      withGpu((g) => g.moduleLoad(device, image), 'moduleLoad'),
      device,
    );
  }
  const program = image;
  if (program.cubin) {
    try {
      return new GpuModule(
        withGpu((g) => g.moduleLoad(device, program.cubin!), 'moduleLoad'),
        device,
        program.lowered,
      );
    } catch {
      /* an older driver may refuse a newer toolkit's cubin: the PTX may still JIT */
    }
  }
  return new GpuModule(
    withGpu((g) => g.moduleLoad(device, program.ptx), 'moduleLoad'),
    device,
    program.lowered,
  );
}
