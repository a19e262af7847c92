/**
 * The fixture sidecar: `wat/<abi>/<syscall>/<case>.json`, written by the generator next to
 * `<case>.wat`. A superset of the wasi-testsuite spec format (args, env, dirs, exit_code,
 * stdout). The JSON Schema in schemas/fixture.schema.json mirrors this type; keep them in step.
 *
 * This module is pure data types: runner/ and reports/ import it; it imports nothing.
 */

export type Abi = 'preview1' | 'unstable';
export const ABIS: readonly Abi[] = ['preview1', 'unstable'];

/** WASI import module name per ABI. */
export const MODULE_NAME: Record<Abi, string> = {
  preview1: 'wasi_snapshot_preview1',
  unstable: 'wasi_unstable',
};

/**
 * A directory tree to build on the host before a case runs (and to compare after it).
 * - a string: a regular file with that UTF-8 content
 * - `{ symlink: target }`: a symbolic link (target written verbatim, may point outside)
 * - `{ file: base64, encoding: 'base64' }`: a regular file with binary content
 * - any other object: a directory whose keys are entry names
 */
export type TreeEntry = string | SymlinkEntry | BinaryFileEntry | Tree;
export interface SymlinkEntry { symlink: string }
export interface BinaryFileEntry { file: string; encoding: 'base64' }
export interface Tree { [name: string]: TreeEntry }

export function isSymlinkEntry(e: TreeEntry): e is SymlinkEntry {
  return typeof e === 'object' && e !== null && typeof (e as SymlinkEntry).symlink === 'string'
    && Object.keys(e).length === 1;
}
export function isBinaryFileEntry(e: TreeEntry): e is BinaryFileEntry {
  return typeof e === 'object' && e !== null && (e as BinaryFileEntry).encoding === 'base64'
    && typeof (e as BinaryFileEntry).file === 'string';
}
export function isDirEntry(e: TreeEntry): e is Tree {
  return typeof e === 'object' && e !== null && !isSymlinkEntry(e) && !isBinaryFileEntry(e);
}

/** A directory the runtime preopens: `guest` is the name the guest sees (e.g. "/sandbox"). */
export interface Preopen { guest: string; tree: Tree }

/** What the fixture does when it behaves as the spec says. */
export type Expectation =
  | { exit_code: number; stdout?: string }
  | { trap: true };

/** A defensible alternative behaviour, labelled with what it is and who does it. */
export interface Alternative {
  behaviour: string;
  exit_code?: number;
  trap?: true;
  stdout?: string;
  fs_after?: Tree;
}

export interface Sidecar {
  /** `<abi>/<syscall>/<case>`, e.g. "preview1/path_open/dotdot-escape-refused". */
  id: string;
  syscall: string;
  abi: Abi;
  /** One sentence, under ~100 characters: the rule this case checks. */
  description: string;
  /** Anchor into the spec docs, e.g. "docs.md#path_open", optionally with a note. */
  spec: string;
  /** Optional quote of the spec sentence the case checks. */
  quote?: string;
  tags: string[];
  /** Arguments after argv[0] (the runtime chooses argv[0]; fixtures never assert it). */
  args: string[];
  env: Record<string, string>;
  stdin: string;
  preopens: Preopen[];
  /** Canary tree placed beside the sandbox; must be byte-for-byte unchanged after the run. */
  outside?: Tree;
  expect: Expectation;
  accept?: Alternative[];
  /** Expected state of the first preopen's tree after the run (when the case checks it). */
  fs_after?: Tree;
  /** Features the adapter must have (e.g. "stdin", "socket"); adapters lacking one skip. */
  requires?: string[];
  /** Per-case timeout override in milliseconds (e.g. poll_oneoff sleeping cases). */
  timeout_ms?: number;
}
