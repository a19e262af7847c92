/**
 * `.wasi-conformance.json` in the working directory: where a runtime author declares the
 * command adapters of their runtime (or redeclares a preset's), for `--adapter NAME`:
 *
 *   { "adapters": { "myrt": { "command": "myrt --dir {dir}::{guest} {wasm} {args}",
 *                             "trap": { "exitCodes": [134] }, "abis": ["preview1"] } } }
 *
 * `command` is a template (runner/adapters/command/template.ts); `trap` says how a trap shows
 * (runner/adapters/command/trap.ts; default exit code 134); `abis` defaults to both; `version`
 * is optional (else `<program> --version` is asked). Problems are one-line usage errors.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ABIS, type Abi } from '../suites/sidecar.js';
import type { CommandAdapterDef } from './adapters/command/adapter.js';
import { parseTemplate } from './adapters/command/template.js';
import { checkTrapRule } from './adapters/command/trap.js';
import { UsageError } from './errors.js';

export const CONFIG_FILE = '.wasi-conformance.json';

const ENTRY_FIELDS = ['command', 'trap', 'abis', 'version'];

function checkEntry(name: string, entry: unknown, where: string): CommandAdapterDef {
  const at = `${where}: adapters.${name}`;
  if (!/^[A-Za-z0-9][\w.:-]*$/.test(name) || name === 'all') throw new UsageError(`${where}: "${name}" is not a usable adapter name (letters, digits, . _ : -; not "all")`);
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new UsageError(`${at} must be an object with a "command" template`);
  const e = entry as Record<string, unknown>;
  const unknown = Object.keys(e).find((k) => !ENTRY_FIELDS.includes(k));
  if (unknown) throw new UsageError(`${at}: unknown field "${unknown}" (known: ${ENTRY_FIELDS.join(', ')})`);
  if (typeof e.command !== 'string') throw new UsageError(`${at}: "command" must be a template string, e.g. "myrt --dir {dir}::{guest} {wasm} {args}"`);
  try {
    parseTemplate(e.command);
  } catch (err) {
    throw new UsageError(`${at}: ${(err as Error).message}`);
  }
  if (e.abis !== undefined && !(Array.isArray(e.abis) && e.abis.length > 0 && e.abis.every((a) => (ABIS as readonly unknown[]).includes(a)))) {
    throw new UsageError(`${at}: "abis" must be a non-empty array of ${ABIS.map((a) => `"${a}"`).join(', ')}`);
  }
  if (e.version !== undefined && typeof e.version !== 'string') throw new UsageError(`${at}: "version" must be a string`);
  return {
    name, command: e.command, trap: e.trap === undefined ? undefined : checkTrapRule(e.trap, at),
    ...(e.abis ? { abis: e.abis as Abi[] } : {}), ...(e.version ? { version: e.version as string } : {}),
  };
}

/** The command adapters a config file declares (empty without a file). */
export function loadConfigAdapters(dir = process.cwd()): CommandAdapterDef[] {
  const path = join(dir, CONFIG_FILE);
  if (!existsSync(path)) return [];
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`${CONFIG_FILE}: not valid JSON (${(e as Error).message.split('\n')[0]})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new UsageError(`${CONFIG_FILE}: expected an object like { "adapters": { … } }`);
  const unknown = Object.keys(data).find((k) => k !== 'adapters' && k !== '$schema');
  if (unknown) throw new UsageError(`${CONFIG_FILE}: unknown field "${unknown}" (known: adapters)`);
  const adapters = (data as { adapters?: unknown }).adapters ?? {};
  if (typeof adapters !== 'object' || adapters === null || Array.isArray(adapters)) throw new UsageError(`${CONFIG_FILE}: "adapters" must be an object of name → { command, trap?, abis? }`);
  return Object.entries(adapters).map(([name, entry]) => checkEntry(name, entry, CONFIG_FILE));
}
