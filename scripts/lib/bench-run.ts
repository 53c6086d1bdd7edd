import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface Measured {
  ms: number;
  /** Peak resident memory of the largest process in the tree, in MB; null when it could not be read. */
  peakMb: number | null;
  /** User + system CPU time of the process tree, in ms (GNU time only): steadier than wall time on a busy machine. */
  cpuMs: number | null;
  code: number;
  stdout: string;
  stderr: string;
}

const GNU_TIME = "/usr/bin/time";
const hasGnuTime = existsSync(GNU_TIME);

// Fallback when /usr/bin/time is missing: every Node process of the tree records its own peak on exit.
const RSS_PRELOAD = `const fs = require("node:fs");
process.on("exit", () => { try { fs.appendFileSync(process.env.BENCH_RSS_FILE, process.resourceUsage().maxRSS + "\\n"); } catch {} });
`;

/** Runs a command to completion, timing it and reading the peak RSS of its process tree. */
export async function runMeasured(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<Measured> {
  const scratch = mkdtempSync(path.join(tmpdir(), "bench-rss-"));
  const rssFile = path.join(scratch, "rss");
  let file = command;
  let argv = args;
  let env = options.env;
  if (hasGnuTime) {
    // GNU time waits for the child, whose rusage covers every descendant it waited for (ru_maxrss: the largest).
    file = GNU_TIME;
    argv = ["-f", "%M %U %S", "-o", rssFile, command, ...args];
  } else {
    const preload = path.join(scratch, "rss.cjs");
    writeFileSync(preload, RSS_PRELOAD);
    env = {
      ...env,
      BENCH_RSS_FILE: rssFile,
      NODE_OPTIONS: `${env.NODE_OPTIONS ?? ""} --require=${preload}`.trim(),
    };
  }
  const started = performance.now();
  const result = await new Promise<{ code: number; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const child = spawn(file, argv, { cwd: options.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
    },
  );
  const ms = performance.now() - started;
  let peakMb: number | null = null;
  let cpuMs: number | null = null;
  if (existsSync(rssFile)) {
    const lines = readFileSync(rssFile, "utf8").trim().split("\n");
    // Both GNU time's %M and Node's maxRSS are in kilobytes; GNU time may print a note about the exit status first.
    const peaks = lines
      .map((l) => Number(l.trim().split(/\s+/)[0]))
      .filter((n) => Number.isFinite(n) && n > 0);
    if (peaks.length) peakMb = Math.max(...peaks) / 1024;
    const gnu = /^(\d+) ([\d.]+) ([\d.]+)$/.exec(lines[lines.length - 1]!.trim());
    if (hasGnuTime && gnu) cpuMs = (Number(gnu[2]) + Number(gnu[3])) * 1000;
  }
  rmSync(scratch, { recursive: true, force: true });
  return { ms, peakMb, cpuMs, ...result };
}

export const peakMethod = hasGnuTime
  ? "GNU time %M (largest process of the tree)"
  : "process.resourceUsage().maxRSS of each Node process";

/** How many .html files a build wrote. */
export function countHtml(dir: string): number {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(".html")) count++;
  }
  return count;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
