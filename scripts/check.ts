// Validates every content file, its internal links and images, without building: fast enough for a pre-commit hook.
import { formatError, type ContentError } from "../src/lib/content.ts";
import { loadSiteContext, type SiteContext } from "../src/lib/site-context.ts";
import { ContentStore, ContentValidationError } from "../src/lib/store.ts";
import { annotation } from "../src/lib/annotations.ts";
import { exitOnHelp, run } from "./lib/cli.ts";

function report(errors: ContentError[]): void {
  const github = process.env.GITHUB_ACTIONS === "true";
  for (const e of errors) {
    if (github) console.log(annotation(e));
    console.error(formatError(e));
  }
  console.error(
    `\n${errors.length} error${errors.length === 1 ? "" : "s"}: fix them, then run npm run check again.`,
  );
}

function main(): number {
  let ctx: SiteContext;
  try {
    ctx = loadSiteContext();
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
    report(errors);
    return 1;
  }
  // The same gate every build passes through (ContentStore.load): what check refuses, the build refuses.
  const store = new ContentStore(ctx);
  try {
    const items = store.load();
    console.log(`All ${items.length} content files are valid, and so are their links and images.`);
    return 0;
  } catch (error) {
    if (!(error instanceof ContentValidationError)) throw error;
    report(error.errors);
    return 1;
  }
}

exitOnHelp(`Usage: npm run check
  Checks every content file, its links and pictures, and the settings, as every build does; prints each
  problem as file:line → field: expected …, got …, and exits 1 if there is any.`);
await run("check", main);
