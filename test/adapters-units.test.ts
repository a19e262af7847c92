/**
 * Unit tests of the adapter plumbing, in process: command templates and trap rules, the config
 * file, `--adapter` spec splitting, what a case needs, and the tree ↔ in-memory file system
 * converters of each shim representation (round trips through the shims' own classes).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sidecar, Tree } from '../suites/sidecar.js';
import { hasSymlinks, LIMITS, requiredFeatures } from '../runner/adapters/case-needs.js';
import { quoteWord } from '../runner/adapters/command/adapter.js';
import { expandTemplate, parseTemplate, shellWords, type TemplateValues } from '../runner/adapters/command/template.js';
import { checkTrapRule, DEFAULT_TRAP, trapOf } from '../runner/adapters/command/trap.js';
import { splitAdapterSpecs } from '../runner/adapters/index.js';
import { utf8Prefix } from '../runner/adapters/runno.js';
import { bjorn3Contents, readBjorn3Tree, type Bjorn3Fs } from '../runner/adapters/trees/bjorn3.js';
import { memoryLayout } from '../runner/adapters/trees/layout.js';
import { readNodeFsTree, writeNodeFsTree, type SyncFs } from '../runner/adapters/trees/node-fs.js';
import { readRunnoTree, RUNNO_DIR_MARKER, runnoFs } from '../runner/adapters/trees/runno.js';
import { readWasmerTree, writeWasmerTree, type WasmerMemFS } from '../runner/adapters/trees/wasmer.js';
import { loadConfigAdapters } from '../runner/config.js';
import { UsageError } from '../runner/errors.js';
import { readSpec } from '../runner/testsuite/format.js';

const VALUES: TemplateValues = {
  wasm: '/c/m.wasm', abi: 'preview1',
  preopens: [{ host: '/tmp/p0', guest: '/sandbox' }, { host: '/tmp/p 1', guest: '/data' }],
  env: { A: '1', B: 'x y' }, args: ['one', '--two', ''],
};

describe('command templates', () => {
  test('words split like a shell: quotes group, backslash escapes, no expansion', () => {
    expect(shellWords(`a  'b c' "d \\"e\\"" f\\ g '' $HOME`)).toEqual(['a', 'b c', 'd "e"', 'f g', '', '$HOME']);
  });

  test('an option before a per-preopen / per-variable word is repeated with it', () => {
    const t = parseTemplate('rt run --dir {dir}::{guest} --env {env} {wasm} -- {args}');
    expect(t.program).toBe('rt');
    expect(expandTemplate(t, VALUES)).toEqual([
      'run', '--dir', '/tmp/p0::/sandbox', '--dir', '/tmp/p 1::/data', '--env', 'A=1', '--env', 'B=x y',
      '/c/m.wasm', '--', 'one', '--two', '',
    ]);
  });

  test('a single word with placeholders repeats alone; nothing when the list is empty', () => {
    const t = parseTemplate('rt -mount={dir}:{guest} {wasm} --abi={abi} {{x}}');
    expect(expandTemplate(t, VALUES)).toEqual(['-mount=/tmp/p0:/sandbox', '-mount=/tmp/p 1:/data', '/c/m.wasm', '--abi=preview1', '{x}']);
    expect(expandTemplate(t, { ...VALUES, preopens: [], env: {}, args: [] })).toEqual(['/c/m.wasm', '--abi=preview1', '{x}']);
  });

  test.each([
    ['rt {wasm} {bogus}', /unknown placeholder "\{bogus\}"/],
    ['rt --dir {dir}', /no \{wasm\} placeholder/],
    ["rt 'open {wasm}", /unclosed ' quote/],
    ['rt {wasm} }', /stray "\}"/],
    ['rt {wasm} --x={args}', /\{args\} must be a word of its own/],
    ['{wasm} rt', /first word of a command template must be the program/],
    ['rt {wasm} {dir}={env}', /cannot mix/],
    ['   ', /empty/],
  ])('bad template %j → one-line usage error', (template, message) => {
    expect(() => parseTemplate(template)).toThrow(UsageError);
    expect(() => parseTemplate(template)).toThrow(message);
  });

  test('quoteWord survives a round trip through shellWords', () => {
    const words = ['/usr/bin/node', "it's here", 'a b', '--x=1'];
    expect(shellWords(words.map(quoteWord).join(' '))).toEqual(words);
  });
});

describe('trap rules', () => {
  test('exit codes and signals listed; stderr must match too when given', () => {
    expect(trapOf(DEFAULT_TRAP, 134, null, '')).toBe('exit code 134');
    expect(trapOf(DEFAULT_TRAP, 3, null, 'assert 3: expected a trap')).toBeNull();
    expect(trapOf({ signals: ['SIGABRT'] }, null, 'SIGABRT', '')).toBe('killed by SIGABRT');
    expect(trapOf({ exitCodes: [134], stderr: '^wasm trap: ' }, 134, null, 'x\nwasm trap: unreachable\n')).toBe('wasm trap: unreachable');
    expect(trapOf({ exitCodes: [134], stderr: '^wasm trap: ' }, 134, null, 'assert 134: no')).toBeNull();
  });

  test('with only a stderr pattern: any failing exit whose stderr matches', () => {
    const rule = { stderr: 'RuntimeError' };
    expect(trapOf(rule, 1, null, 'error: RuntimeError: unreachable')).toMatch(/RuntimeError/);
    expect(trapOf(rule, 0, null, 'RuntimeError')).toBeNull();
    expect(trapOf(rule, 1, null, 'assert 1: x')).toBeNull();
    expect(trapOf({}, 134, null, 'wasm trap')).toBeNull();
  });

  test.each([
    [[134], /must be an object/],
    [{ exitCode: 1 }, /unknown field trap.exitCode/],
    [{ exitCodes: ['134'] }, /array of integers/],
    [{ stderr: '(' }, /not a valid regular expression/],
  ])('bad rule %j → usage error', (rule, message) => {
    expect(() => checkTrapRule(rule, 'f')).toThrow(message);
  });
});

describe('.wasi-conformance.json', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'wc-config-')); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const withConfig = (text: string) => { writeFileSync(join(dir, '.wasi-conformance.json'), text); return () => loadConfigAdapters(dir); };

  test('no file: no adapters', () => {
    expect(loadConfigAdapters(join(dir, 'nowhere'))).toEqual([]);
  });

  test('entries become command adapter definitions', () => {
    const load = withConfig(JSON.stringify({ adapters: { myrt: { command: 'myrt --dir {dir}::{guest} {wasm} {args}', trap: { exitCodes: [134] }, abis: ['preview1'] } } }));
    expect(load()).toEqual([{ name: 'myrt', command: 'myrt --dir {dir}::{guest} {wasm} {args}', trap: { exitCodes: [134] }, abis: ['preview1'] }]);
  });

  test.each([
    ['{ "adapters": ', /not valid JSON/],
    ['[]', /expected an object/],
    ['{ "adaptors": {} }', /unknown field "adaptors"/],
    ['{ "adapters": { "x": { "command": "x {wasm}", "tarp": {} } } }', /adapters.x: unknown field "tarp"/],
    ['{ "adapters": { "x": {} } }', /"command" must be a template string/],
    ['{ "adapters": { "x": { "command": "x" } } }', /adapters.x: command template has no \{wasm\}/],
    ['{ "adapters": { "x": { "command": "x {wasm}", "abis": ["preview2"] } } }', /"abis" must be a non-empty array/],
    ['{ "adapters": { "all": { "command": "x {wasm}" } } }', /not a usable adapter name/],
  ])('%s → one-line usage error', (text, message) => {
    const load = withConfig(text);
    expect(load).toThrow(UsageError);
    expect(load).toThrow(message);
  });
});

test('--adapter specs: commas split names, a cmd: template keeps its commas', () => {
  expect(splitAdapterSpecs(['node,reference', ' all '])).toEqual(['node', 'reference', 'all']);
  expect(splitAdapterSpecs(['node,cmd:rt --x=a,b {wasm}', 'wasi-js'])).toEqual(['node', 'cmd:rt --x=a,b {wasm}', 'wasi-js']);
});

describe('what a case needs', () => {
  const base: Sidecar = {
    id: 'preview1/x/y', syscall: 'x', abi: 'preview1', description: '', spec: '', tags: [], args: [], env: {}, stdin: '',
    preopens: [], expect: { exit_code: 0 },
  };
  test('fs is implied by preopens; requires kept', () => {
    expect(requiredFeatures(base)).toEqual([]);
    expect(requiredFeatures({ ...base, requires: ['stdin'], preopens: [{ guest: '/s', tree: {} }] }).sort()).toEqual(['fs', 'stdin']);
  });
  test('symlinks anywhere in preopen or canary trees; limits name the reason', () => {
    const deep: Tree = { d: { e: { ln: { symlink: '../x' } } } };
    expect(hasSymlinks({ ...base, preopens: [{ guest: '/s', tree: deep }] })).toBe(true);
    expect(hasSymlinks({ ...base, outside: deep })).toBe(true);
    expect(hasSymlinks({ ...base, preopens: [{ guest: '/s', tree: { f: 'x', b: { file: 'AA==', encoding: 'base64' } } }] })).toBe(false);
    expect(LIMITS.onePreopen('shim')({ ...base, preopens: [{ guest: '/a', tree: {} }, { guest: '/b', tree: {} }] })).toMatch(/single directory, and the case has 2/);
  });
});

test('runno stdin pieces: whole characters within the byte budget, at least one', () => {
  expect(utf8Prefix('abcdef', 4)).toBe('abcd');
  expect(utf8Prefix('žluť', 2)).toBe('ž');
  expect(utf8Prefix('žluť', 3)).toBe('žl');
  expect(utf8Prefix('✓x', 1)).toBe('✓');
  expect(utf8Prefix('', 8)).toBe('');
});

describe('trees in the shims\' file systems round-trip', () => {
  const TREE: Tree = {
    'a.txt': 'hello', 'bin': { file: Buffer.from([0, 1, 2, 255]).toString('base64'), encoding: 'base64' },
    'sub': { 'deep': { 'z.txt': 'zz' }, 'empty': {} }, 'empty': {}, 'ünï.txt': 'ü',
  };
  const LINKED: Tree = { ...TREE, ln: { symlink: 'a.txt' }, up: { symlink: '../outside/canary.txt' } };

  test('node fs API (memfs): symlinks kept verbatim, layout beside the preopens', async () => {
    const { memfs } = await import('memfs');
    const { fs } = memfs();
    const layout = memoryLayout({ preopens: [{ guest: '/sandbox', host: '/h', tree: LINKED }], outside: { host: '/o', tree: { 'canary.txt': 'c' } } });
    for (const d of [...layout.preopens, layout.outside!]) writeNodeFsTree(fs as unknown as SyncFs, d.path, d.tree);
    expect(readNodeFsTree(fs as unknown as SyncFs, layout.preopens[0]!.path)).toEqual(LINKED);
    expect(readNodeFsTree(fs as unknown as SyncFs, '/case/outside')).toEqual({ 'canary.txt': 'c' });
  });

  test('@bjorn3/browser_wasi_shim Directory/File', async () => {
    const shim = (await import('@bjorn3/browser_wasi_shim')) as unknown as Bjorn3Fs;
    expect(readBjorn3Tree(shim, bjorn3Contents(shim, TREE))).toEqual(TREE);
    expect(() => bjorn3Contents(shim, LINKED)).toThrow(/no symbolic links/);
  });

  test('@wasmer/wasi MemFS', async () => {
    const m = (await import('@wasmer/wasi')) as unknown as { init(): Promise<void>; MemFS: new () => WasmerMemFS };
    await m.init();
    const fs = new m.MemFS();
    fs.createDir('/case');
    writeWasmerTree(fs, '/case/p0', TREE);
    expect(readWasmerTree(fs, '/case/p0')).toEqual(TREE);
  });

  test('@runno/wasi flat file map: empty directories as markers, dropped on the way back', () => {
    const fs = runnoFs(TREE);
    expect(Object.keys(fs)).toContain(`/sub/empty/${RUNNO_DIR_MARKER}`);
    expect(Object.keys(fs)).not.toContain(`/sub/${RUNNO_DIR_MARKER}`);
    expect(readRunnoTree(fs)).toEqual(TREE);
  });
});

describe('wasi-testsuite specs (our reading of the format)', () => {
  test('missing fields take the defaults', () => {
    expect(readSpec({})).toEqual({ args: [], env: {}, dirs: [], exit_code: 0 });
    expect(readSpec({ args: ['a'], env: { K: 'v' }, dirs: ['fs.dir'], exit_code: 3, stdout: 'x', stderr: '' }))
      .toEqual({ args: ['a'], env: { K: 'v' }, dirs: ['fs.dir'], exit_code: 3, stdout: 'x', stderr: '' });
  });
  test.each([
    [[], /JSON object/],
    [{ args: 'a' }, /"args" must be an array of strings/],
    [{ env: { K: 1 } }, /"env" must be an object of strings/],
    [{ exit_code: 1.5 }, /"exit_code" must be an integer/],
    [{ dirs: ['../up'] }, /relative path inside/],
    [{ operations: [] }, /operation-based/],
  ])('%j → a one-line problem', (data, message) => {
    expect(readSpec(data)).toMatch(message);
  });
});
