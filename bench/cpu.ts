/**
 * CPU time of the workerd processes that serve a Worker, read from /proc
 * (Linux): what a request costs the runtime, whatever else the machine runs.
 * Throughput on a shared 2-core machine drifts; CPU time per request is the
 * service's own cost, D1 and Durable Objects included (local D1 and objects
 * run in the Worker's own workerd process).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";

/** Clock ticks per second of utime/stime in /proc/<pid>/stat. */
const TICKS = ((): number => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Pids of the workerd processes this process started (miniflare spawns workerd as a direct child). */
export function workerdChildren(): number[] {
  if (!existsSync("/proc/self/stat")) return [];
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat?.comm === "workerd" && stat.ppid === process.pid) pids.push(Number(entry));
  }
  return pids;
}

/** User + system CPU time of the processes, in ms; undefined when /proc cannot tell. */
export function cpuMs(pids: readonly number[]): number | undefined {
  if (pids.length === 0) return undefined;
  let ticks = 0;
  for (const pid of pids) {
    const stat = readStat(pid);
    if (!stat) return undefined;
    ticks += stat.utime + stat.stime;
  }
  return (ticks * 1000) / TICKS;
}

interface Stat {
  comm: string;
  ppid: number;
  utime: number;
  stime: number;
}

// /proc/<pid>/stat: "pid (comm) state ppid … utime stime …"; comm may hold spaces, so split after its ")".
function readStat(pid: number): Stat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  const close = text.lastIndexOf(")");
  const fields = text.slice(close + 2).split(" ");
  return {
    comm: text.slice(text.indexOf("(") + 1, close),
    ppid: Number(fields[1]),
    utime: Number(fields[11]),
    stime: Number(fields[12]),
  };
}
