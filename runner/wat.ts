/**
 * WAT → wasm in process with the npm `wabt` package (libwabt compiled to wasm). One shared
 * instance per thread; errors come back as a one-line `file:line:col: message` UsageError.
 */
import wabtInit from 'wabt';
import { UsageError } from './errors.js';

type Wabt = Awaited<ReturnType<typeof wabtInit>>;
let wabtPromise: Promise<Wabt> | undefined;

function wabt(): Promise<Wabt> {
  wabtPromise ??= wabtInit();
  return wabtPromise;
}

/** Features fixtures may use beyond the MVP (all on by default in wabt ≥ 1.0.33 except these). */
const FEATURES = { bulk_memory: true, mutable_globals: true, sign_extension: true, sat_float_to_int: true, multi_value: true };

/** The first `file:line:col: error: …` line of a wabt message, without the source excerpt. */
export function firstWabtError(message: string): string {
  const line = message.split('\n').find((l) => /:\d+:\d+: error: /.test(l));
  return (line ?? message.split('\n').find((l) => l.trim() !== '') ?? message).trim();
}

/** Compile WAT text to a wasm binary; throws UsageError naming file, line and column. */
export async function compileWat(source: string, filename: string): Promise<Uint8Array> {
  const w = await wabt();
  let mod: ReturnType<Wabt['parseWat']> | undefined;
  try {
    mod = w.parseWat(filename, source, FEATURES);
    mod.resolveNames();
    mod.validate();
    return new Uint8Array(mod.toBinary({ log: false, write_debug_names: true }).buffer);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new UsageError(`invalid WAT: ${firstWabtError(msg)}`);
  } finally {
    mod?.destroy();
  }
}
