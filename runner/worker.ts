/**
 * A case worker (runner/pool.ts starts these): loads in-process adapters by spec, keeps compiled
 * modules across cases, runs one job at a time and posts the adapter's output back.
 * Whatever the adapter does to this thread (process.exit, a throw from a callback, an endless
 * loop) ends only this worker; the pool records the case and starts a fresh one.
 */
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
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

async function handle(req: WorkerRequest): Promise<WorkerReply> {
  try {
    const adapter = await loadAdapter(req.adapter);
    let module: WebAssembly.Module;
    try {
      module = compiled(req.job.wasmPath);
    } catch (e) {
      return { jobId: req.jobId, ok: true, output: { exitCode: null, error: `invalid wasm: ${errorText(e)}`, durationMs: 0 } };
    }
    const output = await adapter.run(req.job, { module, signal: new AbortController().signal });
    return { jobId: req.jobId, ok: true, output };
  } catch (e) {
    return { jobId: req.jobId, ok: false, message: errorText(e) };
  }
}

parentPort!.on('message', (req: WorkerRequest) => {
  void handle(req).then((reply) => parentPort!.postMessage(reply));
});
