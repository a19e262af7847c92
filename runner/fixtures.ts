/**
 * The fixture set: every sidecar under a `wat/` root (`<abi>/<syscall>/<case>.json` beside
 * `<case>.wat`), validated against schemas/fixture.schema.json, then filtered and sharded.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ABIS, type Abi, type Sidecar } from '../suites/sidecar.js';
import { UsageError } from './errors.js';
import { isGlob, matchGlob } from './glob.js';
import { problem } from './schemas.js';

export interface Fixture {
  sidecar: Sidecar;
  /** Absolute paths of the sidecar and its WAT source. */
  jsonPath: string;
  watPath: string;
}

export interface Shard { index: number; count: number }

export interface FixtureFilter {
  /** Globs on ids; a plain string without glob characters matches that id or ids under it. */
  filter?: readonly string[];
  syscall?: readonly string[];
  abi?: readonly Abi[];
  /** A case matches when it has any of these tags. */
  tag?: readonly string[];
  shard?: Shard;
}

/** A path as the user would type it: relative to the working directory when under it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

function subdirs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}

/** Read, parse and check one sidecar; returns the problem as one line instead of throwing. */
function readSidecar(jsonPath: string, abi: string, syscall: string, name: string): Sidecar | string {
  const where = displayPath(jsonPath);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(jsonPath, 'utf8'));
  } catch (e) {
    return `${where}: not valid JSON (${e instanceof Error ? e.message : String(e)})`;
  }
  const bad = problem('fixture', data);
  if (bad) return `${where}: ${bad}`;
  const s = data as Sidecar;
  const id = `${abi}/${syscall}/${name}`;
  if (s.id !== id) return `${where}: /id must be "${id}" (the file's place under wat/), not "${s.id}"`;
  if (s.abi !== abi || s.syscall !== syscall) return `${where}: /abi and /syscall must match the path (${abi}/${syscall})`;
  if (!existsSync(join(jsonPath, '..', `${name}.wat`))) return `${where}: no ${name}.wat beside it`;
  return s;
}

/** Load every fixture under `root`, sorted by id. Malformed sidecars → one UsageError (first problem + count). */
export function loadFixtures(root: string): Fixture[] {
  if (!existsSync(root)) throw new UsageError(`fixture directory ${displayPath(root)} does not exist (run \`wasi-conformance generate\`)`);
  if (!statSync(root).isDirectory()) throw new UsageError(`fixture directory ${displayPath(root)} is not a directory`);
  const fixtures: Fixture[] = [];
  const problems: string[] = [];
  for (const abi of subdirs(root).filter((d) => (ABIS as readonly string[]).includes(d))) {
    for (const syscall of subdirs(join(root, abi))) {
      const dir = join(root, abi, syscall);
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
        const name = file.slice(0, -'.json'.length);
        const jsonPath = join(dir, file);
        const s = readSidecar(jsonPath, abi, syscall, name);
        if (typeof s === 'string') problems.push(s);
        else fixtures.push({ sidecar: s, jsonPath, watPath: join(dir, `${name}.wat`) });
      }
    }
  }
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more malformed sidecar${problems.length > 2 ? 's' : ''})` : '';
    throw new UsageError(`${problems[0]}${more}`);
  }
  return fixtures.sort((a, b) => (a.sidecar.id < b.sidecar.id ? -1 : a.sidecar.id > b.sidecar.id ? 1 : 0));
}

/** `--shard i/n` (1-based). */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard must be i/n with 1 ≤ i ≤ n (e.g. 2/5), got "${text}"`);
  }
  return { index, count };
}

function idMatches(pattern: string, id: string): boolean {
  if (isGlob(pattern)) return matchGlob(pattern, id);
  const p = pattern.replace(/\/+$/, '');
  return id === p || id.startsWith(`${p}/`);
}

/**
 * Keep the fixtures the filters select, then the shard's share: sorted by id, case k (0-based)
 * belongs to shard (k mod n) + 1, so shards 1..n partition the filtered set exactly.
 */
export function selectFixtures(all: readonly Fixture[], f: FixtureFilter): Fixture[] {
  const selected = all.filter(({ sidecar: s }) =>
    (!f.filter?.length || f.filter.some((g) => idMatches(g, s.id)))
    && (!f.syscall?.length || f.syscall.includes(s.syscall))
    && (!f.abi?.length || f.abi.includes(s.abi))
    && (!f.tag?.length || f.tag.some((t) => s.tags.includes(t))));
  if (!f.shard) return selected;
  const { index, count } = f.shard;
  return [...selected]
    .sort((a, b) => (a.sidecar.id < b.sidecar.id ? -1 : a.sidecar.id > b.sidecar.id ? 1 : 0))
    .filter((_, k) => k % count === index - 1);
}
