/**
 * The syscall registry: syscall name → implementation, gathered from the family modules.
 * A family module exports one function per syscall, named exactly as the syscall
 * (`export function fd_write(ctx, …)`), so adding a syscall is adding an export — nothing to
 * register by hand. A name of the ABI that no family exports answers ENOSYS.
 */
import { errno, type AbiTable } from '../abi.js';
import type { Syscall } from '../context.js';
import * as argsEnv from './args_env.js';
import * as clock from './clock.js';
import * as fd from './fd.js';
import * as path from './path.js';
import * as poll from './poll.js';
import * as proc from './proc.js';
import * as random from './random.js';
import * as sock from './sock.js';

const FAMILIES: readonly Readonly<Record<string, unknown>>[] = [argsEnv, clock, fd, path, poll, proc, random, sock];

/** A syscall nobody implemented yet. */
export const nosys: Syscall = () => errno.nosys;

/** The implementation of syscall `name`, or undefined if no family exports it. */
export function implementationOf(name: string): Syscall | undefined {
  for (const family of FAMILIES) {
    const fn = family[name];
    if (typeof fn === 'function') return fn as Syscall;
  }
  return undefined;
}

/** Every function of `abi`, mapped to its implementation (ENOSYS where there is none yet). */
export function registry(abi: AbiTable): ReadonlyMap<string, Syscall> {
  return new Map(abi.functions.map((name) => [name, implementationOf(name) ?? nosys]));
}
