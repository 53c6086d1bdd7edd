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
