/** Argument parsing shared by every command: node:util parseArgs, with usage errors that say what to do. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CycleBenchError } from '../errors.js';
import { didYouMean } from '../util/nearest.js';

/** A command's options, as node:util parseArgs takes them. */
export type OptionTable = NonNullable<ParseArgsConfig['options']>;

/** Parsed values of an option table. */
export type Values = Record<string, string | boolean | string[] | undefined>;

/**
 * Parses `argv` strictly against `options` (plus `--help`/`-h`). Unknown options, missing values and
 * unexpected values are `E_USAGE` errors naming the option, with the nearest known one for typos.
 */
export function parseCommand(
  command: string,
  argv: string[],
  options: OptionTable,
): { values: Values; positionals: string[]; help: boolean } {
  const table: OptionTable = { ...options, help: { type: 'boolean', short: 'h' } };
  try {
    const { values, positionals } = parseArgs({ args: argv, options: table, allowPositionals: true, strict: true });
    return { values: values as Values, positionals, help: values.help === true };
  } catch (err) {
    const e = err as { code?: string; message: string };
    if (!e.code?.startsWith('ERR_PARSE_ARGS')) throw err;
    const unknown = /^Unknown option '(-{1,2}[^']+)'/.exec(e.message);
    const hint = ` Run \`cyclebench ${command} --help\` for its options.`;
    if (unknown) {
      const names = Object.keys(table).map((k) => `--${k}`);
      throw new CycleBenchError('E_USAGE', `unknown option '${unknown[1]}'.${didYouMean(unknown[1], names)}${hint}`);
    }
    throw new CycleBenchError('E_USAGE', `${e.message.split('\n')[0]}${hint}`);
  }
}

/** A string option's value (the last one when repeated), or undefined. */
export function str(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** Refuses `value` unless it is one of `allowed`, naming the option. */
export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], option: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new CycleBenchError('E_USAGE', `${option} takes ${allowed.join(', ')}; got '${value}'.${didYouMean(value, allowed)}`);
  return value as T;
}
