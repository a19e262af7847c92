/**
 * errno names by number, in the order of the `errno` variant in the preview1 docs
 * (the same numbering in wasi_unstable). Used to print traces and messages:
 * `fd_read(...) -> 8 badf`.
 */
const NAMES = 'success 2big acces addrinuse addrnotavail afnosupport again already badf badmsg busy canceled child connaborted connrefused connreset deadlk destaddrreq dom dquot exist fault fbig hostunreach idrm ilseq inprogress intr inval io isconn isdir loop mfile mlink msgsize multihop nametoolong netdown netreset netunreach nfile nobufs nodev noent noexec nolck nolink nomem nomsg noprotoopt nospc nosys notconn notdir notempty notrecoverable notsock notsup notty nxio overflow ownerdead perm pipe proto protonosupport prototype range rofs spipe srch stale timedout txtbsy xdev notcapable'.split(' ');

export const ERRNO_NAMES: readonly string[] = NAMES;

/** `badf` for 8; `errno 999` for numbers the spec does not define. */
export function errnoName(errno: number): string {
  return NAMES[errno] ?? `errno ${errno}`;
}
