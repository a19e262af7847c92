/**
 * The npm package behind an in-process adapter: whether it is installed, and its version (read
 * from its own package.json, found by walking up from the file the package resolves to, so
 * packages whose `exports` hide package.json work too).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PackageInfo { name: string; version: string; dir: string }

const cache = new Map<string, PackageInfo | null>();

function find(name: string): PackageInfo | null {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(name);
  } catch {
    try {
      entry = fileURLToPath(import.meta.resolve(name)); // packages exporting only an `import` condition
    } catch {
      return null;
    }
  }
  for (let dir = dirname(entry); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) return { name, version: pkg.version ?? 'unknown', dir };
    }
    if (dirname(dir) === dir) return null;
  }
}

/** The installed package, or null when it is not installed. */
export function packageInfo(name: string): PackageInfo | null {
  if (!cache.has(name)) cache.set(name, find(name));
  return cache.get(name)!;
}

/** `name@version` for reports, or `name (not installed)`. */
export function packageLabel(name: string): string {
  const p = packageInfo(name);
  return p ? `${p.name}@${p.version}` : `${name} (not installed)`;
}

/** For `Adapter.available()`: null when installed, else the reason and the fix. */
export function packageMissing(name: string): string | null {
  return packageInfo(name) ? null : `the npm package ${name} is not installed (npm install --save-dev ${name})`;
}
