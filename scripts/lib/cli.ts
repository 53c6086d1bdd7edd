import path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { FILE_PROBLEMS } from "../../src/lib/content.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Reads a script's options and positionals; on a bad option prints why and the usage, and returns null. */
export function parseCli<T extends Options>(options: T, usage: string) {
  exitOnHelp(usage);
  try {
    return parseArgs({ allowPositionals: true, strict: true, options });
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return null;
  }
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
