import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";

/**
 * Copies `files` (source → path under the output folder) when a build to disk starts, before any page. Eleventy's
 * passthrough copy runs beside the templates and is left unawaited when they fail early: a build stopped while
 * reading content (the dev server, on an edit) then had copies still writing into the folder being removed.
 */
export function copyBeforePages(eleventyConfig: UserConfig, files: Record<string, string>): void {
  eleventyConfig.on(
    "eleventy.before",
    async ({
      directories,
      outputMode = "fs",
    }: {
      directories: { output: string };
      outputMode?: string;
    }) => {
      if (outputMode !== "fs") return;
      await Promise.all(
        Object.entries(files).map(async ([from, to]) => {
          const target = path.join(directories.output, to);
          await mkdir(path.dirname(target), { recursive: true });
          await copyFile(from, target);
        }),
      );
    },
  );
}
