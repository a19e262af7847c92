/**
 * Progress while a run goes: a bar on a terminal (cli-progress, on stderr), otherwise (CI, pipes)
 * one plain line per unexpected result on stdout, so logs stay readable.
 */
import cliProgress from 'cli-progress';
import { UNEXPECTED, type CaseResult } from '../reports/model.js';

export interface Progress {
  result(adapter: string, r: CaseResult): void;
  stop(): void;
}

/** `FAIL  node  preview1/fd_read/x: message` */
export function failureLine(adapter: string, r: CaseResult): string {
  return `${r.outcome.toUpperCase().padEnd(7)} ${adapter}  ${r.id}${r.message ? `: ${r.message}` : ''}`;
}

export function createProgress(total: number, tty = Boolean(process.stderr.isTTY)): Progress {
  if (!tty) {
    return {
      result: (adapter, r) => { if (UNEXPECTED.has(r.outcome)) process.stdout.write(`${failureLine(adapter, r)}\n`); },
      stop: () => undefined,
    };
  }
  const multi = new cliProgress.MultiBar({
    stream: process.stderr,
    format: ' {bar} {value}/{total} | {adapter} | unexpected: {bad}',
    hideCursor: true,
    clearOnComplete: true,
  }, cliProgress.Presets.shades_classic);
  const bar = multi.create(total, 0, { adapter: '', bad: 0 });
  let bad = 0;
  return {
    result(adapter, r) {
      if (UNEXPECTED.has(r.outcome)) {
        bad++;
        multi.log(`${failureLine(adapter, r)}\n`);
      }
      bar.increment(1, { adapter, bad });
    },
    stop: () => multi.stop(),
  };
}
