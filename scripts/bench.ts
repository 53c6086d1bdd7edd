/**
 * The build benchmark: `npm run bench -- 4000`, or `npm run bench -- --sizes 4000,10000,50000 --runs 3`.
 * Times the full production build (what `npm run build` runs) against the floor (bare Eleventy run
 * by plain node with a one-line layout, then Pagefind's CLI) on one synthetic corpus, alternating
 * the two; reports wall and CPU ratios, peak memory and where the full build's CPU goes.
 * Targets: full / floor ≤ 1.2 (wall) and ≤ 1.3 (CPU); 10,000 items ≤ 2.6 × 4,000 items.
 * Options: --runs N (default 3), --skip-phases (no profiled build), --skip-search (no search-bytes
 * measurement in Chromium), --keep (leave the temp folders), --query WORD (for search bytes).
 */
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { measureSearchBytes } from "./bench-search.ts";
import { BENCH_BUILD_DATE } from "./lib/bench-corpus.ts";
import { PHASES } from "./lib/bench-phases.ts";
import { peakMethod } from "./lib/bench-run.ts";
import { benchSize, type SizeResult } from "./lib/bench-size.ts";
import { parseCli } from "./lib/cli.ts";

const TARGET_RATIO = 1.2;
const TARGET_CPU_RATIO = 1.3;
const TARGET_GROWTH = 2.6;
const USAGE =
  "usage: npm run bench -- [ITEMS] [--sizes 4000,10000] [--runs 3] [--skip-phases] [--skip-search] [--keep] [--query WORD]";

const cli = parseCli(
  {
    runs: { type: "string", default: "3" },
    sizes: { type: "string" },
    "skip-phases": { type: "boolean", default: false },
    "skip-search": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    query: { type: "string", default: "solidarity" },
  },
  USAGE,
);
if (cli === "help") process.exit(0);
if (!cli) process.exit(2);
const { values, positionals } = cli;
const runs = Number(values.runs);
const sizes = String(values.sizes ?? positionals[0] ?? "4000")
  .split(",")
  .map(Number);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`bench: --runs must be a whole number ≥ 1, got ${values.runs}\n${USAGE}`);
  process.exit(2);
}
if (sizes.some((n) => !Number.isInteger(n) || n < 10)) {
  console.error(`bench: sizes must be whole numbers ≥ 10, got ${sizes.join(",")}\n${USAGE}`);
  process.exit(2);
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (n: number | null) => (n === null ? "n/a" : `${Math.round(n)} MB`);
const mark = (value: number, target: number) =>
  `${value.toFixed(2)} ${value <= target ? "✓" : "✗"}`;

console.log(
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}; load average ${os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(" ")} at the start.`,
);
const results: (SizeResult & { searchBytes?: unknown })[] = [];
for (const count of sizes) {
  console.log(`Benchmarking ${count} items (${runs} alternating runs of floor and full build)…`);
  const result = await benchSize(count, {
    runs,
    phases: !values["skip-phases"],
    log: (line) => console.log(line),
  });
  let searchBytes: unknown;
  if (!values["skip-search"]) {
    try {
      const report = await measureSearchBytes(
        path.join(result.dir, result.fullFolder),
        values.query!,
      );
      searchBytes = {
        searchPageBytes: report.searchPage.bytes,
        pagefindOnlyBytes: report.pagefindOnly.bytes,
        ratio: Number(report.ratio.toFixed(3)),
      };
    } catch (error) {
      searchBytes = { error: (error as Error).message.split("\n")[0]! };
    }
  }
  results.push({ ...result, searchBytes });
}
// Removed only now: a corpus deleted before the next size's runs would slow their file creation (runFolders).
for (const { dir } of results) {
  if (values.keep) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

console.log(
  `\nPeak memory: ${peakMethod}. Ratios are of medians; CPU is user + system of every process.`,
);
const header = [
  "items",
  "floor",
  "full",
  `wall ratio (≤${TARGET_RATIO})`,
  `CPU ratio (≤${TARGET_CPU_RATIO})`,
  "CPU floor / full",
  "pages floor / full",
  "peak floor / full",
  "ms per item floor / full",
];
const rows = results.map((r) => [
  String(r.items),
  s(r.floorMs),
  s(r.fullMs),
  mark(r.ratio, TARGET_RATIO),
  r.cpuRatio === null ? "n/a" : mark(r.cpuRatio, TARGET_CPU_RATIO),
  r.cpuRatio === null ? "n/a" : `${s(r.floorCpuMs!)} / ${s(r.fullCpuMs!)}`,
  `${r.floorPages} / ${r.fullPages}`,
  `${mb(r.floorPeakMb)} / ${mb(r.fullPeakMb)}`,
  `${r.floorMsPerItem.toFixed(2)} / ${r.fullMsPerItem.toFixed(2)}`,
]);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
console.log(`${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
for (const row of rows) console.log(line(row));

for (const r of results) {
  console.log(
    `\nFloor at ${r.items} items: Pagefind's CLI ${s(r.floorPagefindMs)} of ${s(r.floorMs)}.`,
  );
  if (!r.phases) continue;
  const total = Object.values(r.phases).reduce((a, b) => a + b, 0);
  console.log(`Full build's CPU by phase (one profiled build, ${s(total)} of CPU):`);
  for (const phase of PHASES) {
    const ms = r.phases[phase];
    console.log(
      `  ${phase.padEnd(30)} ${s(ms).padStart(9)}  ${((100 * ms) / total).toFixed(0).padStart(3)}%`,
    );
  }
}
for (const r of results.filter((r) => r.searchBytes))
  console.log(
    `Search bytes at ${r.items} items ("${values.query}"): ${JSON.stringify(r.searchBytes)}`,
  );
for (let i = 1; i < results.length; i++) {
  const [a, b] = [results[i - 1]!, results[i]!];
  const growth = b.fullMs / a.fullMs;
  const linear = b.items / a.items;
  console.log(
    `Growth ${a.items} → ${b.items} items: full build ×${growth.toFixed(2)} for ×${linear.toFixed(2)} items` +
      (a.items === 4000 && b.items === 10000
        ? ` (target ≤ ${TARGET_GROWTH}: ${growth <= TARGET_GROWTH ? "✓" : "✗"})`
        : ""),
  );
}
console.log(
  JSON.stringify({
    bench: "build",
    buildDate: BENCH_BUILD_DATE,
    loadAverage: os.loadavg(),
    cpus: os.cpus().length,
    results: results.map(({ dir: _dir, ...r }) => r),
  }),
);
