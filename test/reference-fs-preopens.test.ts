/**
 * The `preopens` option: HostFS by default, the `fs` option's backend instead, fds from 3 in
 * option order, and node:wasi's errors for a preopen that cannot be opened.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WASI as NodeWASI } from 'node:wasi';
import { WASI } from '../reference/index.js';
import { MemoryFS } from '../reference/fs/memory.js';
import { closeFdsUnder } from '../runner/fdsweep.js';
import { PREOPENTYPE } from '../suites/spec.js';
import { makeTemp, removeTemp } from './helpers/host-tree.js';
import { out, outWithLen, runCalls, step } from './helpers/wasi-calls.js';

let tmp: string;
beforeAll(() => {
  tmp = fs.realpathSync(makeTemp('wasi-preopens-'));
  fs.mkdirSync(path.join(tmp, 'one'));
  fs.mkdirSync(path.join(tmp, 'two'));
  fs.writeFileSync(path.join(tmp, 'file'), 'x');
});
afterAll(() => {
  closeFdsUnder(tmp);
  removeTemp(tmp);
});

const names = [step('fd_prestat_get', 3, out('p3', 8, 4)), step('fd_prestat_dir_name', 3, outWithLen('n3', 4)),
  step('fd_prestat_get', 4, out('p4', 8, 4)), step('fd_prestat_dir_name', 4, outWithLen('n4', 9)), step('fd_prestat_get', 5, out('p5', 8, 4))];

test('host directories become fds 3, 4, … in option order; the next fd is not a preopen', async () => {
  const r = await runCalls(names, { abi: 'preview1', preopens: { '/one': path.join(tmp, 'one'), '/the/two': path.join(tmp, 'two') } });
  expect(r.errnos).toEqual(['success', 'success', 'success', 'success', 'badf']);
  expect([r.bytes('p3')[0], r.u32('p3', 4), r.text('n3'), r.u32('p4', 4), r.text('n4', 8)]).toEqual([PREOPENTYPE.dir, 4, '/one', 8, '/the/two']);
});

test('with the fs option, preopen values are paths in that backend', async () => {
  const memory = new MemoryFS({ srv: { a: {}, b: {} } });
  const r = await runCalls([...names, step('path_create_directory', 4, { kind: 'str', text: 'made' })],
    { abi: 'unstable', fs: memory, preopens: { '/one': '/srv/a', '/the/two': '/srv/b' } });
  expect(r.errnos).toEqual(['success', 'success', 'success', 'success', 'badf', 'success']);
  expect(memory.toTree()).toEqual({ srv: { a: {}, b: { made: {} } } });
});

test.each([
  ['a missing directory', 'missing'],
  ['a regular file', 'file'],
])('%s throws at construction as node:wasi does', (_what, name) => {
  const preopens = { '/x': path.join(tmp, name) };
  const nodeError = (() => { try { new NodeWASI({ version: 'preview1', preopens }); } catch (e) { return e as Error & { code: string }; } return null; })();
  const refError = (() => { try { new WASI({ version: 'preview1', preopens }); } catch (e) { return e as Error & { code: string }; } return null; })();
  expect(nodeError).not.toBeNull();
  expect(refError).toBeInstanceOf(Error);
  expect([refError!.constructor.name, refError!.code, refError!.message]).toEqual([nodeError!.constructor.name, nodeError!.code, nodeError!.message]);
});

test('a missing path in a MemoryFS preopen throws the same way', () => {
  expect(() => new WASI({ version: 'preview1', fs: new MemoryFS(), preopens: { '/x': '/missing' } })).toThrow(expect.objectContaining({ code: 'UVWASI_ENOENT' }));
});
