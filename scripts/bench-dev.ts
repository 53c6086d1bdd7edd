/**
 * The editor's loop at scale: `npm run bench:dev -- 10000`. Writes the bench corpus, starts `npm start`
 * on it as an editor would, and times what an editor waits for: the first page, an edit to one article's
 * title and text on screen, the pages that list it, a new file's page, a deleted file's page gone, and
 * `npm run check`. Times are from the save to the moment the server answers with the change.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { BENCH_BUILD_DATE, generateCorpus, writeCorpus } from "./lib/bench-corpus.ts";
import { runMeasured } from "./lib/bench-run.ts";
import { freePort } from "./lib/free-port.ts";
import { parseCli } from "./lib/cli.ts";
import { repoRoot } from "./lib/repo.ts";

const USAGE = "usage: npm run bench:dev -- [ITEMS] [--keep] [--log]";
const cli = parseCli(
  { keep: { type: "boolean", default: false }, log: { type: "boolean", default: false } },
  USAGE,
);
if (cli === "help") process.exit(0);
if (!cli) process.exit(2);
const count = Number(cli.positionals[0] ?? 10000);
if (!Number.isInteger(count) || count < 10) {
  console.error(
    `bench:dev: ITEMS must be a whole number ≥ 10, got ${cli.positionals[0]}\n${USAGE}`,
  );
  process.exit(2);
}

const TARGETS = { firstPage: 15, edit: 2, addOrDelete: 5, check: 3 };
const dir = mkdtempSync(path.join(tmpdir(), `digest-bench-dev-${count}-`));
const files = generateCorpus({ count });
writeCorpus(dir, files);
const content = path.join(dir, "content");
const env = { ...process.env, CONTENT_DIR: content, BUILD_DATE: BENCH_BUILD_DATE, TZ: "UTC" };

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
let output = "";
let log = "";
const benchStart = performance.now();
/** npm start's server (scripts/start.ts), its output collected. */
function startServer() {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(repoRoot, "scripts", "start.ts"), `--port=${port}`],
    { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  const take = (chunk: Buffer) => {
    output += chunk;
    log += `[${seconds(benchStart).toFixed(2)} s] ${chunk}`;
  };
  child.stdout.on("data", take);
  child.stderr.on("data", take);
  return child;
}
let server = startServer();

const seconds = (since: number) => (performance.now() - since) / 1000;
/** Polls until `ready` holds; the seconds since `since`. */
async function until(ready: () => Promise<boolean> | boolean, since: number): Promise<number> {
  const limit = since + 15 * 60_000;
  while (!(await ready())) {
    if (server.exitCode !== null) throw new Error(`npm start stopped:\n${output.slice(-2000)}`);
    if (performance.now() > limit)
      throw new Error(`gave up after 15 minutes:\n${output.slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return seconds(since);
}
const get = async (url: string) => {
  try {
    const response = await fetch(base + url);
    return { status: response.status, text: await response.text() };
  } catch {
    return { status: 0, text: "" };
  }
};
const builtSince = (from: number) => /^(Fixed: )?[Bb]uilt in /m.test(output.slice(from));

const results: { step: string; seconds: number; target: number }[] = [];
const record = (step: string, seconds: number, target = Number.NaN) => {
  results.push({ step, seconds, target });
  console.log(`  ${step.trim()}: ${seconds.toFixed(2)} s`);
  log += `[${((performance.now() - benchStart) / 1000).toFixed(2)} s] measured: ${step.trim()}\n`;
};
try {
  console.log(
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node ${process.version}; load average ${os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(" ")}. ${count} items in ${dir}`,
  );
  const started = performance.now();
  record(
    "npm start: first page served (no earlier build)",
    await until(async () => (await get("/")).status === 200, started),
    TARGETS.firstPage,
  );

  // The newest English article: on the home page and first in /articles/, so the lists show the edit.
  const dateOf = (text: string) => /^date: "?([^"\n]*)/m.exec(text)?.[1] ?? "";
  const article = files
    .filter((f) => f.kind === "article" && !f.lang)
    .sort((a, b) => dateOf(b.text).localeCompare(dateOf(a.text)))[0]!;
  const file = path.join(content, article.path);
  const original = readFileSync(file, "utf8");
  const title = /^title: "?(.*?)"?$/m.exec(original)![1]!;
  const edited = original
    .replace(/^title: .*$/m, `title: "${title} (edited)"`)
    .replace(/\n---\n/, "\n---\nA sentence the editor just wrote.\n\n");
  let from = output.length;
  let saved = performance.now();
  writeFileSync(file, edited);
  log += `[${seconds(benchStart).toFixed(2)} s] bench: saved the edit\n`;
  record(
    "edit to one article's title and text: its page",
    await until(
      async () => (await get(article.url)).text.includes("A sentence the editor just wrote."),
      saved,
    ),
    TARGETS.edit,
  );
  record(
    "  the same edit: home page and every list (whole build)",
    await until(
      async () => builtSince(from) && (await get("/")).text.includes(`${title} (edited)`),
      saved,
    ),
    Number.NaN,
  );

  const added = path.join(content, "articles", "bench-dev-new.md");
  from = output.length;
  saved = performance.now();
  writeFileSync(
    added,
    `---\ntitle: A new report\ndate: ${BENCH_BUILD_DATE}\ncategory: news\n---\nJust written.\n`,
  );
  record(
    "new article: its page served",
    await until(async () => (await get("/articles/bench-dev-new/")).status === 200, saved),
    TARGETS.addOrDelete,
  );
  await until(() => builtSince(from), saved);
  saved = performance.now();
  unlinkSync(added);
  log += `[${seconds(benchStart).toFixed(2)} s] bench: deleted the new file\n`;
  record(
    "deleted article: its page gone",
    await until(async () => (await get("/articles/bench-dev-new/")).status === 404, saved),
    TARGETS.addOrDelete,
  );

  // Restarted as tsx watch restarts it (or an editor the next day): the last build is served at once.
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  output = "";
  const restarted = performance.now();
  server = startServer();
  record(
    "npm start again (the last build kept): first page served",
    await until(async () => (await get("/")).status === 200, restarted),
    TARGETS.firstPage,
  );
  record("  the same restart: built again", await until(() => builtSince(0), restarted));

  const check = await runMeasured(
    process.execPath,
    [path.join(repoRoot, "scripts", "run.mjs"), path.join(repoRoot, "scripts", "check.ts")],
    { cwd: repoRoot, env },
  );
  if (check.code !== 0) throw new Error(`npm run check failed:\n${check.stderr.slice(-2000)}`);
  record("npm run check", check.ms / 1000, TARGETS.check);
} finally {
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  if (cli.values.log) console.log(`\nnpm start printed:\n${log}`);
  if (cli.values.keep) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

const width = Math.max(...results.map((r) => r.step.length));
console.log(`\n${"step".padEnd(width)}  seconds  target`);
for (const r of results) {
  const target = Number.isNaN(r.target)
    ? ""
    : `≤ ${r.target} s ${r.seconds <= r.target ? "✓" : "✗"}`;
  console.log(`${r.step.padEnd(width)}  ${r.seconds.toFixed(2).padStart(7)}  ${target}`);
}
console.log(
  JSON.stringify({
    bench: "dev",
    items: count,
    loadAverage: os.loadavg(),
    results: results.map((r) => ({ step: r.step.trim(), seconds: Number(r.seconds.toFixed(2)) })),
  }),
);
