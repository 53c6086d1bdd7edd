import { existsSync, readdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import type { SiteContext } from "./lib/site-context.ts";
import type { ContentStore } from "./lib/store.ts";
import { eleventyInternal } from "./lib/eleventy-internals.ts";
import { createSite, layoutsDir } from "./site.ts";

export interface BuildOptions {
  /** The folder the site is published to: replaced as a whole, and only by a complete build. */
  output: string;
  /** Stops the build early (the dev server, when an edit arrives): `output` is left as it was. */
  signal?: AbortSignal;
  /** Content already loaded from `ctx` (the dev server's first start renders pages from it meanwhile); read, never changed. */
  store?: ContentStore;
  /** Search indexes on a thread kept from this process's last build: for a process that builds again and again (the dev server). */
  reuseSearchThread?: boolean;
}

let builds = 0;

/**
 * One production or preview build of the site in `ctx`, in this process; returns the content it built. It is written into a fresh
 * folder beside `output`, which replaces `output` only once the build succeeded: a failed build
 * leaves the last good site as it was, and nothing from an earlier build survives a good one.
 */
export async function buildSite(ctx: SiteContext, options: BuildOptions): Promise<ContentStore> {
  const output = path.resolve(options.output);
  const next = `${output}.next-${process.pid}-${++builds}`;
  rmSync(next, { recursive: true, force: true });
  let store: ContentStore;
  try {
    store = await writeSite(ctx, next, options);
  } catch (error) {
    rmSync(next, { recursive: true, force: true });
    throw error;
  }
  replaceFolder(next, output);
  return store;
}

/** Moves `next` to `output`; whatever was at `output` is set aside first and then removed. */
export function replaceFolder(next: string, output: string): void {
  if (!existsSync(output)) {
    renameSync(next, output);
    return;
  }
  const old = `${output}.old-${process.pid}-${builds}`;
  rmSync(old, { recursive: true, force: true });
  renameSync(output, old);
  try {
    renameSync(next, output);
  } catch (error) {
    renameSync(old, output);
    throw error;
  }
  rmSync(old, { recursive: true, force: true });
}

// Eleventy's module-wide event bus: not exported, so imported by file beside its entry point (the same module instance).
const eventBus = await eleventyInternal<{
  emit(event: string, ...args: unknown[]): Promise<unknown>;
}>("./EventBus.js");

/**
 * Eleventy keeps layouts, their text and compiled templates in module-wide caches keyed by path, holding
 * the filters of the build that filled them: a later build of the same folder in this process (the dev
 * server) would render with the first one's settings and old layouts. Its watch mode clears them so.
 */
async function forgetEarlierBuilds(): Promise<void> {
  await eventBus.emit("eleventy.compileCacheReset");
  const layouts = readdirSync(layoutsDir, { recursive: true, withFileTypes: true });
  for (const entry of layouts) {
    if (entry.isFile())
      await eventBus.emit("eleventy.resourceModified", path.join(entry.parentPath, entry.name));
  }
}

/**
 * The dev server's quick pass: the page of one content file, rendered alone with `store` (the last
 * build's content, refreshed for that file, or on a first start the content loaded for the whole build
 * under way) and written over its old copy in `output`. Lists, feeds and search are left to the whole build.
 */
export async function writeContentPage(
  ctx: SiteContext,
  store: ContentStore,
  inputPath: string,
  output: string,
): Promise<void> {
  const site = createSite(ctx, { store, contentPagesOnly: true });
  await runEleventy(ctx, site, output, path.relative(process.cwd(), inputPath));
}

/**
 * The generated pages at `urls` (such as each language's home page), rendered alone with `store` and
 * written into `output`: the dev server's first start shows them while the whole build runs. Only pages
 * that read no collection beyond these come out as the whole build writes them.
 */
export async function writeGeneratedPages(
  ctx: SiteContext,
  store: ContentStore,
  urls: readonly string[],
  output: string,
): Promise<void> {
  const site = createSite(ctx, { store, pagesAt: urls });
  // A pattern no file matches: the content folder stays the input folder, and the pages are all virtual.
  const none = path.join(path.relative(process.cwd(), ctx.contentDir) || ".", "*.no-content-file");
  await runEleventy(ctx, site, output, none);
}

async function writeSite(
  ctx: SiteContext,
  output: string,
  options: Pick<BuildOptions, "signal" | "store" | "reuseSearchThread">,
): Promise<ContentStore> {
  const site = createSite(ctx, options);
  await runEleventy(ctx, site, output);
  return site.store;
}

/** Eleventy over the content folder, or over `alone` (a file or pattern in it) for pages rendered alone. */
async function runEleventy(
  ctx: SiteContext,
  site: ReturnType<typeof createSite>,
  output: string,
  alone?: string,
): Promise<void> {
  // Pages rendered alone use no module-wide cache (createSite), so they may run beside a whole build.
  if (!alone) await forgetEarlierBuilds();
  const contentDir = path.relative(process.cwd(), ctx.contentDir) || ".";
  const eleventy = new Eleventy(alone ?? contentDir, output, {
    // No config file: everything comes from createSite, so the environment plays no part.
    configPath: "",
    config: site,
    ...(alone ? { inputDir: contentDir } : {}),
    pathPrefix: ctx.deploy.pathPrefix,
    quietMode: true,
    runMode: "build",
  });
  // The caller reports a failure: Eleventy would print content errors again, wrapped in its stack.
  (eleventy as unknown as { errorHandler: { logger: unknown } }).errorHandler.logger = {
    message() {},
  };
  // The caller reports success too, with the whole output counted (Eleventy's line counts only its own writes).
  eleventy.disableLogger();
  try {
    await eleventy.write();
  } catch (error) {
    // Nothing may still be writing into the folder the caller removes.
    await site.settled();
    throw error;
  }
}
