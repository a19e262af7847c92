/**
 * Results as JSON lines, one per case result, written synchronously as they arrive so a run
 * that is killed keeps every line it had. Each line is a CaseResult plus its `adapter` name.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { CaseResult } from '../reports/model.js';

export class JsonlWriter {
  private fd: number | null;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(adapter: string, result: CaseResult): void {
    if (this.fd !== null) writeSync(this.fd, `${JSON.stringify({ adapter, ...result })}\n`);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
