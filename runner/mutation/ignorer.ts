/**
 * Stryker ignorer `wasi-diagnostics`: no mutants inside diagnostic messages. A guest sees a
 * syscall's errno (or a trap), never the text the reference attaches to it for humans:
 * `fail(errno, message)`, `new WasiError(errno, message)`, `trap(message)`, `new Error(message)`.
 * Mutating that text cannot change anything a fixture can observe, so such mutants are
 * equivalent by construction; Stryker lists them as Ignored with this reason.
 */
import type { Ignorer } from '@stryker-mutator/api/ignore';

/** The index of the message argument of each call (by callee name). */
const MESSAGE_ARGUMENT: Readonly<Record<string, number>> = { fail: 1, WasiError: 1, trap: 0, Error: 0 };

/** The part of babel's NodePath this needs. */
interface PathLike {
  node: { type: string };
  parentPath: PathLike | null;
  listKey?: string;
  key: string | number | null;
}

function calleeName(node: { type: string; callee?: { type: string; name?: string } }): string | undefined {
  if (node.type !== 'CallExpression' && node.type !== 'NewExpression') return undefined;
  return node.callee?.type === 'Identifier' ? node.callee.name : undefined;
}

export const REASON = 'diagnostic message: the guest sees the errno or the trap, not this text';

export class DiagnosticMessageIgnorer implements Ignorer {
  shouldIgnore(path: object): string | undefined {
    const p = path as PathLike;
    if (p.listKey !== 'arguments' || typeof p.key !== 'number' || !p.parentPath) return undefined;
    const name = calleeName(p.parentPath.node as Parameters<typeof calleeName>[0]);
    return name !== undefined && MESSAGE_ARGUMENT[name] === p.key ? REASON : undefined;
  }
}
