/**
 * proc_exit: the exit code reaches the host, nothing after the call runs, and what the program
 * wrote before it (stdout, files) is kept. Codes of 126 and more are where hosts differ
 * (docs/CHOICES.md): wasmtime traps on them (WASI PR #235), a POSIX process keeps 8 bits.
 */
import { suite, type CaseDef } from '../dsl.js';
import type { Alternative } from '../sidecar.js';
import { openFile } from '../lib/fd-io.js';
import { OFLAGS } from '../spec.js';

const QUOTE = 'Terminate the process normally. An exit code of 0 indicates successful termination of the program.';
const TRAP_AT_126: Alternative = { behaviour: 'trap: exit statuses outside [0, 126) refused (wasmtime, WASI PR #235)', trap: true };
const LOW_8_BITS = (code: number): Alternative =>
  ({ behaviour: 'the host process exit status keeps the low 8 bits (POSIX exit)', exit_code: code & 0xff, stdout: '' });

/** The spec leaves codes other than 0 to the environment; `exitcode` is a u32. */
const OTHER_VALUES = 'The meanings of other values is dependent on the environment.';

const exitCase = (code: number, description: string, tags: string[], accept: Alternative[] = []): CaseDef => ({
  name: `exit-code-${code}`, description, tags, quote: code === 0 ? QUOTE : OTHER_VALUES, accept,
  body: (f) => f.exitWith(code),
});

export default suite('proc_exit', [
  exitCase(0, 'proc_exit(0) ends the program with exit code 0 and runs nothing after it', ['basic']),
  exitCase(1, 'proc_exit(1) ends the program with exit code 1', ['basic']),
  exitCase(42, 'proc_exit(42) ends the program with exit code 42', ['basic']),
  exitCase(125, 'proc_exit(125), the largest code every host keeps, ends with exit code 125', ['edge']),
  exitCase(255, 'proc_exit(255) ends the program with exit code 255', ['edge'], [TRAP_AT_126]),
  exitCase(256, 'proc_exit(256): the u32 exit code is passed on as 256', ['edge'], [LOW_8_BITS(256), TRAP_AT_126]),
  {
    name: 'stdout-before-exit-kept', tags: ['stdio'],
    description: 'output written to stdout before proc_exit(7) is kept, and the code is 7',
    quote: QUOTE,
    body: (f) => {
      f.check('written_before_exit', f.i32(1), 1);
      f.exitWith(7);
    },
  },
  {
    name: 'file-data-before-exit-kept', tags: ['basic'], tree: {},
    description: 'data written to a file and not closed before proc_exit(0) is in the file afterwards',
    fs_after: { 'out.txt': 'saved' },
    body: (f) => {
      const fd = openFile(f, 'out.txt', { oflags: OFLAGS.creat });
      const iov = f.ciovec('saved');
      const n = f.out32();
      f.ok(f.call('fd_write', fd, iov.iovs, 1, n), 'fd_write');
      f.exitWith(0);
    },
  },
]);
