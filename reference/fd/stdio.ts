/**
 * stdin / stdout / stderr: byte streams over a host fd (node:wasi's `stdin`/`stdout`/`stderr`
 * options, default 0/1/2), read with `fs.readSync` and written with `fs.writeSync`.
 * Not seekable: seek/tell/pread/pwrite answer ESPIPE (base class). Short reads are allowed;
 * end of input reads 0 bytes.
 */
import { fstatSync, readSync, writeSync, type Stats } from 'node:fs';
import { filetype } from '../abi.js';
import { STDIO_RIGHTS } from '../rights.js';
import { FdObject, type Filestat } from './base.js';

/** The WASI filetype of a host fd: what isatty-style checks in the guest look at. */
function hostFiletype(st: Stats | undefined): number {
  if (!st) return filetype.unknown;
  if (st.isCharacterDevice()) return filetype.character_device;
  if (st.isFile()) return filetype.regular_file;
  if (st.isSocket()) return filetype.socket_stream;
  if (st.isBlockDevice()) return filetype.block_device;
  if (st.isDirectory()) return filetype.directory;
  return filetype.unknown; // FIFOs have no WASI filetype
}

function tryFstat(hostFd: number): Stats | undefined {
  try {
    return fstatSync(hostFd);
  } catch {
    return undefined;
  }
}

/** Retry a host call that fails with EAGAIN (a non-blocking pipe or tty). */
function retryAgain<T>(op: () => T): T {
  for (;;) {
    try {
      return op();
    } catch (e) {
      if ((e as { code?: string }).code !== 'EAGAIN') throw e;
    }
  }
}

export class StdioFd extends FdObject {
  constructor(readonly hostFd: number) {
    super(hostFiletype(tryFstat(hostFd)), STDIO_RIGHTS, 0n);
  }

  /** Reads into the first non-empty buffer only: a short read is allowed and never blocks twice. */
  override read(bufs: Uint8Array[]): number {
    const buf = bufs.find((b) => b.length > 0);
    if (!buf) return 0;
    return retryAgain(() => readSync(this.hostFd, buf, 0, buf.length, null));
  }

  /** Writes every buffer completely, in order. */
  override write(bufs: Uint8Array[]): number {
    let total = 0;
    for (const buf of bufs) {
      let off = 0;
      while (off < buf.length) off += retryAgain(() => writeSync(this.hostFd, buf, off, buf.length - off));
      total += buf.length;
    }
    return total;
  }

  /** The host fd's own stat (throws the host error, mapped to an errno, if it is gone). */
  override filestat(): Filestat {
    const st = fstatSync(this.hostFd, { bigint: true });
    return {
      dev: st.dev, ino: st.ino, filetype: this.filetype, nlink: st.nlink, size: st.size,
      atim: st.atimeNs, mtim: st.mtimeNs, ctim: st.ctimeNs,
    };
  }
}
