import { createRequire } from "node:module";

const entry = import.meta.resolve("@11ty/eleventy");

/**
 * The default export of one of Eleventy's own modules that it does not export (its event bus, its template
 * map), imported by file beside its entry point: the same module instance Eleventy itself uses.
 */
export async function eleventyInternal<T>(file: string): Promise<T> {
  return ((await import(new URL(file, entry).href)) as { default: T }).default;
}

/** Loads a package as Eleventy resolves it: its own copy (such as @11ty/eleventy-utils, which it depends on). */
export const requireAsEleventy = createRequire(entry);
