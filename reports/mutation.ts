/**
 * reports/out/mutation.json (schema `wasi-conformance/mutation@1`): how many injected bugs in the
 * reference the suite detects, per syscall family — written by `npm run mutate`
 * (runner/mutation/), shown by the HTML report when the file exists. Types and the loader only.
 */
import { existsSync, readFileSync } from 'node:fs';

export const MUTATION_SCHEMA = 'wasi-conformance/mutation@1';
export const MUTATION_FILE = 'mutation.json';

export interface MutationCounts {
  mutants: number;
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  /** Ignored by configuration (diagnostic message text: the guest never sees it). */
  ignored: number;
  /** Reviewed mutants that change nothing a guest can observe (docs/equivalent-mutants.json kinds equivalent, unreachable). */
  equivalent: number;
  /** Reviewed mutants whose change the spec leaves open, so no case may assert it (kind unspecified). */
  unspecified: number;
  /** Reviewed mutants that turn the reference into one of the suite's accepted alternatives (kind accepted). */
  accepted: number;
  /** Mutants that broke the build or the runner (not scored, as in Stryker). */
  errors: number;
}

export interface MutationScores extends MutationCounts {
  /** Percent, one decimal: (killed + timeout) / (killed + timeout + survived + noCoverage); null when nothing is scored. */
  score: number | null;
  /** The same over the mutants some case reaches (no-coverage left out). */
  scoreCovered: number | null;
  /** Only equivalent and unreachable mutants left out: unspecified and accepted ones count as undetected. */
  strictScore: number | null;
  /** Stryker's own score, before the review: reviewed mutants counted as undetected. */
  rawScore: number | null;
}

/** A mutant the suite does not detect: which rule lacks a case. */
export interface MutationSurvivor {
  file: string;
  line: number;
  column: number;
  mutator: string;
  original: string;
  replacement: string;
  status: 'Survived' | 'NoCoverage';
  /** How many cases reach it (0: none). */
  coveredBy: number;
}

export interface FamilyMutation extends MutationScores {
  /** The family's source files this measurement mutated. */
  files: string[];
  measuredAt: string;
  survivors: MutationSurvivor[];
}

/**
 * Why a reviewed mutant is left out of the score:
 * - equivalent: it changes nothing a guest can observe;
 * - unreachable: no guest input runs it (checks before it reject every call; the harness's fixed
 *   embedding, e.g. returnOnExit, never takes that branch);
 * - unspecified: the change is observable, but the spec leaves that value open and no runtime
 *   behaviour pins it, so no case may assert it;
 * - accepted: the mutant behaves as one of the suite's labelled accepted alternatives
 *   (docs/CHOICES.md): conforming by the suite's own rules.
 */
export type ReviewKind = 'equivalent' | 'unreachable' | 'unspecified' | 'accepted';

/** A reviewed mutant that the suite cannot (equivalent, unreachable, unspecified) or should not (accepted) reject. */
export interface EquivalentMutant {
  file: string;
  /** Where it was when reviewed (a hint: entries match by text, the nearest line wins among equal texts). */
  line: number;
  kind: ReviewKind;
  mutator: string;
  /** The source text the mutant replaces. */
  original: string;
  replacement: string;
  reason: string;
}

export interface MutationFigures {
  schema: typeof MUTATION_SCHEMA;
  generatedAt: string;
  /** Target scores (percent). */
  target: { overall: number; family: number };
  overall: MutationScores;
  /** By family (args_env … sock) and `shared` (code every family uses). */
  families: Record<string, FamilyMutation | undefined>;
  /** Equivalent-mutant entries that match no mutant any more (the code changed): to review. */
  staleEquivalents: EquivalentMutant[];
}

/** The figures file, or null when it is absent or not this schema (the report then has no such section). */
export function readMutationFigures(path: string): MutationFigures | null {
  if (!existsSync(path)) return null;
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as Partial<MutationFigures>;
    return data.schema === MUTATION_SCHEMA && data.overall && data.families ? (data as MutationFigures) : null;
  } catch {
    return null;
  }
}
