import path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Reads a script's options and positionals; on a bad option prints why and the usage, and returns null. */
export function parseCli<T extends Options>(options: T, usage: string) {
  try {
    return parseArgs({ allowPositionals: true, strict: true, options });
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return null;
  }
}

const FS_REASONS: Record<string, string> = {
  ELOOP: "it is a symbolic link that leads back to itself",
  ENOENT: "it is missing: a broken symbolic link?",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "it is a folder, not a file",
  ENOTDIR: "a part of its path is a file, not a folder",
  ENAMETOOLONG: "its name is too long",
  EMFILE: "too many files are open",
};

/** A file-system failure in editor's words ("content/a.md: could not read it (permission denied)"), or null for any other error. */
export function describeFileError(error: unknown): string | null {
  const { code, path: file } = (error ?? {}) as NodeJS.ErrnoException;
  if (!code || !(code in FS_REASONS)) return null;
  const shown = file ? path.relative(process.cwd(), file) || file : "a file";
  return `${shown}: could not read it (${FS_REASONS[code]})`;
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
