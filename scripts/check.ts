// Validates every content file, its internal links and images, without building: fast enough for a pre-commit hook.
import { formatError, type ContentError, type Item } from "../src/lib/content.ts";
import { checkLinks } from "../src/lib/links.ts";
import { loadSiteContext, type SiteContext } from "../src/lib/site-context.ts";
import { ContentStore, ContentValidationError } from "../src/lib/store.ts";
import { annotation } from "../src/lib/annotations.ts";
import { describeFileError, run } from "./lib/cli.ts";

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
    // Settings errors read "content/_data/site.yml → field: message".
    const errors = (error as Error).message.split("\n").map((line): ContentError => {
      const match = /^(.+?) → (.+?): (.*)$/.exec(line);
      return match
        ? { file: match[1]!, field: match[2]!, message: match[3]! }
        : { file: "content/_data/site.yml", field: "settings", message: line };
    });
    report(errors);
    return 1;
  }
  const store = new ContentStore(ctx);
  let items: Item[];
  const errors: ContentError[] = [];
  try {
    items = store.load();
  } catch (error) {
    // A symbolic-link loop or an unreadable file is reported like any content error.
    const unreadable = describeFileError(error);
    if (unreadable) {
      const [file, message] = unreadable.split(/: (.*)/s) as [string, string];
      report([{ file, field: "file", message }]);
      return 1;
    }
    if (!(error instanceof ContentValidationError)) throw error;
    errors.push(...error.errors);
    items = error.items;
  }
  errors.push(...checkLinks(ctx, items, (item) => store.isVisible(item)));
  if (errors.length === 0) {
    console.log(`All ${items.length} content files are valid, and so are their links and images.`);
    return 0;
  }
  report(errors.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0)));
  return 1;
}

await run("check", main);
