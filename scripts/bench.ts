/**
 * The build benchmark: `npm run bench -- 4000`, or `npm run bench -- --sizes 4000,10000`.
 * Times the full production build against the floor (bare Eleventy with a one-line layout, then
 * Pagefind's CLI) on a synthetic corpus, alternating the two. Target: full / floor ≤ 1.5 at 4,000 items.
 * Options: --runs N (default 3), --keep (leave the temp folders), --query WORD (for search bytes).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { repoRoot } from "../test/helpers/fixture.ts";
import { measureSearchBytes, type SearchBytes } from "./bench-search.ts";
import { BENCH_BUILD_DATE, generateCorpus, writeCorpus } from "./lib/bench-corpus.ts";
import { countHtml, median, peakMethod, runMeasured, type Measured } from "./lib/bench-run.ts";

const TARGET_RATIO = 1.5;
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: "string", default: "3" },
    sizes: { type: "string" },
    keep: { type: "boolean", default: false },
    query: { type: "string", default: "solidarity" },
  },
});
const runs = Number(values.runs);
const sizes = (values.sizes ?? positionals[0] ?? "4000").split(",").map(Number);
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`bench: --runs must be a whole number ≥ 1, got ${values.runs}`);
if (sizes.some((n) => !Number.isInteger(n) || n < 10))
  throw new Error(`bench: sizes must be whole numbers ≥ 10, got ${sizes.join(",")}`);

const tsx = path.join(repoRoot, "node_modules", ".bin", "tsx");
const eleventyCmd = path.join(repoRoot, "node_modules", "@11ty", "eleventy", "cmd.cjs");
const pagefindCli = path.join(repoRoot, "node_modules", ".bin", "pagefind");

const FLOOR_CONFIG = `export default function (eleventyConfig) {
  eleventyConfig.addGlobalData("layout", "floor.njk");
}
export const config = {
  dir: { input: "content", includes: "../floor-layouts", layouts: "../floor-layouts", output: "_floor" },
  templateFormats: ["md"],
  markdownTemplateEngine: false,
};
`;
const FLOOR_LAYOUT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head><body><main>{{ content | safe }}</main></body></html>\n`;

interface Run {
  ms: number;
  cpuMs: number | null;
  peakMb: number | null;
  /** Pagefind's own time inside this run, when it could be measured. */
  pagefindMs: number | null;
}

function check(step: string, result: Measured): Measured {
  if (result.code !== 0) {
    throw new Error(
      `bench: ${step} failed with exit code ${result.code}\n${result.stderr.slice(-4000) || result.stdout.slice(-4000)}`,
    );
  }
  return result;
}

async function floorRun(dir: string, env: NodeJS.ProcessEnv): Promise<Run> {
  const out = path.join(dir, "_floor");
  rmSync(out, { recursive: true, force: true });
  const eleventy = check(
    "floor Eleventy",
    await runMeasured(tsx, [eleventyCmd, "--config=floor.config.mjs", "--quiet"], {
      cwd: dir,
      env,
    }),
  );
  const pagefind = check(
    "floor Pagefind",
    await runMeasured(pagefindCli, ["--site", out], { cwd: dir, env }),
  );
  const peaks = [eleventy.peakMb, pagefind.peakMb].filter((n): n is number => n !== null);
  const cpuMs =
    eleventy.cpuMs !== null && pagefind.cpuMs !== null ? eleventy.cpuMs + pagefind.cpuMs : null;
  return {
    ms: eleventy.ms + pagefind.ms,
    cpuMs,
    peakMb: peaks.length ? Math.max(...peaks) : null,
    pagefindMs: pagefind.ms,
  };
}

