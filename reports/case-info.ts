/**
 * What the report shows about a case beyond its result: the fixture's sidecar (description,
 * spec anchor, tags, expect/accept, fs_after) and its WAT source, read from
 * `wat/<id>.json` and `wat/<id>.wat`. A missing or unreadable file makes the details
 * "unavailable" for that case; it never stops the report.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Abi, Sidecar } from '../suites/sidecar.js';
import { specUrl } from './syscall-docs.js';

export interface CaseInfo {
  /** The parsed sidecar, or null when missing/invalid. Fields are checked again where used. */
  sidecar: Partial<Sidecar> | null;
  wat: string | null;
  /** '' when both files were read; otherwise what is missing, for the page to show. */
  problem: string;
}

/** Case ids are `<abi>/<syscall>/<case>`; anything else (`..`, absolute paths) is not a fixture path. */
const SAFE_ID = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

export function readCaseInfo(watDir: string, id: string): CaseInfo {
  if (!SAFE_ID.test(id) || id.split('/').some((p) => p === '.' || p === '..')) {
    return { sidecar: null, wat: null, problem: 'case id is not a fixture path' };
  }
  const problems: string[] = [];
  const wat = readText(join(watDir, `${id}.wat`));
  if (wat === null) problems.push(`${id}.wat not found`);
  const json = readText(join(watDir, `${id}.json`));
  let sidecar: Partial<Sidecar> | null = null;
  if (json === null) {
    problems.push(`${id}.json not found`);
  } else {
    try {
      const v: unknown = JSON.parse(json);
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) sidecar = v as Partial<Sidecar>;
      else problems.push(`${id}.json is not an object`);
    } catch (e) {
      problems.push(`${id}.json is not valid JSON (${(e as Error).message})`);
    }
  }
  return { sidecar, wat, problem: problems.join('; ') };
}

export function readCaseInfos(watDir: string, ids: Iterable<string>): Map<string, CaseInfo> {
  const out = new Map<string, CaseInfo>();
  for (const id of ids) if (!out.has(id)) out.set(id, readCaseInfo(watDir, id));
  return out;
}

/**
 * The spec link for a sidecar's `spec` field ("path_open; docs.md#path_open; sandboxing"):
 * the first `docs.md#anchor` in it, else an http(s) URL in it, else the syscall's own section.
 */
export function specLink(spec: unknown, abi: Abi, syscall: string): string {
  if (typeof spec === 'string') {
    const anchor = /docs\.md#([A-Za-z0-9_.-]+)/.exec(spec);
    if (anchor) return specUrl(abi, anchor[1]!);
    const url = /https?:\/\/[^\s;]+/.exec(spec);
    if (url) return url[0];
  }
  return specUrl(abi, syscall);
}
