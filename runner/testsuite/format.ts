/**
 * The wasi-testsuite test format, as we read its public documentation (doc/specification.md of
 * WebAssembly/wasi-testsuite), not its tests:
 *
 * - A test is a `<name>.wasm` module; its specification is `<name>.json` beside it. No JSON
 *   file means the defaults; a missing field takes its default.
 * - `args` (default []): passed to the program in order, after argv[0].
 * - `env` (default {}): the whole environment the program sees, nothing else.
 * - `dirs` (default []): paths relative to the test's directory, each preopened under that same
 *   name (a directory `fs-tests.dir` is the guest's `fs-tests.dir`).
 * - `exit_code` (default 0): the WASI exit code the program must end with.
 * - `stdout`, `stderr`: when present, the exact bytes the program must print.
 * - `*.cleanup` files are artifacts of earlier runs, to be removed before running.
 * - A test suite directory may carry a `manifest.json` with its `name`.
 * - Newer "operation-based" specifications (`operations`, `proposals`) describe multi-step
 *   tests (sockets, http); we do not run those (the case is recorded as an error saying so).
 *
 * Our runner checks `stdout` and `exit_code`; a `stderr` expectation is not checked (our
 * judge compares stdout and exit codes only), which the run notes once.
 */

/** A legacy (field-based) specification, defaults applied. */
export interface TestsuiteSpec {
  args: string[];
  env: Record<string, string>;
  dirs: string[];
  exit_code: number;
  stdout?: string;
  stderr?: string;
}

export const DEFAULT_SPEC: TestsuiteSpec = { args: [], env: {}, dirs: [], exit_code: 0 };

/** Check and complete a parsed specification; returns the problem as one line instead of throwing. */
export function readSpec(data: unknown): TestsuiteSpec | string {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'a specification must be a JSON object';
  const d = data as Record<string, unknown>;
  if ('operations' in d) return 'operation-based specifications (operations/proposals) are not supported';
  const strings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
  if (d.args !== undefined && !strings(d.args)) return '"args" must be an array of strings';
  if (d.dirs !== undefined && !strings(d.dirs)) return '"dirs" must be an array of strings';
  if (d.env !== undefined && (typeof d.env !== 'object' || d.env === null || Array.isArray(d.env) || !Object.values(d.env).every((v) => typeof v === 'string'))) {
    return '"env" must be an object of strings';
  }
  if (d.exit_code !== undefined && !Number.isInteger(d.exit_code)) return '"exit_code" must be an integer';
  if (d.stdout !== undefined && typeof d.stdout !== 'string') return '"stdout" must be a string';
  if (d.stderr !== undefined && typeof d.stderr !== 'string') return '"stderr" must be a string';
  for (const dir of (d.dirs as string[] | undefined) ?? []) {
    if (dir === '' || dir.startsWith('/') || dir.split('/').includes('..')) return `"dirs" entry "${dir}" must be a relative path inside the test's directory`;
  }
  return {
    args: (d.args as string[] | undefined) ?? [],
    env: (d.env as Record<string, string> | undefined) ?? {},
    dirs: (d.dirs as string[] | undefined) ?? [],
    exit_code: (d.exit_code as number | undefined) ?? 0,
    ...(d.stdout !== undefined ? { stdout: d.stdout as string } : {}),
    ...(d.stderr !== undefined ? { stderr: d.stderr as string } : {}),
  };
}
