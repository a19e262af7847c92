/**
 * Mutation figures per syscall family, from Stryker's report (mutation-testing-report-schema):
 * counts by status, the scores, the mutants that survive, and the reviewed mutants
 * (docs/equivalent-mutants.json) taken out of the score. Pure functions: reporter.ts does the I/O.
 *
 * score        = detected / (detected + survived + no coverage), detected = killed + timeout,
 *                after the review (reviewed mutants are neither detected nor undetected);
 * scoreCovered = the same over mutants some case reaches (no-coverage left out);
 * strictScore  = only equivalent and unreachable mutants left out (unspecified, accepted count as undetected);
 * rawScore     = Stryker's score before the review.
 * Ignored mutants (diagnostic messages, ignorer.ts) and errors are counted but never scored.
 */
import {
  MUTATION_SCHEMA, type EquivalentMutant, type FamilyMutation, type MutationCounts, type MutationFigures, type MutationScores,
  type MutationSurvivor,
} from '../../reports/mutation.js';
import { bucketOf, BUCKETS, FAMILY_FILES, type Bucket } from './families.js';

export type { MutationFigures };

/** The slice of mutation-testing-report-schema this reads. */
export interface StrykerMutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  status: string;
  statusReason?: string;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
  coveredBy?: string[];
  killedBy?: string[];
  static?: boolean;
}
export interface StrykerReport {
  files: Record<string, { source: string; mutants: StrykerMutant[] }>;
  /** Tests by file; a mutant's coveredBy/killedBy hold these ids (not the runner's). */
  testFiles?: Record<string, { tests: { id: string; name: string }[] }>;
}

export type EquivalentEntry = EquivalentMutant;
type Counts = MutationCounts;
type Figures = MutationScores;
type Survivor = MutationSurvivor;
type FamilyFigures = FamilyMutation;

export const TARGET = { overall: 85, family: 75 } as const;

const ZERO: Counts = { mutants: 0, killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, equivalent: 0, unspecified: 0, accepted: 0, errors: 0 };

function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

export function withScores(c: Counts): Figures {
  const detected = c.killed + c.timeout;
  return {
    ...c,
    score: percent(detected, detected + c.survived + c.noCoverage),
    scoreCovered: percent(detected, detected + c.survived),
    strictScore: percent(detected, detected + c.survived + c.noCoverage + c.unspecified + c.accepted),
    rawScore: percent(detected, detected + c.survived + c.noCoverage + c.equivalent + c.unspecified + c.accepted),
  };
}

function add(a: Counts, b: Counts): Counts {
  const out = { ...a };
  for (const k of Object.keys(ZERO) as (keyof Counts)[]) out[k] += b[k];
  return out;
}

/** The text a mutant replaces, cut from the file source by its 1-based location. */
export function originalText(source: string, m: StrykerMutant): string {
  const lines = source.split('\n');
  const { start, end } = m.location;
  if (start.line === end.line) return (lines[start.line - 1] ?? '').slice(start.column - 1, end.column - 1);
  const first = (lines[start.line - 1] ?? '').slice(start.column - 1);
  const middle = lines.slice(start.line, end.line - 1);
  const last = (lines[end.line - 1] ?? '').slice(0, end.column - 1);
  return [first, ...middle, last].join('\n');
}

/** Whitespace-insensitive text key (reformatting does not invalidate a review). */
const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

function entryKey(file: string, mutator: string, original: string, replacement: string): string {
  return [file, mutator, squash(original), squash(replacement)].join('\u0000');
}

