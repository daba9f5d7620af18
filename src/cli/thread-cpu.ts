/** A thread's own CPU time, for `ALBERO_VERIFY_SPLIT_TRACE` (cli/verify-split.ts): Linux only. */
import { readFileSync } from 'node:fs';

/** This thread's CPU time (user and system) in ms, at 10 ms resolution; -1 where /proc does not say it. */
export function threadCpu(): number {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return -1;
  }
}