// Pagefind's Node API runs its indexer as a child process: time that process's life from the outside, without touching the plugin.
const PAGEFIND_TIMER = `const cp = require("node:child_process");
const fs = require("node:fs");
const spawn = cp.spawn;
cp.spawn = function (file, ...rest) {
  const child = spawn.call(this, file, ...rest);
  if (/pagefind/.test(String(file))) {
    const started = performance.now();
    let done = false;
    // The build may exit before the child's exit event arrives; then the indexer's life ends with the build.
    const record = () => {
      if (!done) fs.appendFileSync(process.env.BENCH_PAGEFIND_FILE, (performance.now() - started) + "\\n");
      done = true;
    };
    child.once("exit", record);
    process.once("exit", record);
  }
  return child;
};
`;

async function fullRun(dir: string, env: NodeJS.ProcessEnv): Promise<Run> {
  const out = path.join(dir, "_full");
  rmSync(out, { recursive: true, force: true });
  const timer = path.join(dir, "pagefind-timer.cjs");
  const timings = path.join(dir, "pagefind-ms.txt");
  writeFileSync(timer, PAGEFIND_TIMER);
  rmSync(timings, { force: true });
  const result = check(
    "full build",
    await runMeasured(
      tsx,
      [eleventyCmd, `--config=${path.join(repoRoot, "eleventy.config.ts")}`, `--output=${out}`],
      {
        cwd: dir,
        env: {
          ...env,
          BENCH_PAGEFIND_FILE: timings,
          NODE_OPTIONS: `${env.NODE_OPTIONS ?? ""} --require=${timer}`.trim(),
        },
      },
    ),
  );
  const spans = existsSync(timings)
    ? readFileSync(timings, "utf8")
        .split("\n")
        .map(Number)
        .filter((n) => n > 0)
    : [];
  const pagefindMs = spans.length ? spans.reduce((a, b) => a + b, 0) : null;
  return {
    ms: result.ms,
    cpuMs: result.cpuMs,
    peakMb: result.peakMb,
    pagefindMs,
  };
}

/** The totals of scripts/bench-search.ts's report, without its per-request lists. */
function summariseSearchBytes(report: SearchBytes) {
  return {
    searchPageBytes: report.searchPage.bytes,
    searchPageRequests: report.searchPage.requests.length,
    pagefindOnlyBytes: report.pagefindOnly.bytes,
    pagefindOnlyRequests: report.pagefindOnly.requests.length,
    ratio: Number(report.ratio.toFixed(3)),
  };
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (n: number | null) => (n === null ? "n/a" : `${Math.round(n)} MB`);

async function benchSize(count: number) {
  const dir = mkdtempSync(path.join(tmpdir(), `digest-bench-${count}-`));
  writeCorpus(dir, generateCorpus({ count }));
  mkdirSync(path.join(dir, "floor-layouts"));
  writeFileSync(path.join(dir, "floor-layouts", "floor.njk"), FLOOR_LAYOUT);
  writeFileSync(path.join(dir, "floor.config.mjs"), FLOOR_CONFIG);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CONTENT_DIR: path.join(dir, "content"),
    BUILD_DATE: BENCH_BUILD_DATE,
    TZ: "UTC",
    PREVIEW: "",
  };
  const floors: Run[] = [];
  const fulls: Run[] = [];
  for (let i = 0; i < runs; i++) {
    const floor = await floorRun(dir, env);
    floors.push(floor);
    const full = await fullRun(dir, env);
    fulls.push(full);
    console.log(
      `  ${count} items, run ${i + 1}/${runs}: floor ${fmt(floor.ms)} (Pagefind ${fmt(floor.pagefindMs ?? 0)}), full ${fmt(full.ms)}${full.pagefindMs !== null ? ` (Pagefind ${fmt(full.pagefindMs)})` : ""}`,
    );
  }
  const floorMs = median(floors.map((r) => r.ms));
  const fullMs = median(fulls.map((r) => r.ms));
  const pagefindRuns = fulls.map((r) => r.pagefindMs).filter((n): n is number => n !== null);
  const peak = (list: Run[]) => {
    const peaks = list.map((r) => r.peakMb).filter((n): n is number => n !== null);
    return peaks.length ? Math.max(...peaks) : null;
  };
  const cpu = (list: Run[]) =>
    list.every((r) => r.cpuMs !== null) ? Math.round(median(list.map((r) => r.cpuMs!))) : null;
  const [floorPeak, fullPeak] = [peak(floors), peak(fulls)];
  const [floorCpu, fullCpu] = [cpu(floors), cpu(fulls)];
  let searchBytes: ReturnType<typeof summariseSearchBytes> | { error: string };
  try {
    searchBytes = summariseSearchBytes(
      await measureSearchBytes(path.join(dir, "_full"), values.query!),
    );
  } catch (error) {
    searchBytes = { error: (error as Error).message.split("\n")[0]! };
  }
  const result = {
    items: count,
    runs,
    floorMs: Math.round(floorMs),
    fullMs: Math.round(fullMs),
    ratio: Number((fullMs / floorMs).toFixed(3)),
    // Every run builds the same pages: count the last run's.
    floorPages: countHtml(path.join(dir, "_floor")),
    fullPages: countHtml(path.join(dir, "_full")),
    floorPeakMb: floorPeak === null ? null : Math.round(floorPeak),
    fullPeakMb: fullPeak === null ? null : Math.round(fullPeak),
    floorCpuMs: floorCpu,
    fullCpuMs: fullCpu,
    cpuRatio: floorCpu && fullCpu ? Number((fullCpu / floorCpu).toFixed(3)) : null,
    fullMsPerItem: Number((fullMs / count).toFixed(3)),
    floorMsPerItem: Number((floorMs / count).toFixed(3)),
    pagefindMs: pagefindRuns.length ? Math.round(median(pagefindRuns)) : null,
    pagefindShare: pagefindRuns.length ? Number((median(pagefindRuns) / fullMs).toFixed(3)) : null,
    searchIndexed: pagefindRuns.length > 0,
    searchBytes,
  };
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
  else console.log(`  kept ${dir}`);
  return result;
}

