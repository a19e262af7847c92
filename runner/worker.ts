/**
 * A case worker (runner/pool.ts starts these, as a child process or a worker thread): loads
 * in-process adapters by spec, keeps compiled modules across cases, runs one job at a time and
 * posts the adapter's output back.
 * Whatever the adapter does to this thread (process.exit, a throw from a callback, an endless
 * loop) ends only this worker; the pool records the case and starts a fresh one.
 */
import { closeSync, openSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { closeFdsUnder } from './fdsweep.js';
import type { RunJob } from './adapters/types.js';
import { loadAdapter } from './adapters/index.js';
import { errorText } from './adapters/node-compatible.js';
import type { WorkerReply, WorkerRequest } from './pool.js';

// node:wasi prints an ExperimentalWarning on first use; results must not depend on such noise.
process.removeAllListeners('warning');

/** Compiled modules by path (paths are content hashes, so an entry never goes stale). */
const modules = new Map<string, WebAssembly.Module>();
const MODULE_CACHE_SIZE = 512;

function compiled(path: string): WebAssembly.Module {
  let m = modules.get(path);
  if (m) {
    modules.delete(path); // re-insert: most recently used last
  } else {
    m = new WebAssembly.Module(readFileSync(path));
    if (modules.size >= MODULE_CACHE_SIZE) modules.delete(modules.keys().next().value!);
  }
  modules.set(path, m);
  return m;
}

/**
 * In a child process the runner's stdio fds mean nothing: open the same files here, and after
 * the case close whatever the implementation left open in the case directory (node:wasi never
 * closes its preopens). One case at a time runs in this process, so the sweep races nothing.
 */
function withOwnStdio(job: RunJob): { job: RunJob; done: () => void } {
  if (parentPort) return { job, done: () => undefined };
  const { stdin, stdout, stderr } = job.stdio;
  const fds = { stdin: openSync(stdin.path, 'r'), stdout: openSync(stdout.path, 'a'), stderr: openSync(stderr.path, 'a') };
  const caseDir = dirname(dirname(stdout.path));
  return {
    job: { ...job, stdio: { stdin: { ...stdin, fd: fds.stdin }, stdout: { ...stdout, fd: fds.stdout }, stderr: { ...stderr, fd: fds.stderr } } },
    done: () => {
      for (const fd of Object.values(fds)) { try { closeSync(fd); } catch { /* closed by the guest */ } }
      closeFdsUnder(caseDir);
    },
  };
}

async function handle(req: WorkerRequest): Promise<WorkerReply> {
  try {
    const adapter = await loadAdapter(req.adapter);
    let module: WebAssembly.Module;
    try {
      module = compiled(req.job.wasmPath);
    } catch (e) {
      return { jobId: req.jobId, ok: true, output: { exitCode: null, error: `invalid wasm: ${errorText(e)}`, durationMs: 0 } };
    }
    const own = withOwnStdio(req.job);
    try {
      const output = await adapter.run(own.job, { module, signal: new AbortController().signal });
      return { jobId: req.jobId, ok: true, output };
    } finally {
      own.done();
    }
  } catch (e) {
    return { jobId: req.jobId, ok: false, message: errorText(e) };
  }
}

/** Send a reply; an output that cannot be cloned (a function inside it) becomes the adapter's error. */
function sendReply(reply: WorkerReply, post: (r: WorkerReply) => void): void {
  try {
    post(reply);
  } catch (e) {
    post({ jobId: reply.jobId, ok: false, message: `the adapter's output cannot be sent back: ${errorText(e)}` });
  }
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (req: WorkerRequest) => { void handle(req).then((reply) => sendReply(reply, (r) => port.postMessage(r))); });
} else {
  let current = 0;
  process.on('message', (req: WorkerRequest) => {
    current = req.jobId;
    void handle(req).then((reply) => sendReply(reply, (r) => process.send?.(r)));
  });
  // An exception thrown outside the awaited run (a shim's callback) ends this process, as it
  // would end a worker thread; tell the pool why first.
  const die = (e: unknown) => {
    const err = e instanceof Error ? e : new Error(String(e));
    const reply: WorkerReply = { jobId: current, ok: false, fatal: true, message: `${err.name}: ${err.message.split('\n')[0]}` };
    process.send?.(reply, () => process.exit(70));
  };
  process.on('uncaughtException', die);
  process.on('unhandledRejection', die);
  // The runner gone (killed, crashed): nothing left to do here.
  process.on('disconnect', () => process.exit(0));
}
