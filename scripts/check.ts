// Validates every content file, its internal links and images, without building: fast enough for a pre-commit hook.
import { formatError, type ContentError } from "../src/lib/content.ts";
import { loadSiteContext, type SiteContext } from "../src/lib/site-context.ts";
import { ContentStore, ContentValidationError } from "../src/lib/store.ts";
import { annotation } from "../src/lib/annotations.ts";
import { command, printers, runIfEntry, showHelp, siteEnv, type CommandIo } from "./lib/cli.ts";

const USAGE = `Usage: npm run check
  Checks every content file, its links and pictures, and the settings, as every build does; prints each
  problem as file:line → field: expected …, got …, and exits 1 if there is any.`;

function report(errors: ContentError[], io: CommandIo): void {
  const print = printers(io);
  const github = io.env.GITHUB_ACTIONS === "true";
  for (const e of errors) {
    if (github) print.log(annotation(e));
    print.error(formatError(e));
  }
  print.error(
    `\n${errors.length} error${errors.length === 1 ? "" : "s"}: fix them, then run npm run check again.`,
  );
}

function check(argv: string[], io: CommandIo): number {
  if (showHelp(USAGE, argv, io)) return 0;
  let ctx: SiteContext;
  try {
    ctx = loadSiteContext(siteEnv(io));
  } catch (error) {
    // Settings errors read "content/_data/site.yml:4 → field: message".
    const errors = (error as Error).message.split("\n").map((line): ContentError => {
      const match = /^(.+?)(?::(\d+))? → (.+?): (.*)$/.exec(line);
      return match
        ? {
            file: match[1]!,
            ...(match[2] ? { line: Number(match[2]) } : {}),
            field: match[3]!,
            message: match[4]!,
          }
        : { file: "content/_data/site.yml", field: "settings", message: line };
    });
    report(errors, io);
    return 1;
  }
  // The same gate every build passes through (ContentStore.load): what check refuses, the build refuses.
  const store = new ContentStore(ctx);
  try {
    const items = store.load();
    printers(io).log(
      `All ${items.length} content files are valid, and so are their links and images.`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof ContentValidationError)) throw error;
    report(error.errors, io);
    return 1;
  }
}

export const main = command("check", check);
await runIfEntry(import.meta, main);
