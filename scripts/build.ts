// npm run build and build:preview: the whole site into a fresh folder, which replaces _site/ only when the build succeeded.
import { appendFileSync } from "node:fs";
import path from "node:path";
import { rootCause } from "../src/lib/build-error.ts";
import { routes } from "../src/lib/routes.ts";
import { loadSiteContext, type SiteContext } from "../src/lib/site-context.ts";
import { buildReport } from "./lib/build-report.ts";
import { parseCli, printers, runIfEntry, siteEnv, type CommandIo } from "./lib/cli.ts";

const USAGE = `usage: npm run build [-- --output=_site] [--pathprefix=/sub/path/]
  --pathprefix replaces the path of \`url\` in content/_data/site.yml (default: that path).
  PREVIEW=1 (npm run build:preview) includes drafts and scheduled items; BUILD_DATE sets "now".`;

/** The build as npm runs it; a failure that is not the content's is thrown (a stack trace, exit 1). */
export async function main(argv: string[], io: CommandIo): Promise<number> {
  const print = printers(io);
  const args = parseCli(
    {
      output: { type: "string", default: "_site" },
      pathprefix: { type: "string" },
    },
    USAGE,
    argv,
    io,
  );
  if (args === "help") return 0;
  if (!args) return 2;
  let ctx: SiteContext;
  try {
    ctx = loadSiteContext(siteEnv(io), { pathPrefix: args.values.pathprefix });
  } catch (error) {
    print.error(`${(error as Error).message}\nnothing was published.`);
    return 1;
  }
  // Eleventy and the image pipeline load only for a build: --help and refused settings answer at once.
  const [{ buildSite }, { filesIn, imageCacheDir }] = await Promise.all([
    import("../src/build.ts"),
    import("../src/lib/images.ts"),
  ]);
  const output = path.resolve(io.cwd, args.values.output!);
  const cacheDir = imageCacheDir(ctx.contentDir);
  const cachedBefore = new Set(filesIn(cacheDir));
  const started = performance.now();
  try {
    await buildSite(ctx, { output });
  } catch (error) {
    const cause = rootCause(error);
    // Content errors are the editor's to fix: the list alone. Anything else is a bug: where, and its stack.
    if (cause.name === "ContentValidationError") print.error(cause.message);
    else print.error(`${(error as Error).message}\n${cause.stack}\nnothing was published.`);
    return 1;
  }
  const report = buildReport({
    output,
    seconds: (performance.now() - started) / 1000,
    encoded: filesIn(cacheDir).filter((name) => !cachedBefore.has(name)).length,
    pictures: filesIn(path.join(output, routes.images)).length,
    cache: `${path.relative(io.cwd, cacheDir)}/`,
    cwd: io.cwd,
  });
  print.log(report);
  // In GitHub Actions the line also goes on the run's summary page.
  if (io.env.GITHUB_STEP_SUMMARY)
    appendFileSync(path.resolve(io.cwd, io.env.GITHUB_STEP_SUMMARY), `${report}\n`);
  return 0;
}

await runIfEntry(import.meta, main);
