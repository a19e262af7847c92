/**
 * A pool of case workers (runner/worker.ts). A worker is a child process by default
 * (`WASI_CONFORMANCE_ISOLATION=process`): a shim that aborts natively (node:wasi's uvwasi can hit
 * a C assertion) or leaks file descriptors takes only its own process down. Worker threads
 * (`=thread`) start faster but share the process with every other case. Each job runs in one
 * worker with a deadline:
 * - the worker answers → `done`
 * - the deadline passes → the worker is terminated (an endless guest loop or a hung shim
 *   stops there) → `timeout`
 * - the worker dies (process.exit in a shim, an uncaught throw) → `crashed`
 * A lost worker is replaced by a fresh one on the next job; the run goes on.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { distModule } from './paths.js';
import { errorText } from './adapters/node-compatible.js';
import type { AdapterOutput, RunJob } from './adapters/types.js';

export interface WorkerRequest { jobId: number; adapter: string; job: RunJob }
export type WorkerReply =
  | { jobId: number; ok: true; output: AdapterOutput }
  | { jobId: number; ok: false; message: string; fatal?: true };

export type PoolOutcome =
  | { kind: 'done'; output: AdapterOutput }
  /** The adapter failed to load or threw outside a case (a problem with the adapter, not the case). */
  | { kind: 'adapter-error'; message: string }
  | { kind: 'timeout'; elapsedMs: number }
  | { kind: 'crashed'; message: string };

/** How long to wait for a terminated worker to stop before moving on without it. */
const TERMINATE_GRACE_MS = 2000;

export type Isolation = 'process' | 'thread';

/** Default isolation: process, unless WASI_CONFORMANCE_ISOLATION=thread. */
export function defaultIsolation(): Isolation {
  return process.env.WASI_CONFORMANCE_ISOLATION === 'thread' ? 'thread' : 'process';
}

/** What the pool needs of a worker, whether a thread or a child process. */
interface CaseWorker {
  post(req: WorkerRequest): void;
  on(event: 'message', f: (reply: WorkerReply) => void): void;
  off(event: 'message', f: (reply: WorkerReply) => void): void;
  once(event: 'exit', f: (code: number) => void): void;
  off(event: 'exit', f: (code: number) => void): void;
  once(event: 'error', f: (e: Error) => void): void;
  off(event: 'error', f: (e: Error) => void): void;
  terminate(): Promise<unknown>;
}

