import path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { FILE_PROBLEMS } from "../../src/lib/content.ts";
import { didYouMean } from "../../src/lib/suggest.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Reads a script's options and positionals; on a bad option prints why and the usage, and returns null. */
export function parseCli<T extends Options>(options: T, usage: string) {
  exitOnHelp(usage);
  try {
    return parseArgs({ allowPositionals: true, strict: true, options });
  } catch (error) {
    console.error(`${optionProblem(error, Object.keys(options))}\n${usage}`);
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
export function describeFileError(error: unknown): string | null {
  const { code, path: file } = (error ?? {}) as NodeJS.ErrnoException;
  if (!code || !(code in FILE_PROBLEMS)) return null;
  const shown = file ? path.relative(process.cwd(), file) || file : "a file";
  return `${shown}: could not read it (${FILE_PROBLEMS[code]})`;
}

/** Runs a command's main: its number is the exit code, and an unexpected failure prints one line, never a stack trace. */
export async function run(command: string, main: () => number | Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (error) {
    const message =
      describeFileError(error) ?? (error instanceof Error ? error.message : String(error));
    console.error(`npm run ${command} stopped: ${message}`);
    process.exitCode = 1;
  }
}

/** `--help` or `-h` anywhere: the usage on standard output, and exit 0 (the command does nothing else). */
export function exitOnHelp(usage: string, args: string[] = process.argv.slice(2)): void {
  if (!args.some((a) => a === "--help" || a === "-h")) return;
  console.log(usage);
  process.exit(0);
}
