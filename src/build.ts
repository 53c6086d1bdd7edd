import { existsSync, readdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import type { SiteContext } from "./lib/site-context.ts";
import { createSite, layoutsDir } from "./site.ts";

export interface BuildOptions {
  /** The folder the site is published to: replaced as a whole, and only by a complete build. */
  output: string;
}

let builds = 0;

/**
 * One production or preview build of the site in `ctx`, in this process. It is written into a fresh
 * folder beside `output`, which replaces `output` only once the build succeeded: a failed build
 * leaves the last good site as it was, and nothing from an earlier build survives a good one.
 */
export async function buildSite(ctx: SiteContext, options: BuildOptions): Promise<void> {
  const output = path.resolve(options.output);
  const next = `${output}.next-${process.pid}-${++builds}`;
  rmSync(next, { recursive: true, force: true });
  try {
    await writeSite(ctx, next);
  } catch (error) {
    rmSync(next, { recursive: true, force: true });
    throw error;
  }
  replaceFolder(next, output);
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
const eventBus = (
  (await import(new URL("./EventBus.js", import.meta.resolve("@11ty/eleventy")).href)) as {
    default: { emit(event: string, ...args: unknown[]): Promise<unknown> };
  }
).default;

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

async function writeSite(ctx: SiteContext, output: string): Promise<void> {
  await forgetEarlierBuilds();
  const site = createSite(ctx);
  const eleventy = new Eleventy(path.relative(process.cwd(), ctx.contentDir) || ".", output, {
    // No config file: everything comes from createSite, so the environment plays no part.
    configPath: "",
    config: site,
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
  await eleventy.write();
}
