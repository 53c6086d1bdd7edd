import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gunzipSync } from "node:zlib";
import { serveSite } from "./browser.ts";

export interface Fragment {
  url: string;
  content: string;
  filters: Record<string, string[]>;
  meta: Record<string, string>;
}

/** Every page Pagefind indexed, read back from its compressed fragments. */
export function fragments(out: string): Fragment[] {
  const dir = path.join(out, "pagefind", "fragment");
  return readdirSync(dir).map((name) =>
    JSON.parse(
      gunzipSync(readFileSync(path.join(dir, name)))
        .subarray("pagefind_dcd".length)
        .toString("utf8"),
    ),
  );
}

/** The part of Pagefind's browser API a test calls. */
interface PagefindModule {
  options(options: { basePath: string; baseUrl?: string }): Promise<void>;
  search(
    query: string | null,
    options?: { filters?: Record<string, string> },
  ): Promise<{ results: { data(): Promise<{ url: string }> }[] }>;
  filters(): Promise<Record<string, Record<string, number>>>;
  destroy(): Promise<void>;
}

let loads = 0;

/**
 * The URLs a built site's own pagefind.js finds for `query`, run in Node as on a page whose
 * `<html lang>` is `lang`: Pagefind reads that attribute to pick which language's index it loads.
 */
export async function searchBundle(
  out: string,
  lang: string,
  query: string | null,
  filters: Record<string, string> = {},
): Promise<string[]> {
  const site = await serveSite(out);
  const globals = globalThis as { document?: unknown };
  const before = globals.document;
  // All pagefind.js asks of the page: its lang attribute, and no current <script>.
  globals.document = {
    currentScript: null,
    querySelector: (selector: string) =>
      selector === "html"
        ? { getAttribute: (name: string) => (name === "lang" ? lang : null) }
        : null,
  };
  try {
    // A query string makes a fresh module instance, so each call starts from its own language.
    const script = pathToFileURL(path.join(out, "pagefind", "pagefind.js"));
    script.search = `?load=${++loads}`;
    const pagefind = (await import(script.href)) as PagefindModule;
    await pagefind.options({ basePath: `${site.url}pagefind/`, baseUrl: "/" });
    const found = await pagefind.search(query, { filters });
    const urls = await Promise.all(found.results.map(async (r) => (await r.data()).url));
    await pagefind.destroy();
    return urls;
  } finally {
    globals.document = before;
    await site.close();
  }
}
