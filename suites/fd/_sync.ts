/**
 * One table for fd_sync and fd_datasync (they differ only in what reaches the disk, which a
 * fixture cannot observe): the call succeeds on files in every state an fd can be in (written,
 * empty, read-only, renamed, unlinked, opened with a sync flag), on directories, and changes
 * nothing visible; errors and the two distinct rights.
 */
import type { CaseDef, Fixture } from '../dsl.js';
import { FDFLAGS, rights } from '../spec.js';
import {
  UNOPENED_FD, closedFd, fileRightsWithout, openDir, openFile, seek, syncFlagUnavailable, tell, write,
} from '../lib/fd-io.js';
import { NO_RIGHT_ALTS, checkSize, treeAfter } from '../lib/filestat.js';

type SyncCall = 'fd_sync' | 'fd_datasync';

const TREE = treeAfter({ 'f.txt': 'data', 'empty.txt': '', dir: {} }, {});
const QUOTES: Record<SyncCall, string> = {
  fd_sync: 'Synchronize the data and metadata of a file to disk.',
  fd_datasync: 'Synchronize the data of a file to disk.',
};

export function syncCases(call: SyncCall): CaseDef[] {
  const other: SyncCall = call === 'fd_sync' ? 'fd_datasync' : 'fd_sync';
  const quote = QUOTES[call];
  const flag = call === 'fd_sync' ? 'sync' : 'dsync';
  const sync = (f: Fixture, fd: string | number): string => f.call(call, fd);
  /** A case whose body opens f.txt (with `open`'s options), prepares it, then expects success. */
  const onFile = (name: string, description: string, tags: string[], prep: (f: Fixture, fd: string) => void = () => {}, extra: Partial<CaseDef> = {}, path = 'f.txt', opts: Parameters<typeof openFile>[2] = {}): CaseDef => ({
    name, description, tags, tree: TREE, quote, ...extra,
    body: (f) => {
      const fd = openFile(f, path, opts);
      prep(f, fd);
      f.expectSuccess(sync(f, fd));
    },
  });
  const directoryAlts = call === 'fd_datasync'
    ? [{ errno: 'notcapable' as const, behaviour: 'ENOTCAPABLE: directory fds lack the fd_datasync right (uvwasi)' }]
    : [];

  return [
    onFile('regular-file', `${call} on a regular file succeeds`, ['basic'], undefined, { fs_after: TREE }),
    onFile('after-write', `${call} after a write succeeds and the data is in the file`, ['basic'],
      (f, fd) => { seek(f, fd, 4); write(f, fd, '+more'); }, { fs_after: treeAfter(TREE, { 'f.txt': 'data+more' }) }),
    onFile('empty-file', `${call} on an empty file succeeds`, ['edge'], undefined, {}, 'empty.txt'),
    onFile('read-only-fd', `${call} needs only its right: a read-only fd may sync`, ['rights'], undefined,
      { spec: `docs.md#rights.${call}` }, 'f.txt', { rights: rights('fd_read', call) }),
    {
      name: 'opened-with-sync-flag', tags: ['edge'], tree: TREE, quote,
      description: `${call} on a file opened with fdflags ${flag.toUpperCase()} succeeds (if path_open accepts the flag)`,
      body: (f) => {
        // path_open may refuse the flag with ENOTSUP (docs.md#fdflags): the case ends there, accepted
        const out = f.out32();
        const p = f.str('f.txt');
        const unavailable = syncFlagUnavailable(flag);
        f.expectSuccess(f.call('path_open', f.preopen(), 0, p.ptr, p.len, 0, rights('fd_read', 'fd_write', call), 0n, FDFLAGS[flag], out),
          { key: 'open_errno', accept: [unavailable] });
        f.endIfAlternative(unavailable.behaviour);
        f.expectSuccess(sync(f, f.u32(out)));
      },
    },
    onFile('renamed-file', `${call} on an fd whose file was renamed succeeds (the fd follows the file)`, ['rename'],
      (f) => {
        const a = f.str('f.txt'), b = f.str('g.txt');
        f.ok(f.call('path_rename', f.preopen(), a.ptr, a.len, f.preopen(), b.ptr, b.len), 'path_rename(f.txt, g.txt)');
      }, { fs_after: treeAfter(TREE, { 'f.txt': null, 'g.txt': 'data' }) }),
    onFile('unlinked-file', `${call} on an open fd whose file was unlinked succeeds`, ['edge'],
      (f) => {
        const a = f.str('f.txt');
        f.ok(f.call('path_unlink_file', f.preopen(), a.ptr, a.len), 'path_unlink_file(f.txt)');
      }, { fs_after: treeAfter(TREE, { 'f.txt': null }) }),
    onFile('other-fd-closed', `${call} on one fd succeeds after another fd on the same file was closed`, ['edge'],
      (f) => { f.ok(f.call('fd_close', openFile(f, 'f.txt')), 'fd_close(second fd)'); }),
    ...(call === 'fd_sync' ? [{
      name: 'directory-fd', tags: ['basic'], tree: TREE, quote,
      description: 'fd_sync on a directory fd succeeds (as fsync on a directory)',
      body: (f: Fixture) => { f.expectSuccess(sync(f, openDir(f, 'dir'))); },
    }] : []),
    {
      name: 'preopen-fd', tags: ['basic'], tree: TREE, quote,
      description: `${call} on the preopened directory succeeds`,
      body: (f) => { f.expectSuccess(sync(f, f.preopen()), { accept: directoryAlts }); },
    },
    {
      name: 'offset-unchanged', tags: ['basic'], tree: TREE,
      description: `${call} does not move the file offset`,
      body: (f) => {
        const fd = openFile(f, 'f.txt');
        seek(f, fd, 3);
        f.expectSuccess(sync(f, fd));
        f.check('offset', tell(f, fd), 3n, { what: `fd_tell after ${call}` });
      },
    },
    {
      name: 'size-unchanged', tags: ['basic'], tree: TREE, fs_after: TREE,
      description: `${call} changes neither the size nor the content`,
      body: (f) => {
        const fd = openFile(f, 'f.txt');
        f.expectSuccess(sync(f, fd));
        checkSize(f, fd, 4);
      },
    },

    // ── errors ───────────────────────────────────────────────────────────────────────
    {
      name: 'bad-fd', tags: ['errors'], tree: TREE,
      description: 'an fd that is not open fails with EBADF',
      body: (f) => { f.expectErrno(sync(f, UNOPENED_FD), 'badf'); },
    },
    {
      name: 'fd-max-u32', tags: ['errors', 'edge'], tree: TREE,
      description: 'fd 0xffffffff (never open) fails with EBADF',
      body: (f) => { f.expectErrno(sync(f, -1), 'badf'); },
    },
    {
      name: 'closed-fd', tags: ['errors'], tree: TREE,
      description: 'an fd that was closed fails with EBADF',
      body: (f) => { f.expectErrno(sync(f, closedFd(f, 'f.txt')), 'badf'); },
    },
    {
      name: 'missing-right', tags: ['errors', 'rights'], tree: TREE,
      description: `an fd with neither sync right fails ${call} with ENOTCAPABLE`,
      spec: `docs.md#rights.${call}`, quote: `The right to invoke ${call}.`,
      body: (f) => {
        const fd = openFile(f, 'f.txt', { rights: fileRightsWithout('fd_sync', 'fd_datasync') });
        f.expectErrno(sync(f, fd), 'notcapable', { accept: NO_RIGHT_ALTS });
      },
    },
    {
      name: `${other.replace('_', '-')}-right-not-enough`, tags: ['errors', 'rights'], tree: TREE,
      description: `the ${other} right does not grant ${call}: ENOTCAPABLE`,
      spec: `docs.md#rights.${call}`, quote: `The right to invoke ${call}.`,
      body: (f) => {
        const fd = openFile(f, 'f.txt', { rights: fileRightsWithout(call) });
        f.expectErrno(sync(f, fd), 'notcapable', { accept: NO_RIGHT_ALTS });
      },
    },
  ];
}
