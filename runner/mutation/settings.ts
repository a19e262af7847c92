/**
 * The `wasiConformance` block of the Stryker options (stryker.config.mjs), with defaults: where
 * the fixtures, the wasm cache and the figures are, and which families this run measures.
 */
import { join, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';

export interface MutationSettings {
  /** Fixture root; default <package>/wat. */
  wat: string;
  /** Compiled fixture cache; default <package>/.cache/wasm. */
  cache: string;
  /** Where the figures go; default <package>/reports/out/mutation.json. */
  out: string;
  /** Equivalent mutants (reviewed, with reasons); default <package>/docs/equivalent-mutants.json. */
  equivalents: string;
}

export const OPTIONS_KEY = 'wasiConformance';

/** JSON schema of the options block (plugins declare theirs so Stryker validates it). */
export const optionsSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    [OPTIONS_KEY]: {
      type: 'object',
      default: {},
      additionalProperties: false,
      properties: {
        wat: { type: 'string' },
        cache: { type: 'string' },
        out: { type: 'string' },
        equivalents: { type: 'string' },
      },
    },
  },
} as const;

/** Resolve the block (paths relative to the package root, where stryker.config.mjs is). */
export function settingsFrom(options: Record<string, unknown>): MutationSettings {
  const block = (options[OPTIONS_KEY] ?? {}) as Partial<MutationSettings>;
  const at = (p: string | undefined, fallback: string) => resolve(PACKAGE_ROOT, p ?? fallback);
  return {
    wat: at(block.wat, 'wat'),
    cache: at(block.cache, join('.cache', 'wasm')),
    out: at(block.out, join('reports', 'out', 'mutation.json')),
    equivalents: at(block.equivalents, join('docs', 'equivalent-mutants.json')),
  };
}
