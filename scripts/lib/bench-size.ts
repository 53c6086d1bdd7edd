import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { repoRoot } from "./repo.ts";
import { BENCH_BUILD_DATE, generateCorpus, writeCorpus, type CorpusFile } from "./bench-corpus.ts";
import { PHASES, phasesFromProfiles, type Phase } from "./bench-phases.ts";
import { countHtml, median, runMeasured, type Measured } from "./bench-run.ts";

const eleventyCmd = path.join(repoRoot, "node_modules", "@11ty", "eleventy", "cmd.cjs");
const pagefindCli = path.join(repoRoot, "node_modules", ".bin", "pagefind");

// What a plain Eleventy user writes: an ESM config run by plain node, and a one-line layout.
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

// Each Node process of the build appends its own CPU time (every thread) on exit, so Pagefind's share is the rest;
// with BENCH_PROFILE_DIR each thread also writes a CPU profile (--cpu-prof is refused in NODE_OPTIONS).
const PRELOAD = `const fs = require("node:fs");
const { isMainThread, threadId } = require("node:worker_threads");
let session = null;
if (process.env.BENCH_PROFILE_DIR) {
  session = new (require("node:inspector").Session)();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: 1000 });
  session.post("Profiler.start");
}
process.on("exit", () => {
  if (session) session.post("Profiler.stop", (error, result) => {
    if (!error) fs.writeFileSync(require("node:path").join(process.env.BENCH_PROFILE_DIR, process.pid + "-" + threadId + ".cpuprofile"), JSON.stringify(result.profile));
  });
  if (isMainThread) { const u = process.cpuUsage(); fs.appendFileSync(process.env.BENCH_NODE_CPU_FILE, (u.user + u.system) / 1000 + "\\n"); }
});
`;

export interface Run {
  ms: number;
  cpuMs: number | null;
  peakMb: number | null;
}

export interface FloorRun extends Run {
  /** The Pagefind CLI's part of the floor. */
  pagefindMs: number;
}

export interface SizeResult {
  items: number;
  runs: number;
  floorMs: number;
  fullMs: number;
  /** Full over floor, wall time (medians). */
  ratio: number;
  floorCpuMs: number | null;
  fullCpuMs: number | null;
  cpuRatio: number | null;
  floorPeakMb: number | null;
  fullPeakMb: number | null;
  floorPages: number;
  fullPages: number;
  floorMsPerItem: number;
  fullMsPerItem: number;
  floorPagefindMs: number;
  /** CPU ms of one extra, profiled full build by phase (see bench-phases.ts); null when skipped. */
  phases: Record<Phase, number> | null;
  /** The corpus folder, with every run's output in it (removed by the caller when the bench ends). */
  dir: string;
  /** The last full build's output folder in `dir`. */
  fullFolder: string;
}

/** The command `npm run build` runs, so the bench times what a user runs. */
export function fullBuildCommand(): { file: string; args: string[] } {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  const [bin, ...args] = pkg.scripts.build!.trim().split(/\s+/);
  if (!bin || /=/.test(bin))
    throw new Error(`bench: cannot run the build script ${JSON.stringify(pkg.scripts.build)}`);
  const file = bin === "node" ? process.execPath : path.join(repoRoot, "node_modules", ".bin", bin);
  return { file, args };
}

function check(step: string, result: Measured): Measured {
  if (result.code !== 0) {
    throw new Error(
      `bench: ${step} failed with exit code ${result.code}\n${result.stderr.slice(-4000) || result.stdout.slice(-4000)}`,
    );
  }
  return result;
}

/** Writes the corpus and the floor's config and layout into a new temp folder. */
export function prepareCorpus(count: number): { dir: string; files: CorpusFile[] } {
  const dir = mkdtempSync(path.join(tmpdir(), `digest-bench-${count}-`));
  const files = generateCorpus({ count });
  writeCorpus(dir, files);
  mkdirSync(path.join(dir, "floor-layouts"));
  writeFileSync(path.join(dir, "floor-layouts", "floor.njk"), FLOOR_LAYOUT);
  writeFileSync(path.join(dir, "floor.config.mjs"), FLOOR_CONFIG);
  return { dir, files };
}

export function benchEnv(dir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CONTENT_DIR: path.join(dir, "content"),
    BUILD_DATE: BENCH_BUILD_DATE,
    TZ: "UTC",
    PREVIEW: "",
    NODE_OPTIONS: "",
  };
}

