/** `--store`: which store a command reads and writes history, baselines and tags in. */
import { loadConfig, type LoadedConfig } from '../config.js';
import type { CommandIO } from '../report/io.js';
import { openStore, STORE_ENV } from '../store/open.js';
import type { Store } from '../store/store.js';
import { str, type OptionTable, type Values } from './args.js';

/** The `--store` option, for every command that touches stored results. */
export const STORE_OPTION: OptionTable = { store: { type: 'string' } };

/** Its line in a command's usage. */
export const STORE_USAGE = `  --store URL        'files' (.cyclebench/, the default) or postgres://USER@HOST/DB (also CYCLEBENCH_STORE, config store)`;

/**
 * The store the command uses: `--store`, else CYCLEBENCH_STORE, else the config's `store` (of the
 * loaded `config`, or of the project's config file, read here), else the files. A bad spec is refused naming
 * where it came from; nothing connects until the store is used.
 */
export async function commandStore(values: Values, io: CommandIO, config?: LoadedConfig): Promise<Store> {
  const flag = str(values, 'store');
  if (flag !== undefined) return openStore(flag, io.cwd, '--store', 'E_USAGE');
  const env = io.env[STORE_ENV];
  if (env) return openStore(env, io.cwd, STORE_ENV, 'E_USAGE');
  const loaded = config ?? (await loadConfig(io.cwd, str(values, 'config')));
  return openStore(loaded.config.store, io.cwd, `${loaded.file ?? 'config'}: store`, 'E_CONFIG');
}

/** Runs `fn` with the command's store and releases the store's connections afterwards, whatever happens. */
export async function withStore<T>(
  values: Values,
  io: CommandIO,
  config: LoadedConfig | undefined,
  fn: (store: Store) => Promise<T>,
): Promise<T> {
  const store = await commandStore(values, io, config);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
