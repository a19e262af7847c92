/**
 * Which reference source files `npm run mutate` mutates, grouped by syscall family: a mutant's
 * family is the family of its file. The syscall modules themselves plus the code that carries
 * their behaviour (fd objects, the sandbox resolver, guest memory, rights); `shared` holds what
 * every family goes through and counts in the overall score only.
 *
 * Left out on purpose (a `--files` glob can still name them):
 * - reference/fd/socket.ts: the fixture format cannot hand a socket to the guest (sidecars have
 *   no socket preopen), so no WAT case can reach it — its mutants would all be NoCoverage.
 * - reference/fs/host.ts, reference/fs/memory.ts: backends (node:fs plumbing; MemoryFS is not
 *   what the runner's reference adapter uses).
 * - reference/wasi.ts, options.ts, node-errors.ts, imports.ts: the embedding API, not syscalls
 *   (the jest tests cover them).
 * - reference/abi.ts, errors.ts: constant tables (ABI numbers, host error-code names).
 */
export const FAMILIES = ['args_env', 'clock', 'fd', 'path', 'poll', 'proc', 'random', 'sock'] as const;
export type Family = typeof FAMILIES[number];
/** A family, or `shared` (code every family uses; in the overall figure only). */
export type Bucket = Family | 'shared';

export const FAMILY_FILES: Readonly<Record<Bucket, readonly string[]>> = {
  args_env: ['reference/syscalls/args_env.ts'],
  clock: ['reference/syscalls/clock.ts'],
  fd: [
    'reference/syscalls/fd.ts', 'reference/syscalls/times.ts', 'reference/fd/base.ts', 'reference/fd/file.ts',
    'reference/fd/stdio.ts', 'reference/fdtable.ts',
  ],
  path: ['reference/syscalls/path.ts', 'reference/fd/directory.ts', 'reference/fs/sandbox.ts', 'reference/fs/resolve.ts'],
  poll: ['reference/syscalls/poll.ts'],
  proc: ['reference/syscalls/proc.ts'],
  random: ['reference/syscalls/random.ts'],
  sock: ['reference/syscalls/sock.ts'],
  shared: ['reference/memory.ts', 'reference/rights.ts'],
};

export const BUCKETS = Object.keys(FAMILY_FILES) as Bucket[];

export function isBucket(name: string): name is Bucket {
  return Object.hasOwn(FAMILY_FILES, name);
}

/** The bucket of a source file (path relative to the package root, `/` separators), or 'other'. */
export function bucketOf(file: string): Bucket | 'other' {
  const rel = file.replace(/\\/g, '/').replace(/^\.\//, '');
  return BUCKETS.find((b) => FAMILY_FILES[b].includes(rel)) ?? 'other';
}

/** The files of the given buckets, in table order (every bucket when none is given). */
export function filesOf(buckets: readonly Bucket[]): string[] {
  const chosen = buckets.length === 0 ? BUCKETS : buckets;
  return BUCKETS.filter((b) => chosen.includes(b)).flatMap((b) => FAMILY_FILES[b]);
}
