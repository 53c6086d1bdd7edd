import { realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { FILE_PROBLEMS } from "../../src/lib/content.ts";
import { didYouMean } from "../../src/lib/suggest.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Where a command reads and writes: the process's own from npm, a test's own when called in-process. */
export interface CommandIo {
  /** The folder relative paths (CONTENT_DIR, --output, file arguments) are read from. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** A command: its arguments and where it runs, to its exit code. */
export type Command = (argv: string[], io: CommandIo) => Promise<number>;

export function processIo(): CommandIo {
  return { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr };
}

/** console.log and console.error of one string, to the command's own streams. */
export function printers(io: CommandIo) {
  return {
    log: (text: string) => void io.stdout.write(`${text}\n`),
    error: (text: string) => void io.stderr.write(`${text}\n`),
  };
}

/** The environment with CONTENT_DIR made absolute from the command's folder, for loadSiteContext. */
export function siteEnv(io: CommandIo): NodeJS.ProcessEnv {
  return { ...io.env, CONTENT_DIR: path.resolve(io.cwd, io.env.CONTENT_DIR ?? "content") };
}

/** A path the user gave, to open: as given in the process's own folder (so messages quote it as typed). */
export function userPath(io: CommandIo, file: string): string {
  return path.resolve(io.cwd) === process.cwd() ? file : path.resolve(io.cwd, file);
}

/**
 * Reads a command's options and positionals. `--help` or `-h` anywhere: the usage on standard output and
 * "help" (the command does nothing else, and exits 0). On a bad option prints why and the usage, and returns null.
 */
export function parseCli<T extends Options>(
  options: T,
  usage: string,
  argv: string[] = process.argv.slice(2),
  io: CommandIo = processIo(),
) {
  if (showHelp(usage, argv, io)) return "help";
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  } catch (error) {
    printers(io).error(`${optionProblem(error, Object.keys(options))}\n${usage}`);
    return null;
  }
}

/** Node's parseArgs refusal in the house style: the option, what was expected, what was found. */
export function optionProblem(error: unknown, names: string[]): string {
  const { code, message } = error as { code?: string; message: string };
  const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1] ?? "option";
  const known = names.map((n) => `--${n}`);
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION")
    return `${option}: expected one of ${known.join(", ")}, got an option this command does not know${didYouMean(option, known) || " (see the usage below)"}`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE")
    return /does not take an argument/.test(message)
      ? `${option}: expected no value (it is on or off), got one`
      : `${option}: expected a value after it, got nothing`;
  return `expected ${known.join(", ")} and the command's words, got something else (see the usage below)`;
}

/** A file-system failure in editor's words ("content/a.md: could not read it (permission denied)"), or null for any other error. */
export function describeFileError(error: unknown, cwd = process.cwd()): string | null {
  const { code, path: file } = (error ?? {}) as NodeJS.ErrnoException;
  if (!code || !(code in FILE_PROBLEMS)) return null;
  const shown = file ? path.relative(cwd, file) || file : "a file";
  return `${shown}: could not read it (${FILE_PROBLEMS[code]})`;
}

/** A command whose number is the exit code, and whose unexpected failure prints one line, never a stack trace. */
export function command(
  name: string,
  main: (argv: string[], io: CommandIo) => number | Promise<number>,
): Command {
  return async (argv, io) => {
    try {
      return await main(argv, io);
    } catch (error) {
      const message =
        describeFileError(error, io.cwd) ??
        (error instanceof Error ? error.message : String(error));
      printers(io).error(`npm run ${name} stopped: ${message}`);
      return 1;
    }
  };
}

/** Whether this module is the script node was started with, rather than one imported (by a test). */
export function isEntry(meta: ImportMeta): boolean {
  const started = process.argv[1];
  if (!started) return false;
  try {
    return realpathSync(started) === realpathSync(fileURLToPath(meta.url));
  } catch {
    return false;
  }
}

/** Runs the command with the process's arguments, folder, environment and streams when its file is the one started. */
export async function runIfEntry(meta: ImportMeta, main: Command): Promise<void> {
  if (isEntry(meta)) process.exitCode = await main(process.argv.slice(2), processIo());
}

/** `--help` or `-h` anywhere: prints the usage on standard output and says so. */
export function showHelp(usage: string, argv: string[], io: CommandIo): boolean {
  if (!argv.some((a) => a === "--help" || a === "-h")) return false;
  printers(io).log(usage);
  return true;
}
