/**
 * Resident memory of a process and everything it started (child-process workers; worker
 * threads are inside the process already), sampled from /proc while it runs. Linux only: on
 * other systems the sampler reports nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** pid → parent pid, for every process now. */
function parents(): Map<number, number> {
  const out = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      out.set(Number(name), ppid);
    } catch { /* gone meanwhile */ }
  }
  return out;
}

/** The process and its descendants. */
function tree(root: number): number[] {
  const byParent = new Map<number, number[]>();
  for (const [pid, ppid] of parents()) byParent.set(ppid, [...(byParent.get(ppid) ?? []), pid]);
  const out: number[] = [];
  const walk = (pid: number) => { out.push(pid); for (const c of byParent.get(pid) ?? []) walk(c); };
  walk(root);
  return out;
}

/** Resident set of one process in bytes (0 when it is gone). */
function rss(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export interface RssSampler {
  /** Stop sampling; the peak of the tree's summed RSS seen, in bytes (null off Linux). */
  stop(): { peakBytes: number; samples: number } | null;
}

/** Sample the tree's total RSS every `everyMs` until stopped (`withRoot: false`: its descendants only). */
export function sampleRss(root: number, { everyMs = 25, withRoot = true } = {}): RssSampler {
  if (process.platform !== 'linux') return { stop: () => null };
  let peak = 0;
  let samples = 0;
  const take = () => {
    const total = tree(root).filter((pid) => withRoot || pid !== root).reduce((sum, pid) => sum + rss(pid), 0);
    peak = Math.max(peak, total);
    samples++;
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return { peakBytes: peak, samples };
    },
  };
}
