/**
 * The JSON Schemas in schemas/ (fixture sidecar, report, expectations), compiled once per
 * thread with ajv, and their errors turned into one line naming the file and the field:
 * `wat/preview1/fd_read/x.json: /expect/exit_code must be integer`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { UsageError } from './errors.js';
import { SCHEMAS_DIR } from './paths.js';

export type SchemaName = 'fixture' | 'report' | 'expectations';

let ajv: Ajv | undefined;
const compiled = new Map<SchemaName, ValidateFunction>();

function validator(name: SchemaName): ValidateFunction {
  let v = compiled.get(name);
  if (!v) {
    ajv ??= new Ajv({ allErrors: false, strict: true, strictTypes: false, strictRequired: false });
    const schema = JSON.parse(readFileSync(join(SCHEMAS_DIR, `${name}.schema.json`), 'utf8')) as object;
    v = ajv.compile(schema);
    compiled.set(name, v);
  }
  return v;
}

/** The most specific error: the deepest field, preferring a real rule over `if`/`oneOf` wrappers. */
function mostSpecific(errors: readonly ErrorObject[]): ErrorObject {
  const wrapper = (e: ErrorObject) => e.keyword === 'if' || e.keyword === 'anyOf' || e.keyword === 'oneOf';
  const depth = (e: ErrorObject) => e.instancePath.split('/').length + (wrapper(e) ? 0 : 0.5);
  return errors.reduce((best, e) => (depth(e) > depth(best) ? e : best));
}

/** One ajv error as `<field> <problem>`, the field as a JSON pointer (`/` for the root). */
export function describeError(e: ErrorObject): string {
  const at = e.instancePath || '';
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': return `${at}/${String(p.missingProperty)} is required`;
    case 'additionalProperties': return `${at}/${String(p.additionalProperty)} is not a known field`;
    case 'enum': return `${at || '/'} must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const': return `${at || '/'} must be ${JSON.stringify(p.allowedValue)}`;
    case 'propertyNames': return `${at || '/'} has an invalid name ${JSON.stringify(p.propertyName)}`;
    default: return `${at || '/'} ${e.message ?? 'is invalid'}`;
  }
}

/** Check `data` against a schema; on failure throw a one-line UsageError naming `file` and the field. */
export function validate<T>(name: SchemaName, data: unknown, file: string): T {
  const v = validator(name);
  if (!v(data)) throw new UsageError(`${file}: ${describeError(mostSpecific(v.errors ?? []))}`);
  return data as T;
}

/** Like validate, but returns the one-line problem (or null) instead of throwing. */
export function problem(name: SchemaName, data: unknown): string | null {
  const v = validator(name);
  return v(data) ? null : describeError(mostSpecific(v.errors ?? []));
}

/** The one-line problem (or null) of `data` checked against one definition of a schema (e.g. report's `caseResult`). */
export function definitionProblem(name: SchemaName, definition: string, data: unknown): string | null {
  const schemaId = (validator(name).schema as { $id?: string }).$id;
  const v = schemaId ? ajv!.getSchema(`${schemaId}#/definitions/${definition}`) : undefined;
  if (!v) throw new Error(`schemas/${name}.schema.json has no $id or no definition ${definition}`);
  return v(data) ? null : describeError(mostSpecific(v.errors ?? []));
}