function threadWorker(url: URL, onGone: (w: CaseWorker) => void): CaseWorker {
  // stdout/stderr piped and drained: a shim printing to the console must not garble our output.
  const w = new Worker(url, { stdout: true, stderr: true });
  w.stdout.resume();
  w.stderr.resume();
  const cw: CaseWorker = Object.assign(w, { post: (req: WorkerRequest) => w.postMessage(req) }) as unknown as CaseWorker;
  // A worker may also die between cases (a shim's late asynchronous throw): forget it quietly.
  w.on('error', () => undefined);
  w.on('exit', () => onGone(cw));
  // A worker never keeps the process alive by itself (each job's deadline timer does meanwhile).
  w.unref();
  return cw;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Listener = (...args: any[]) => void;

function processWorker(url: URL, onGone: (w: CaseWorker) => void): CaseWorker {
  const child = fork(fileURLToPath(url), [], {
    serialization: 'advanced',
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    execArgv: ['--no-warnings', '--experimental-wasi-unstable-preview1'],
  });
  child.stdout?.resume();
  child.stderr?.resume();
  let exited: Promise<void> | null = null;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const cw = {
    post: (req: WorkerRequest) => { child.send(req); },
    on: (ev: string, f: Listener) => { child.on(ev, f); },
    off: (ev: string, f: Listener) => { child.off(ev, f); },
    once: (ev: string, f: Listener) => { child.once(ev, f); },
    terminate: () => {
      exited ??= (child.exitCode !== null || child.signalCode !== null) ? Promise.resolve() : (child.kill('SIGKILL'), gone);
      return exited;
    },
  } as unknown as CaseWorker;
  child.on('error', () => undefined);
  child.on('exit', () => onGone(cw));
  child.unref();
  (child.channel as { unref?: () => void } | undefined)?.unref?.();
  return cw;
}

interface Slot { worker: CaseWorker | null; busy: boolean }

interface Pending {
  req: WorkerRequest;
  timeoutMs: number;
  resolve: (o: PoolOutcome) => void;
}

export class WorkerPool {
  private readonly slots: Slot[];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  /** How many workers were replaced after a timeout or crash. */
  replaced = 0;

  constructor(size: number, private readonly workerUrl: URL = distModule('worker.js'), readonly isolation: Isolation = defaultIsolation()) {
    this.slots = Array.from({ length: Math.max(1, size) }, () => ({ worker: null, busy: false }));
  }

  /** Run one job in a worker (the adapter is loaded there by `adapterSpec`). */
  run(adapterSpec: string, job: RunJob, timeoutMs: number): Promise<PoolOutcome> {
    if (this.closed) return Promise.resolve({ kind: 'adapter-error', message: 'worker pool closed' });
    return new Promise((resolve) => {
      this.queue.push({ req: { jobId: this.nextId++, adapter: adapterSpec, job }, timeoutMs, resolve });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const stopping = Promise.all(this.slots.map(async (s) => {
      const w = s.worker;
      s.worker = null;
      if (w) await w.terminate();
    }));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([stopping, new Promise((r) => { timer = setTimeout(r, TERMINATE_GRACE_MS); })]);
    clearTimeout(timer);
  }

  private spawn(slot: Slot): CaseWorker {
    const onGone = (w: CaseWorker) => { if (slot.worker === w) slot.worker = null; };
    return this.isolation === 'process' ? processWorker(this.workerUrl, onGone) : threadWorker(this.workerUrl, onGone);
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.busy) continue;
      this.start(slot, this.queue.shift()!);
    }
  }

  private start(slot: Slot, p: Pending): void {
    slot.busy = true;
    const worker = slot.worker ??= this.spawn(slot);
    const began = performance.now();
    let settled = false;

    const finish = (outcome: PoolOutcome, workerLost: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      worker.off('error', onError);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        slot.busy = false;
        p.resolve(outcome);
        if (!this.closed) this.pump();
      };
      if (!workerLost) return release();
      this.replaced++;
      if (slot.worker === worker) slot.worker = null;
      // Wait until the thread has really stopped (the sandbox is read and deleted next), but not
      // forever: a thread stuck in a blocking native call cannot be interrupted; leave it behind.
      const giveUp = setTimeout(release, TERMINATE_GRACE_MS);
      const stopped = () => { clearTimeout(giveUp); release(); };
      worker.terminate().then(stopped, stopped);
    };
    const onMessage = (reply: WorkerReply) => {
      if (reply.jobId !== p.req.jobId) return;
      if (!reply.ok && reply.fatal) return finish({ kind: 'crashed', message: `the worker died: ${reply.message}` }, true);
      finish(reply.ok ? { kind: 'done', output: reply.output } : { kind: 'adapter-error', message: reply.message }, false);
    };
    const onExit = (code: number) => finish({
      kind: 'crashed',
      message: `the worker exited with code ${code} during the case (did the implementation call process.exit?)`,
    }, true);
    // Whatever a dying worker throws may not be an Error (a shim can throw anything).
    const onError = (e: unknown) => finish({ kind: 'crashed', message: `the worker died: ${errorText(e)}` }, true);
    const timer = setTimeout(() => finish({ kind: 'timeout', elapsedMs: performance.now() - began }, true), p.timeoutMs);

    worker.on('message', onMessage);
    worker.once('exit', onExit);
    worker.once('error', onError);
    worker.post(p.req);
  }
}
