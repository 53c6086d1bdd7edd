// npm run build and build:preview: the whole site into a fresh folder, which replaces _site/ only when the build succeeded.
import path from "node:path";
import { buildSite } from "../src/build.ts";
import { rootCause } from "../src/lib/build-error.ts";
import { loadSiteContext, type SiteContext } from "../src/lib/site-context.ts";
import { parseCli } from "./lib/cli.ts";

const USAGE = `usage: npm run build [-- --output=_site] [--pathprefix=/sub/path/]
  --pathprefix replaces the path of \`url\` in content/_data/site.yml (default: that path).
  PREVIEW=1 (npm run build:preview) includes drafts and scheduled items; BUILD_DATE sets "now".`;

async function main(): Promise<number> {
  const args = parseCli(
    {
      output: { type: "string", default: "_site" },
      pathprefix: { type: "string" },
    },
    USAGE,
  );
  if (!args) return 2;
  let ctx: SiteContext;
  try {
    ctx = loadSiteContext(process.env, { pathPrefix: args.values.pathprefix });
  } catch (error) {
    console.error(`${(error as Error).message}\nnothing was published.`);
    return 1;
  }
  const output = path.resolve(args.values.output!);
  try {
    await buildSite(ctx, { output });
  } catch (error) {
    const cause = rootCause(error);
    // Content errors are the editor's to fix: the list alone. Anything else is a bug: where, and its stack.
    if (cause.name === "ContentValidationError") console.error(cause.message);
    else console.error(`${(error as Error).message}\n${cause.stack}\nnothing was published.`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();
