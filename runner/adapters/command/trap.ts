/**
 * How a trap shows up when a runtime runs in its own process: an exit code (wasmtime and
 * WasmEdge exit 134, 128 + SIGABRT), a signal, and/or a message on stderr. A run counts as a
 * trap when its exit code or signal is listed — or, with neither list but a `stderr` pattern,
 * when it did not exit 0 — and, when `stderr` is given, a line of stderr matches it too. An
 * empty rule sees no traps; `DEFAULT_TRAP` is the rule of templates that give none.
 */
import { UsageError } from '../../errors.js';

export interface TrapRule {
  exitCodes?: number[];
  signals?: string[];
  /** A regular expression (JavaScript syntax) matched against stderr. */
  stderr?: string;
}

/** The wasmtime convention (also WasmEdge's, and our node scripts'): a trap exits 134. */
export const DEFAULT_TRAP: TrapRule = { exitCodes: [134] };

/** Check a rule from a config file or preset table; problems → one-line usage errors naming `where`. */
export function checkTrapRule(rule: unknown, where: string): TrapRule {
  if (rule === undefined) return {};
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) throw new UsageError(`${where}: "trap" must be an object with exitCodes, signals and/or stderr`);
  const r = rule as Record<string, unknown>;
  const unknown = Object.keys(r).find((k) => !['exitCodes', 'signals', 'stderr'].includes(k));
  if (unknown) throw new UsageError(`${where}: unknown field trap.${unknown} (known: exitCodes, signals, stderr)`);
  if (r.exitCodes !== undefined && !(Array.isArray(r.exitCodes) && r.exitCodes.every((c) => Number.isInteger(c)))) throw new UsageError(`${where}: trap.exitCodes must be an array of integers`);
  if (r.signals !== undefined && !(Array.isArray(r.signals) && r.signals.every((s) => typeof s === 'string'))) throw new UsageError(`${where}: trap.signals must be an array of signal names (e.g. "SIGABRT")`);
  if (r.stderr !== undefined) {
    if (typeof r.stderr !== 'string') throw new UsageError(`${where}: trap.stderr must be a regular expression as a string`);
    try { new RegExp(r.stderr); } catch (e) { throw new UsageError(`${where}: trap.stderr is not a valid regular expression: ${(e as Error).message}`); }
  }
  return r as TrapRule;
}

/** How the process ended, judged by the rule: the trap's description, or null when it is an ordinary exit. */
export function trapOf(rule: TrapRule, code: number | null, signal: string | null, stderr: string): string | null {
  const lists = rule.exitCodes !== undefined || rule.signals !== undefined;
  const listed = lists
    ? (code !== null && (rule.exitCodes ?? []).includes(code)) || (signal !== null && (rule.signals ?? []).includes(signal))
    : rule.stderr !== undefined && code !== 0;
  if (!listed) return null;
  if (rule.stderr !== undefined) {
    const line = stderr.split('\n').find((l) => new RegExp(rule.stderr!).test(l));
    if (line === undefined) return null;
    return line.trim().slice(0, 200);
  }
  return signal !== null ? `killed by ${signal}` : `exit code ${code}`;
}
