// npm run build and build:preview: the whole site into a fresh folder, which replaces _site/ only when the build succeeded.
import { appendFileSync } from "node:fs";
import path from "node:path";
import { buildSite } from "../src/build.ts";
import { rootCause } from "../src/lib/build-error.ts";
import { filesIn, imageCacheDir } from "../src/lib/images.ts";
import { routes } from "../src/lib/routes.ts";
import { loadSiteContext, type SiteContext } from "../src/lib/site-context.ts";
import { buildReport } from "./lib/build-report.ts";
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
  const cacheDir = imageCacheDir(ctx.contentDir);
  const cachedBefore = new Set(filesIn(cacheDir));
  const started = performance.now();
  try {
    await buildSite(ctx, { output });
  } catch (error) {
    const cause = rootCause(error);
    // Content errors are the editor's to fix: the list alone. Anything else is a bug: where, and its stack.
    if (cause.name === "ContentValidationError") console.error(cause.message);
    else console.error(`${(error as Error).message}\n${cause.stack}\nnothing was published.`);
    return 1;
  }
  const report = buildReport({
    output,
    seconds: (performance.now() - started) / 1000,
    encoded: filesIn(cacheDir).filter((name) => !cachedBefore.has(name)).length,
    pictures: filesIn(path.join(output, routes.images)).length,
    cache: `${path.relative(process.cwd(), cacheDir)}/`,
  });
  console.log(report);
  // In GitHub Actions the line also goes on the run's summary page.
  if (process.env.GITHUB_STEP_SUMMARY)
    appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${report}\n`);
  return 0;
}

process.exitCode = await main();
