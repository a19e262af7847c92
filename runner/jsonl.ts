/**
 * Results as JSON lines, one per case result, written synchronously as they arrive so a run
 * that is killed keeps every line it had. Each line is a CaseResult plus its `adapter` name.
 * `run --resume FILE` reads such a file back (readResultLines) and appends to it.
 */
import { closeSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import type { CaseResult } from '../reports/model.js';
import { UsageError } from './errors.js';
import { displayPath } from './fixtures.js';
import { definitionProblem } from './schemas.js';

export class JsonlWriter {
  private fd: number | null;

  /** `append`: keep what the file holds (a resumed run); otherwise start it empty. */
  constructor(path: string, append = false) {
    try {
      this.fd = openSync(path, append ? 'a' : 'w');
    } catch (e) {
      throw new UsageError(`cannot write ${displayPath(path)}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  }

  write(adapter: string, result: CaseResult): void {
    if (this.fd !== null) writeSync(this.fd, `${JSON.stringify({ adapter, ...result })}\n`);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

/** Results by adapter name, then by case id. */
export type ResultsByAdapter = Map<string, Map<string, CaseResult>>;

export interface ResultLines {
  results: ResultsByAdapter;
  /** How many results were read. */
  count: number;
  /** A last line cut short (the run was killed while writing it): dropped, not an error. */
  partialLine: boolean;
  /** Bytes up to the end of the last complete line. */
  completeBytes: number;
}

/**
 * Read a results stream. Every complete line must be a result (CaseResult + `adapter`, checked
 * against schemas/report.schema.json); a last line without its newline is what a kill leaves
 * and is dropped. A case listed twice keeps its last line.
 */
export function readResultLines(path: string): ResultLines {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`${displayPath(path)}: ${code === 'ENOENT' ? 'no such file (nothing to resume)' : `cannot read (${code ?? String(e)})`}`);
  }
  const end = text.lastIndexOf('\n') + 1;
  const results: ResultsByAdapter = new Map();
  let count = 0;
  const lines = text.slice(0, end).split('\n');
  lines.pop(); // after the last newline
  lines.forEach((line, i) => {
    const where = `${displayPath(path)}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new UsageError(`${where}: not a JSON line (is this a --jsonl results file?)`);
    }
    const { adapter, ...result } = (value ?? {}) as { adapter?: unknown } & Record<string, unknown>;
    if (typeof adapter !== 'string' || adapter === '') throw new UsageError(`${where}: /adapter must be a non-empty string`);
    const bad = definitionProblem('report', 'caseResult', result);
    if (bad) throw new UsageError(`${where}: ${bad}`);
    const r = result as unknown as CaseResult;
    let byId = results.get(adapter);
    if (!byId) results.set(adapter, (byId = new Map()));
    byId.set(r.id, r);
    count++;
  });
  return { results, count, partialLine: end < text.length, completeBytes: Buffer.byteLength(text.slice(0, end)) };
}

/** Cut a results file after its last complete line (before appending to it). */
export function dropPartialLine(path: string, lines: ResultLines): void {
  if (lines.partialLine) truncateSync(path, lines.completeBytes);
}