/**
 * The folders one run writes, new for each run: neither build writes where files were just deleted. On ext4
 * without a journal (these machines) a file created among inodes freed in the last minutes scans past each of
 * them (the kernel's recently_deleted), which cost a 4,000-item build seconds of system time after the last
 * run's output was removed, unevenly between the builds. All go when the bench ends.
 */
export const runFolders = (run: number | string) => ({
  floor: `_floor-${run}`,
  full: `_full-${run}`,
});

/** Bare Eleventy run by plain node, then Pagefind's CLI over its output (`out`, a new folder in the corpus folder: runFolders). */
export async function floorBuild(dir: string, out: string, env = benchEnv(dir)): Promise<FloorRun> {
  const eleventy = check(
    "floor Eleventy",
    await runMeasured(
      process.execPath,
      [eleventyCmd, "--config=floor.config.mjs", `--output=${out}`, "--quiet"],
      { cwd: dir, env },
    ),
  );
  const pagefind = check(
    "floor Pagefind",
    await runMeasured(pagefindCli, ["--site", out], { cwd: dir, env }),
  );
  const peaks = [eleventy.peakMb, pagefind.peakMb].filter((n): n is number => n !== null);
  return {
    ms: eleventy.ms + pagefind.ms,
    cpuMs:
      eleventy.cpuMs !== null && pagefind.cpuMs !== null ? eleventy.cpuMs + pagefind.cpuMs : null,
    peakMb: peaks.length ? Math.max(...peaks) : null,
    pagefindMs: pagefind.ms,
  };
}

/** The production build, as `npm run build` runs it, into `folder` (new, in the corpus folder: runFolders); `profileDir` adds CPU profiles. */
export async function fullBuild(
  dir: string,
  folder: string,
  env = benchEnv(dir),
  profileDir?: string,
): Promise<Run & { nodeCpuMs: number | null }> {
  const out = path.join(dir, folder);
  const { file, args } = fullBuildCommand();
  const cpuFile = path.join(dir, "node-cpu.txt");
  const preload = path.join(dir, "node-cpu.cjs");
  writeFileSync(preload, PRELOAD);
  rmSync(cpuFile, { force: true });
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const result = check(
    "full build",
    await runMeasured(file, [...args, `--output=${out}`], {
      cwd: repoRoot,
      env: {
        ...env,
        BENCH_NODE_CPU_FILE: cpuFile,
        BENCH_PROFILE_DIR: profileDir ?? "",
        NODE_OPTIONS: `--require=${preload}`,
      },
    }),
  );
  const nodeCpu = existsSync(cpuFile)
    ? readFileSync(cpuFile, "utf8")
        .split("\n")
        .filter(Boolean)
        .reduce((sum, line) => sum + Number(line), 0)
    : null;
  return { ms: result.ms, cpuMs: result.cpuMs, peakMb: result.peakMb, nodeCpuMs: nodeCpu };
}

/**
 * CPU ms by phase: the Node processes' CPU split in the proportions of their profiles' samples,
 * plus Pagefind's own process (the tree's CPU less Node's) as search indexing.
 */
async function profilePhases(dir: string): Promise<Record<Phase, number> | null> {
  // A new folder, as the corpus folder is (prepareCorpus): nothing to remove first.
  const profiles = path.join(dir, "profiles");
  const run = await fullBuild(dir, runFolders("profiled").full, benchEnv(dir), profiles);
  if (run.cpuMs === null || run.nodeCpuMs === null) return null;
  const sampled = phasesFromProfiles(
    readdirSync(profiles)
      .filter((f) => f.endsWith(".cpuprofile"))
      .map((f) => path.join(profiles, f)),
  );
  const sampledTotal = Object.values(sampled).reduce((a, b) => a + b, 0);
  const phases = Object.fromEntries(
    PHASES.map((p) => [p, Math.round((sampled[p] / sampledTotal) * run.nodeCpuMs!)]),
  ) as Record<Phase, number>;
  phases["search indexing"] += Math.max(0, Math.round(run.cpuMs - run.nodeCpuMs));
  rmSync(profiles, { recursive: true, force: true });
  return phases;
}

