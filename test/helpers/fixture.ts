import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { parseHTML } from "linkedom";
import { rootCause } from "../../src/lib/build-error.ts";
import { loadSiteContext } from "../../src/lib/site-context.ts";
import type { Command, CommandIo } from "../../scripts/lib/cli.ts";
import { repoRoot, writeSite } from "../../scripts/lib/repo.ts";

export { repoRoot };

const run = promisify(execFile);
const tsx = path.join(repoRoot, "node_modules", ".bin", "tsx");

export const DEFAULT_SETTINGS = `title: Fixture Digest
description: A fixture site.
url: https://fixture.example.org
language: en-GB
timezone: Europe/London
author: Fixture editors
pageSize: 20
feedSize: 20
categories:
  news: News
  analysis: Analysis
  statement: Statements
  campaign: Campaigns (petitions, letters, lobbying)
  fundraiser: Fundraising
  event: Events
  twinning: Twinning and friendship links
  culture: Film, radio and books
`;

/** Writes a site's content/ under `dir` (see writeSite), with the fixture settings unless given. */
export function writeFixture(
  dir: string,
  files: Record<string, string | Buffer>,
  settings: string | Buffer = DEFAULT_SETTINGS,
): string {
  return writeSite(dir, files, settings);
}

/** A site in a temp directory (see writeFixture). */
export function makeFixture(
  files: Record<string, string | Buffer>,
  settings = DEFAULT_SETTINGS,
): string {
  const dir = mkdtempSync(path.join(tmpdir(), "digest-fixture-"));
  writeFixture(dir, files, settings);
  return dir;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface BuildOptions {
  buildDate?: string;
  preview?: boolean;
  pathPrefix?: string;
  env?: Record<string, string>;
}

export function envFor(dir: string, options: BuildOptions = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CONTENT_DIR: path.join(dir, "content"),
    BUILD_DATE: options.buildDate ?? "2024-02-22",
    PREVIEW: options.preview ? "1" : "",
    TZ: "UTC",
    ...options.env,
  };
}

