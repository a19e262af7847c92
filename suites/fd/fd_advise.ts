/**
 * fd_advise: every defined advice value is accepted, anything else is EINVAL; ranges (whole
 * file, past the end, past 4 GiB) are fine; advice changes nothing visible (content, size,
 * offset); errors and rights.
 */
import { suite, type CaseDef, type Fixture } from '../dsl.js';
import { ADVICE, rights } from '../spec.js';
import { UNOPENED_FD, closedFd, fileRightsWithout, openFile, seek, tell } from '../lib/fd-io.js';
import { NO_RIGHT_ALTS, checkSize, treeAfter } from '../lib/filestat.js';

const QUOTE = 'Provide file advisory information on a file descriptor.';
const TREE = treeAfter({ 'f.txt': '0123456789', 'empty.txt': '' }, {});

/** fd_advise(fd of path, offset, len, advice). */
function advise(f: Fixture, fd: string | number, offset: bigint, len: bigint, advice: number): string {
  return f.call('fd_advise', fd, offset, len, advice);
}

/** One case per defined advice value: the call succeeds. */
const valid = (Object.entries(ADVICE) as Array<[string, number]>).map(([name, value]): CaseDef => ({
  name: `advice-${name}`, tags: ['basic'], tree: TREE, fs_after: TREE,
  description: `advice ${name} (${value}) is accepted on a regular file`,
  spec: `docs.md#advice.${name}`, quote: QUOTE,
  body: (f) => { f.expectSuccess(advise(f, openFile(f, 'f.txt'), 0n, 10n, value)); },
}));

export default suite('fd_advise', [
  ...valid,
  {
    name: 'advice-out-of-range', tags: ['errors'], tree: TREE,
    description: 'advice 6 (one past noreuse) is not an advice value: EINVAL',
    spec: 'docs.md#advice',
    body: (f) => { f.expectErrno(advise(f, openFile(f, 'f.txt'), 0n, 10n, 6), 'inval'); },
  },
  {
    name: 'advice-255', tags: ['errors', 'edge'], tree: TREE,
    description: 'advice 255 (largest u8) is not an advice value: EINVAL',
    spec: 'docs.md#advice',
    body: (f) => { f.expectErrno(advise(f, openFile(f, 'f.txt'), 0n, 10n, 255), 'inval'); },
  },
  {
    name: 'zero-length-whole-file', tags: ['edge'], tree: TREE,
    description: 'len 0 (the whole file from offset, as posix_fadvise) is accepted',
    quote: 'Note: This is similar to `posix_fadvise` in POSIX.',
    body: (f) => { f.expectSuccess(advise(f, openFile(f, 'f.txt'), 0n, 0n, ADVICE.sequential)); },
  },
  {
    name: 'range-past-end', tags: ['edge'], tree: TREE,
    description: 'a range beyond the end of the file is accepted',
    body: (f) => { f.expectSuccess(advise(f, openFile(f, 'f.txt'), 100n, 1000n, ADVICE.willneed)); },
  },
  {
    name: 'offset-above-4gib', tags: ['edge'], tree: TREE,
    description: 'offset is a u64: an offset past 4 GiB is accepted',
    spec: 'docs.md#filesize',
    body: (f) => { f.expectSuccess(advise(f, openFile(f, 'f.txt'), 0x1_0000_0000n, 4096n, ADVICE.random)); },
  },
  {
    name: 'empty-file', tags: ['edge'], tree: TREE,
    description: 'advice on an empty file is accepted',
    body: (f) => { f.expectSuccess(advise(f, openFile(f, 'empty.txt'), 0n, 0n, ADVICE.dontneed)); },
  },
  {
    name: 'size-unchanged', tags: ['basic'], tree: TREE, fs_after: TREE,
    description: 'advice for a range past the end does not grow the file',
    body: (f) => {
      const fd = openFile(f, 'f.txt');
      f.expectSuccess(advise(f, fd, 0n, 100n, ADVICE.willneed));
      checkSize(f, fd, 10);
    },
  },
  {
    name: 'content-unchanged', tags: ['basic'], tree: TREE, fs_after: TREE,
    description: 'after DONTNEED the data reads back unchanged',
    body: (f) => {
      const fd = openFile(f, 'f.txt');
      f.expectSuccess(advise(f, fd, 0n, 0n, ADVICE.dontneed));
      const buf = f.alloc(16, 1);
      const n = f.out32();
      f.ok(f.call('fd_pread', fd, f.iovecs([[buf, 16]]), 1, 0n, n), 'fd_pread');
      f.checkBytes('data', buf, f.u32(n), '0123456789');
    },
  },
  {
    name: 'offset-unchanged', tags: ['basic'], tree: TREE,
    description: 'advice does not move the file offset',
    body: (f) => {
      const fd = openFile(f, 'f.txt');
      seek(f, fd, 4);
      f.expectSuccess(advise(f, fd, 0n, 10n, ADVICE.sequential));
      f.check('offset', tell(f, fd), 4n, { what: 'fd_tell after fd_advise' });
    },
  },
  {
    name: 'advise-right-suffices', tags: ['rights'], tree: TREE,
    description: 'an fd with the fd_advise right but neither read nor write may advise',
    spec: 'docs.md#rights.fd_advise', quote: 'The right to invoke fd_advise.',
    body: (f) => { f.expectSuccess(advise(f, openFile(f, 'f.txt', { rights: rights('fd_advise', 'fd_filestat_get') }), 0n, 10n, ADVICE.normal)); },
  },

  // ── errors ─────────────────────────────────────────────────────────────────────────
  {
    name: 'bad-fd', tags: ['errors'], tree: TREE,
    description: 'an fd that is not open fails with EBADF',
    body: (f) => { f.expectErrno(advise(f, UNOPENED_FD, 0n, 10n, ADVICE.normal), 'badf'); },
  },
  {
    name: 'fd-max-u32', tags: ['errors', 'edge'], tree: TREE,
    description: 'fd 0xffffffff (never open) fails with EBADF',
    body: (f) => { f.expectErrno(advise(f, '(i32.const -1)', 0n, 10n, ADVICE.normal), 'badf'); },
  },
  {
    name: 'closed-fd', tags: ['errors'], tree: TREE,
    description: 'an fd that was closed fails with EBADF',
    body: (f) => { f.expectErrno(advise(f, closedFd(f, 'f.txt'), 0n, 10n, ADVICE.normal), 'badf'); },
  },
  {
    name: 'missing-right', tags: ['errors', 'rights'], tree: TREE,
    description: 'an fd opened without the fd_advise right fails with ENOTCAPABLE',
    spec: 'docs.md#rights.fd_advise', quote: 'The right to invoke fd_advise.',
    body: (f) => {
      const fd = openFile(f, 'f.txt', { rights: fileRightsWithout('fd_advise') });
      f.expectErrno(advise(f, fd, 0n, 10n, ADVICE.normal), 'notcapable', { accept: NO_RIGHT_ALTS });
    },
  },
] satisfies CaseDef[]);
