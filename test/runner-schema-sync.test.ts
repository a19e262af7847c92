/**
 * The JSON Schemas mirror the TypeScript types exactly: for each interface, the schema object
 * has the same properties, and `required` lists exactly the non-optional ones. Read from the
 * sources with the TypeScript parser, so a field added on one side only fails here.
 */
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const ROOT = join(import.meta.dirname, '..');

interface Shape { properties: string[]; required: string[] }

function interfaces(file: string): Map<string, Shape> {
  const src = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.ES2022, true);
  const out = new Map<string, Shape>();
  src.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node)) return;
    const props = node.members.filter(ts.isPropertySignature);
    out.set(node.name.text, {
      properties: props.map((p) => p.name.getText(src)).sort(),
      required: props.filter((p) => !p.questionToken).map((p) => p.name.getText(src)).sort(),
    });
  });
  return out;
}

type SchemaNode = { properties?: Record<string, unknown>; required?: string[]; definitions?: Record<string, SchemaNode>; else?: SchemaNode };

function schema(name: string): SchemaNode {
  return JSON.parse(readFileSync(join(ROOT, 'schemas', `${name}.schema.json`), 'utf8')) as SchemaNode;
}

function shapeOf(node: SchemaNode): Shape {
  return { properties: Object.keys(node.properties ?? {}).sort(), required: [...(node.required ?? [])].sort() };
}

describe('schemas/fixture.schema.json ↔ suites/sidecar.ts', () => {
  const types = interfaces('suites/sidecar.ts');
  const s = schema('fixture');
  test.each([
    ['Sidecar', s],
    ['Preopen', s.definitions!.preopen!],
    ['Alternative', s.definitions!.alternative!],
    ['SymlinkEntry', s.definitions!.symlink!],
    ['BinaryFileEntry', s.definitions!.binaryFile!],
  ])('%s', (name, node) => {
    expect(shapeOf(node)).toEqual(types.get(name));
  });
  test('Expectation: { exit_code, stdout? } | { trap: true }', () => {
    expect(shapeOf(s.definitions!.expectation!.else!)).toEqual({ properties: ['exit_code', 'stdout'], required: ['exit_code'] });
    expect(readFileSync(join(ROOT, 'suites/sidecar.ts'), 'utf8')).toMatch(/\| \{ exit_code: number; stdout\?: string \}\s*\| \{ trap: true \}/);
  });
});

describe('schemas/report.schema.json ↔ reports/model.ts', () => {
  const types = interfaces('reports/model.ts');
  const s = schema('report');
  test.each([
    ['Report', s],
    ['Run', s.definitions!.run!],
    ['AdapterInfo', s.definitions!.adapterInfo!],
    ['Summary', s.definitions!.summary!],
    ['CaseResult', s.definitions!.caseResult!],
    ['TraceCall', s.definitions!.traceCall!],
  ])('%s', (name, node) => {
    expect(shapeOf(node)).toEqual(types.get(name));
  });
});

describe('schemas/expectations.schema.json ↔ runner/expectations.ts', () => {
  const types = interfaces('runner/expectations.ts');
  const s = schema('expectations');
  test.each([
    ['ExpectationsFile', s],
    ['ExpectationEntry', s.definitions!.expectation!],
  ])('%s', (name, node) => {
    expect(shapeOf(node)).toEqual(types.get(name));
  });
});