async function runCommand(
  file: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<RunResult> {
  try {
    const { stdout, stderr } = await run(file, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof e.code === "number" ? e.code : 1,
      stdout: e.stdout ?? "",
      stderr: e.stderr ?? "",
    };
  }
}

// Builds and in-process commands run one at a time: builds are CPU-bound, and Eleventy sets process-wide
// state while it builds.
let queue: Promise<unknown> = Promise.resolve();

function queued<T>(work: () => Promise<T>): Promise<T> {
  const done = queue.then(work);
  queue = done.catch(() => undefined);
  return done;
}

/** The real production (or preview) build of the fixture into `<dir>/_site`, in this process. */
export function buildFixture(
  dir: string,
  options: BuildOptions = {},
): Promise<RunResult & { out: string }> {
  const out = path.join(dir, "_site");
  return queued(async () => {
    try {
      const ctx = loadSiteContext(envFor(dir, options), { pathPrefix: options.pathPrefix });
      // Loaded on the first build: files that only run commands need not load Eleventy.
      const { buildSite } = await import("../../src/build.ts");
      // Tests build site after site in one process, as the dev server rebuilds.
      await buildSite(ctx, { output: out, reuseSearchThread: true });
      return { code: 0, stdout: "", stderr: "", out };
    } catch (error) {
      const cause = rootCause(error);
      const stderr = ["ContentValidationError", "SettingsError"].includes(cause.name)
        ? cause.message
        : String(cause.stack);
      return { code: 1, stdout: "", stderr, out };
    }
  });
}

/** The build as `npm run build` runs it (scripts/build.ts's main, from the fixture's folder), in this process. */
export async function buildFixtureCommand(
  dir: string,
  options: BuildOptions = {},
): Promise<RunResult & { out: string }> {
  const out = path.join(dir, "_site");
  const args = [
    `--output=${out}`,
    ...(options.pathPrefix ? [`--pathprefix=${options.pathPrefix}`] : []),
  ];
  return { ...(await runScript(dir, "build.ts", args, options)), out };
}

/** The build as `npm run build` runs it (scripts/build.ts), in a child process. */
export async function buildFixtureCli(
  dir: string,
  options: BuildOptions = {},
): Promise<RunResult & { out: string }> {
  const out = path.join(dir, "_site");
  const args = [
    path.join(repoRoot, "scripts", "run.mjs"),
    path.join(repoRoot, "scripts", "build.ts"),
    `--output=${out}`,
    ...(options.pathPrefix ? [`--pathprefix=${options.pathPrefix}`] : []),
  ];
  // Run from the repository, as npm runs it.
  return { ...(await runCommand(process.execPath, args, repoRoot, envFor(dir, options))), out };
}

// The commands tests run in-process, by file name. Not start.ts: its server would outlive the test (runScriptCli).
const COMMANDS: Record<string, () => Promise<{ main: Command }>> = {
  "build.ts": () => import("../../scripts/build.ts"),
  "changed.ts": () => import("../../scripts/changed.ts"),
  "check.ts": () => import("../../scripts/check.ts"),
  "ci.ts": () => import("../../scripts/ci.ts"),
  "digest.ts": () => import("../../scripts/digest.ts"),
  "import.ts": () => import("../../scripts/import.ts"),
  "new.ts": () => import("../../scripts/new.ts"),
};

/**
 * Runs one of scripts/*.ts against the fixture as its npm script would, in this process: its main with
 * the fixture as its folder, the environment its npm script would get, and its output captured.
 * A failure it does not catch is exit code 1 and the stack on stderr, as node prints it.
 */
export function runScript(
  dir: string,
  script: string,
  args: string[] = [],
  options: BuildOptions = {},
): Promise<RunResult> {
  const load = COMMANDS[script];
  if (!load) throw new Error(`${script}: expected one of ${Object.keys(COMMANDS).join(", ")}`);
  const env = envFor(dir, options);
  return queued(async () => {
    const output = { stdout: "", stderr: "" };
    const io: CommandIo = {
      cwd: dir,
      env,
      stdout: { write: (text: string) => (output.stdout += text) },
      stderr: { write: (text: string) => (output.stderr += text) },
    };
    try {
      const code = await (await load()).main(args, io);
      return { code, ...output };
    } catch (error) {
      return {
        code: 1,
        stdout: output.stdout,
        stderr: `${output.stderr}${(error as Error).stack}\n`,
      };
    }
  });
}

const VIA_TSX = new Set(["start.ts", "ci.ts"]);

/** Runs one of scripts/*.ts against the fixture in a child process, exactly as its npm script would. */
export function runScriptCli(
  dir: string,
  script: string,
  args: string[] = [],
  options: BuildOptions = {},
): Promise<RunResult> {
  const file = path.join(repoRoot, "scripts", script);
  // npm start and the CI helper run through tsx; the editors' commands are compiled first (scripts/run.mjs).
  const [command, argv] = VIA_TSX.has(script)
    ? [tsx, [file, ...args]]
    : [process.execPath, [path.join(repoRoot, "scripts", "run.mjs"), file, ...args]];
  return runCommand(command, argv, dir, envFor(dir, options));
}

export function readOut(out: string, file: string): string {
  return readFileSync(path.join(out, file), "utf8");
}

/** The built page at a site URL ("/articles/foo/"), parsed as a DOM. */
export function page(out: string, url: string): Document {
  const file = url.endsWith("/") ? `${url}index.html` : url;
  return parseHTML(readOut(out, file)).document as unknown as Document;
}

/** A Markdown file with the given front matter fields (written as YAML) and body. */
export function md(frontMatter: string, body = "Body text."): string {
  return `---\n${frontMatter.trim()}\n---\n${body}\n`;
}
