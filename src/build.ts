import path from "node:path";
import Eleventy from "@11ty/eleventy";
import type { SiteContext } from "./lib/site-context.ts";
import { createSite } from "./site.ts";

export interface BuildOptions {
  /** The folder the site is written to. */
  output: string;
  /** "/pr-7/" for a site served under a path; "/" by default. */
  pathPrefix?: string;
}

/** One production or preview build of the site in `ctx`, in this process (the CLI goes through eleventy.config.ts). */
export async function buildSite(ctx: SiteContext, options: BuildOptions): Promise<void> {
  const site = createSite(ctx);
  const eleventy = new Eleventy(
    path.relative(process.cwd(), ctx.contentDir) || ".",
    options.output,
    {
      // No config file: everything comes from createSite, so the environment plays no part.
      configPath: "",
      config: site,
      pathPrefix: options.pathPrefix,
      quietMode: true,
      runMode: "build",
    },
  );
  await eleventy.write();
}
