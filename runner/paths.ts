/**
 * Where things live, relative to the package root (the directory holding package.json), so the
 * CLI works the same from the source tree (jest, runner/*.ts), from dist/ and when installed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

function findPackageRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'runner'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`package root not found above ${start}`);
    dir = up;
  }
}

/** The package root: holds package.json, wat/, schemas/, dist/. */
export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** Generated fixtures: `wat/<abi>/<syscall>/<case>.wat` + `.json`. */
export const DEFAULT_WAT_DIR = join(PACKAGE_ROOT, 'wat');
/** Compiled fixtures, named by content hash. */
export const DEFAULT_CACHE_DIR = join(PACKAGE_ROOT, '.cache', 'wasm');
export const SCHEMAS_DIR = join(PACKAGE_ROOT, 'schemas');

/** The built JS of a runner module (workers run built code even when the caller is TS under jest). */
export function distModule(relativeToRunner: string): URL {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return new URL(relativeToRunner, import.meta.url);
  return pathToFileURL(join(PACKAGE_ROOT, 'dist', 'runner', relativeToRunner));
}

let pkg: { name: string; version: string } | undefined;
/** name and version from package.json. */
export function toolInfo(): { name: string; version: string } {
  pkg ??= JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
}