/** Paths as the families table writes them: relative to the package root, `/` separators. */
export function normalizeFile(file: string, root: string): string {
  const f = file.replace(/\\/g, '/');
  const r = root.replace(/\\/g, '/').replace(/\/?$/, '/');
  return f.startsWith(r) ? f.slice(r.length) : f.replace(/^\.\//, '');
}

/** A Survived/NoCoverage mutant with the key reviews match on. */
interface Candidate { m: StrykerMutant; key: string; line: number }

/**
 * Reviewed entries claim mutants: each entry the unclaimed mutant with its key (file, mutator,
 * original and replacement text) nearest to its line hint. Returns mutant id → entry.
 */
function matchReviews(candidates: readonly Candidate[], entries: readonly EquivalentEntry[]): Map<string, EquivalentEntry> {
  const claimed = new Map<string, EquivalentEntry>();
  for (const e of entries) {
    const key = entryKey(e.file, e.mutator, e.original, e.replacement);
    let best: Candidate | undefined;
    for (const c of candidates) {
      if (c.key !== key || claimed.has(c.m.id)) continue;
      if (!best || Math.abs(c.line - e.line) < Math.abs(best.line - e.line)) best = c;
    }
    if (best) claimed.set(best.m.id, e);
  }
  return claimed;
}

export function summarize(report: StrykerReport, equivalents: readonly EquivalentEntry[], root: string,
  now = new Date().toISOString()): { families: Partial<Record<Bucket, FamilyFigures>>; staleEquivalents: EquivalentEntry[] } {
  const measuredFiles = Object.entries(report.files)
    .map(([raw, result]) => ({ file: normalizeFile(raw, root), result }))
    .filter((x) => bucketOf(x.file) !== 'other');
  const candidates: Candidate[] = measuredFiles.flatMap(({ file, result }) => result.mutants
    .filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
    .map((m) => ({ m, key: entryKey(file, m.mutatorName, originalText(result.source, m), m.replacement ?? ''), line: m.location.start.line })));
  const reviewed = matchReviews(candidates, equivalents);
  const counts = new Map<Bucket, Counts>();
  const survivors = new Map<Bucket, Survivor[]>();
  const files = new Map<Bucket, string[]>();
  for (const { file, result } of measuredFiles) {
    const bucket = bucketOf(file) as Bucket;
    files.set(bucket, [...(files.get(bucket) ?? []), file]);
    const c = { ...(counts.get(bucket) ?? ZERO) };
    const list = survivors.get(bucket) ?? [];
    for (const m of result.mutants) {
      c.mutants++;
      const review = reviewed.get(m.id);
      if (m.status === 'Killed') c.killed++;
      else if (m.status === 'Timeout') c.timeout++;
      else if (m.status === 'Ignored') c.ignored++;
      else if (m.status === 'CompileError' || m.status === 'RuntimeError') c.errors++;
      else if (review?.kind === 'accepted') c.accepted++;
      else if (review?.kind === 'unspecified') c.unspecified++;
      else if (review) c.equivalent++;
      else if (m.status === 'Survived' || m.status === 'NoCoverage') {
        if (m.status === 'Survived') c.survived++;
        else c.noCoverage++;
        list.push({
          file, line: m.location.start.line, column: m.location.start.column, mutator: m.mutatorName,
          original: squash(originalText(result.source, m)), replacement: squash(m.replacement ?? ''), status: m.status,
          coveredBy: m.coveredBy?.length ?? 0,
        });
      }
    }
    counts.set(bucket, c);
    survivors.set(bucket, list);
  }
  const families: Partial<Record<Bucket, FamilyFigures>> = {};
  for (const b of BUCKETS) {
    const c = counts.get(b);
    if (!c) continue;
    const order = (f: string) => FAMILY_FILES[b].indexOf(f);
    families[b] = {
      ...withScores(c),
      files: (files.get(b) ?? []).sort((x, y) => order(x) - order(y)),
      measuredAt: now,
      survivors: (survivors.get(b) ?? []).sort((x, y) => order(x.file) - order(y.file) || x.line - y.line || x.column - y.column),
    };
  }
  // An entry is stale when its file was measured in this run and it matched no mutant.
  const measured = new Set(measuredFiles.map((x) => x.file));
  const used = new Set(reviewed.values());
  const staleEquivalents = equivalents.filter((e) => measured.has(e.file) && !used.has(e));
  return { families, staleEquivalents };
}

/**
 * Fold a new measurement into the previous figures: the families measured now replace theirs,
 * the others are kept (a `--family fd` run leaves the path figures as they were).
 */
export function merge(previous: MutationFigures | null, current: ReturnType<typeof summarize>,
  now = new Date().toISOString()): MutationFigures {
  const all: Record<string, FamilyFigures | undefined> = { ...(previous?.families ?? {}), ...current.families };
  const families = Object.fromEntries(BUCKETS.filter((b) => all[b]).map((b) => [b, all[b]]));
  const keptStale = (previous?.staleEquivalents ?? []).filter((e) => !Object.values(current.families).some((f) => f.files.includes(e.file)));
  const total = Object.values(families).reduce<Counts>((acc, f) => (f ? add(acc, f) : acc), ZERO);
  return {
    schema: MUTATION_SCHEMA,
    generatedAt: now,
    target: { ...TARGET },
    overall: withScores(total),
    families,
    staleEquivalents: [...keptStale, ...current.staleEquivalents],
  };
}

/** A plain-text table of the figures (the CLI prints it; README figures are copied from it). */
export function formatFigures(f: MutationFigures): string {
  const pct = (v: number | null) => (v === null ? '   -' : `${v.toFixed(1)}%`);
  const row = (name: string, x: Figures) => [
    name.padEnd(9), String(x.mutants).padStart(7), String(x.killed + x.timeout).padStart(8), String(x.survived).padStart(8),
    String(x.noCoverage).padStart(8), String(x.equivalent).padStart(6), String(x.unspecified).padStart(6), String(x.accepted).padStart(8),
    String(x.ignored).padStart(7), pct(x.score).padStart(7), pct(x.strictScore).padStart(7), pct(x.rawScore).padStart(7),
  ].join(' ');
  const head = ['family'.padEnd(9), 'mutants'.padStart(7), 'detected'.padStart(8), 'survived'.padStart(8), 'no-cover'.padStart(8),
    'equiv'.padStart(6), 'unspec'.padStart(6), 'accepted'.padStart(8), 'ignored'.padStart(7), 'score'.padStart(7), 'strict'.padStart(7),
    'raw'.padStart(7)].join(' ');
  const lines = [head];
  for (const b of BUCKETS) {
    const x = f.families[b];
    if (x) lines.push(row(b, x));
  }
  lines.push(row('overall', f.overall));
  return lines.join('\n');
}