const results = [];
for (const count of sizes) {
  console.log(`Benchmarking ${count} items (${runs} alternating runs of floor and full build)…`);
  results.push(await benchSize(count));
}

console.log(`\nPeak memory: ${peakMethod}.`);
if (results.some((r) => !r.searchIndexed))
  console.log("Note: the full build ran no Pagefind indexing.");
const rows = results.map((r) => [
  String(r.items),
  fmt(r.floorMs),
  fmt(r.fullMs),
  r.ratio.toFixed(2) + (r.ratio <= TARGET_RATIO ? " ✓" : " ✗"),
  r.cpuRatio === null
    ? "n/a"
    : `${r.cpuRatio.toFixed(2)} (${fmt(r.floorCpuMs!)} / ${fmt(r.fullCpuMs!)})`,
  `${r.floorPages} / ${r.fullPages}`,
  `${mb(r.floorPeakMb)} / ${mb(r.fullPeakMb)}`,
  `${r.floorMsPerItem.toFixed(2)} / ${r.fullMsPerItem.toFixed(2)}`,
  r.pagefindShare === null
    ? "n/a"
    : `${fmt(r.pagefindMs!)} (${Math.round(r.pagefindShare * 100)}%)`,
]);
const header = [
  "items",
  "floor",
  "full",
  `ratio (≤${TARGET_RATIO})`,
  "CPU ratio (floor / full)",
  "pages floor/full",
  "peak floor/full",
  "ms/item floor/full",
  "Pagefind in full",
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
console.log(
  `\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n${rows.map(line).join("\n")}`,
);
for (const r of results)
  console.log(
    `Search bytes at ${r.items} items ("${values.query}"): ${JSON.stringify(r.searchBytes)}`,
  );
if (results.length > 1) {
  const first = results[0]!;
  const last = results[results.length - 1]!;
  const growth = last.fullMsPerItem / first.fullMsPerItem;
  console.log(
    `Growth: full build ms per item ×${growth.toFixed(2)} from ${first.items} to ${last.items} items (1.00 is linear).`,
  );
}
console.log(
  JSON.stringify({
    bench: "build",
    buildDate: BENCH_BUILD_DATE,
    targetRatio: TARGET_RATIO,
    results,
  }),
);
