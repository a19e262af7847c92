/** Options shared by `build`, `list` and `run`: where the fixtures are, and which to take. */
import { resolve } from 'node:path';
import type { Argv } from 'yargs';
import { ABIS, type Abi } from '../suites/sidecar.js';
import { loadFixtures, parseShard, selectFixtures, type Fixture } from './fixtures.js';
import { DEFAULT_CACHE_DIR, DEFAULT_WAT_DIR } from './paths.js';

export interface SelectionArgs {
  wat: string;
  filter?: string[];
  syscall?: string[];
  abi?: string[];
  tag?: string[];
  shard?: string;
}

/** `--x a,b --x c` → ['a', 'b', 'c'] */
export function splitList(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

export function withSelection<T>(y: Argv<T>) {
  return y
    .option('wat', { type: 'string', default: DEFAULT_WAT_DIR, defaultDescription: '<package>/wat', describe: 'fixture directory (<abi>/<syscall>/<case>.wat + .json)' })
    .option('filter', { type: 'string', array: true, describe: 'case ids matching a glob (* within a segment, ** across); a plain id prefix also works' })
    .option('syscall', { type: 'string', array: true, describe: 'only these syscalls (comma-separated or repeated)' })
    .option('abi', { type: 'string', array: true, describe: `only these ABIs (${ABIS.join(', ')})` })
    .option('tag', { type: 'string', array: true, describe: 'only cases with one of these tags' })
    .option('shard', { type: 'string', describe: 'i/n: the i-th of n disjoint shares of the selected cases' })
    .check((argv) => {
      const bad = splitList(argv.abi as string[] | undefined).find((a) => !(ABIS as readonly string[]).includes(a));
      if (bad) return `--abi must be one of ${ABIS.join(', ')}, got "${bad}"`;
      if (argv.shard !== undefined) parseShard(String(argv.shard)); // throws a UsageError
      return true;
    });
}

export function withCache<T>(y: Argv<T>) {
  return y.option('cache', { type: 'string', default: DEFAULT_CACHE_DIR, defaultDescription: '<package>/.cache/wasm', describe: 'compiled fixture cache' });
}

/** Load and select the fixtures the arguments name (from `all` when given: a wasi-testsuite directory's). */
export function selectedFixtures(argv: SelectionArgs, all: Fixture[] = loadFixtures(resolve(argv.wat))): { all: Fixture[]; selected: Fixture[] } {
  const selected = selectFixtures(all, {
    filter: splitList(argv.filter),
    syscall: splitList(argv.syscall),
    abi: splitList(argv.abi) as Abi[],
    tag: splitList(argv.tag),
    shard: argv.shard === undefined ? undefined : parseShard(argv.shard),
  });
  return { all, selected };
}

/** Refuse options that take one value but were given more than once (yargs would pass an array on). */
export function onceOnly<T>(y: Argv<T>, names: readonly string[]): Argv<T> {
  return y.check((argv) => {
    const twice = names.find((n) => Array.isArray((argv as Record<string, unknown>)[n]));
    return twice === undefined ? true : `--${twice} was given more than once`;
  });
}
