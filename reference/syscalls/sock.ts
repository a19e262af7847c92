/**
 * sock syscalls — to be written by the FS engineer. Each export named after its syscall
 * (e.g. `export function sock_…(ctx: SyscallContext, …raw args): number`) is picked up by the
 * registry (./index.ts); until then the registry answers ENOSYS for these names.
 */
export {};