/** How many pages Pagefind indexed, from its bundle's entry file. */
export function pagefindPageCount(bundle: string): number {
  const entry = JSON.parse(readFileSync(path.join(bundle, "pagefind-entry.json"), "utf8")) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.values(entry.languages).reduce((sum, l) => sum + l.page_count, 0);
}

/** Both builds of a run (`folders`) must have produced what they claim: a page for every item of the corpus, and a search index of them. */
export function verifyBuilds(
  dir: string,
  files: CorpusFile[],
  folders: { floor: string; full: string },
): { floorPages: number; fullPages: number } {
  const missing = (root: string, page: (file: CorpusFile) => string) =>
    files.filter((file) => !existsSync(path.join(dir, root, page(file), "index.html")));
  // The floor keeps the folders (articles/2023/slug/), the site drops them (articles/slug/).
  const floorMissing = missing(folders.floor, (f) => f.path.replace(/\.md$/, ""));
  const fullMissing = missing(folders.full, (f) => f.url);
  for (const [build, list] of [
    ["floor", floorMissing],
    ["full build", fullMissing],
  ] as const)
    if (list.length)
      throw new Error(
        `bench: the ${build} wrote no page for ${list.length} items, e.g. ${list[0]!.path}`,
      );
  for (const build of [folders.floor, folders.full]) {
    const indexed = pagefindPageCount(path.join(dir, build, "pagefind"));
    if (indexed !== files.length)
      throw new Error(
        `bench: ${build}'s Pagefind index holds ${indexed} pages, not ${files.length}`,
      );
  }
  return {
    floorPages: countHtml(path.join(dir, folders.floor)),
    fullPages: countHtml(path.join(dir, folders.full)),
  };
}

const medianOf = (runs: Run[], key: "ms" | "cpuMs") =>
  runs.every((r) => r[key] !== null) ? median(runs.map((r) => r[key]!)) : null;
const peakOf = (runs: Run[]) => {
  const peaks = runs.map((r) => r.peakMb).filter((n): n is number => n !== null);
  return peaks.length ? Math.round(Math.max(...peaks)) : null;
};

/** Times `runs` floor and full builds of one corpus, alternating which goes first. */
export async function benchSize(
  count: number,
  options: { runs: number; phases: boolean; log?: (line: string) => void },
): Promise<SizeResult> {
  const { dir, files } = prepareCorpus(count);
  const floors: FloorRun[] = [];
  const fulls: Run[] = [];
  for (let i = 0; i < options.runs; i++) {
    // Alternating the order evens out a machine that gets busier or quieter during the runs.
    const folders = runFolders(i + 1);
    if (i % 2 === 0) floors.push(await floorBuild(dir, folders.floor));
    fulls.push(await fullBuild(dir, folders.full));
    if (i % 2 === 1) floors.push(await floorBuild(dir, folders.floor));
    const [floor, full] = [floors[i]!, fulls[i]!];
    options.log?.(
      `  ${count} items, run ${i + 1}/${options.runs}: floor ${(floor.ms / 1000).toFixed(2)} s, full ${(full.ms / 1000).toFixed(2)} s`,
    );
  }
  const last = runFolders(options.runs);
  const pages = verifyBuilds(dir, files, last);
  const phases = options.phases ? await profilePhases(dir) : null;
  const floorMs = medianOf(floors, "ms")!;
  const fullMs = medianOf(fulls, "ms")!;
  const floorCpu = medianOf(floors, "cpuMs");
  const fullCpu = medianOf(fulls, "cpuMs");
  return {
    items: count,
    runs: options.runs,
    floorMs: Math.round(floorMs),
    fullMs: Math.round(fullMs),
    ratio: Number((fullMs / floorMs).toFixed(3)),
    floorCpuMs: floorCpu === null ? null : Math.round(floorCpu),
    fullCpuMs: fullCpu === null ? null : Math.round(fullCpu),
    cpuRatio: floorCpu && fullCpu ? Number((fullCpu / floorCpu).toFixed(3)) : null,
    floorPeakMb: peakOf(floors),
    fullPeakMb: peakOf(fulls),
    ...pages,
    floorMsPerItem: Number((floorMs / count).toFixed(3)),
    fullMsPerItem: Number((fullMs / count).toFixed(3)),
    floorPagefindMs: Math.round(median(floors.map((r) => r.pagefindMs))),
    phases,
    dir,
    fullFolder: last.full,
  };
}
