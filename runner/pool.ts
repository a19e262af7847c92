/**
 * A pool of case workers (runner/worker.ts). Each job runs in one worker with a deadline:
 * - the worker answers → `done`
 * - the deadline passes → the worker is terminated (an endless guest loop or a hung shim
 *   stops there) → `timeout`
 * - the worker dies (process.exit in a shim, an uncaught throw) → `crashed`
 * A lost worker is replaced by a fresh one on the next job; the run goes on.
 */
import { Worker } from 'node:worker_threads';
import { distModule } from './paths.js';
import type { AdapterOutput, RunJob } from './adapters/types.js';

export interface WorkerRequest { jobId: number; adapter: string; job: RunJob }
export type WorkerReply =
  | { jobId: number; ok: true; output: AdapterOutput }
  | { jobId: number; ok: false; message: string };

export type PoolOutcome =
  | { kind: 'done'; output: AdapterOutput }
  /** The adapter failed to load or threw outside a case (a problem with the adapter, not the case). */
  | { kind: 'adapter-error'; message: string }
  | { kind: 'timeout'; elapsedMs: number }
  | { kind: 'crashed'; message: string };

/** How long to wait for a terminated worker to stop before moving on without it. */
const TERMINATE_GRACE_MS = 2000;

interface Slot { worker: Worker | null; busy: boolean }

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

  constructor(size: number, private readonly workerUrl: URL = distModule('worker.js')) {
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

  private spawn(slot: Slot): Worker {
    // stdout/stderr piped and drained: a shim printing to the console must not garble our output.
    const w = new Worker(this.workerUrl, { stdout: true, stderr: true });
    w.stdout.resume();
    w.stderr.resume();
    // A worker may also die between cases (a shim's late asynchronous throw): forget it quietly.
    w.on('error', () => undefined);
    w.on('exit', () => { if (slot.worker === w) slot.worker = null; });
    // A worker never keeps the process alive by itself (each job's deadline timer does meanwhile).
    w.unref();
    return w;
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
      finish(reply.ok ? { kind: 'done', output: reply.output } : { kind: 'adapter-error', message: reply.message }, false);
    };
    const onExit = (code: number) => finish({
      kind: 'crashed',
      message: `the worker exited with code ${code} during the case (did the implementation call process.exit?)`,
    }, true);
    const onError = (e: Error) => finish({ kind: 'crashed', message: `the worker died: ${e.name}: ${e.message.split('\n')[0]}` }, true);
    const timer = setTimeout(() => finish({ kind: 'timeout', elapsedMs: performance.now() - began }, true), p.timeoutMs);

    worker.on('message', onMessage);
    worker.once('exit', onExit);
    worker.once('error', onError);
    worker.postMessage(p.req);
  }
}
