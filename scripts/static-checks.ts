// npm test's static checks (types, lint, formatting) run side by side, each one's output printed whole, and every failure reported.
import { spawn } from "node:child_process";
import path from "node:path";
import { repoRoot } from "./lib/repo.ts";

// Longest first: tsc, then Prettier (about 5 s each from cold caches here). Prettier's cache (like tsc's, see
// tsconfig.json) is kept in node_modules/.cache: a fresh clone checks everything, a warm run only what changed.
const CHECKS = [
  ["tsc", "--noEmit"],
  // A cache file of its own: a prettier run without --cache deletes the default one.
  ["prettier", "--check", "--cache", "--cache-location", "node_modules/.cache/prettier/check", "."],
  ["tsc", "-p", "src/assets"],
  // Lint and the code's formatting (Prettier formats the rest, see .prettierignore).
  ["biome", "check"],
];

interface Outcome {
  command: string;
  code: number;
  output: string;
  seconds: number;
}

function run([name, ...args]: string[]): Promise<Outcome> {
  const command = [name, ...args].join(" ");
  const started = performance.now();
  const child = spawn(path.join(repoRoot, "node_modules", ".bin", name!), args, { cwd: repoRoot });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  return new Promise((resolve) => {
    const done = (code: number) =>
      resolve({ command, code, output, seconds: (performance.now() - started) / 1000 });
    child.on("error", (error) => {
      output += `${error.message}\n`;
      done(1);
    });
    child.on("close", (code) => done(code ?? 1));
  });
}

// Printed as each ends, so a log shows which ran long.
const outcomes = await Promise.all(
  CHECKS.map(async (check) => {
    const outcome = await run(check);
    const mark = outcome.code === 0 ? "✓" : `✗ (exit ${outcome.code})`;
    const output = outcome.output.trimEnd();
    const indented = output ? `${output.replace(/^/gm, "  ")}\n` : "";
    process.stdout.write(
      `${mark} ${outcome.command}  ${outcome.seconds.toFixed(1)} s\n${indented}`,
    );
    return outcome;
  }),
);
const failed = outcomes.filter((outcome) => outcome.code !== 0);
if (failed.length) {
  process.stdout.write(`Failed: ${failed.map((outcome) => outcome.command).join(", ")}\n`);
  process.exitCode = 1;
}
