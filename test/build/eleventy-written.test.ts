import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Eleventy from "@11ty/eleventy";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { describe, expect, it } from "vitest";
import "../../src/lib/eleventy-written.ts";

const templateFile = fileURLToPath(new URL("./Template.js", import.meta.resolve("@11ty/eleventy")));

describe("Eleventy keeps no page's HTML once written (src/lib/eleventy-written.ts)", () => {
  it("drops what Eleventy's installed Template.js still keeps", () => {
    const source = readFileSync(templateFile, "utf8");
    expect(source).toContain(
      "pageEntry.template._cacheRenderedTransformsAndLayoutsPromise =\n\t\t\t\tthis.#renderPageEntryWithLayoutsAndTransforms(pageEntry);",
    );
    expect(source).toContain(
      "\t\t\toutputPath: outputPath,\n\t\t\turl,\n\t\t\tcontent: finalContent,",
    );
    expect(source).toContain("async _write({ url, outputPath, data, rawInput }, finalContent) {");
  });

  it("writes every page, paginated ones each their own, and hands eleventy.after no HTML", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "digest-written-"));
    const input = path.join(dir, "in");
    mkdirSync(path.join(input, "_includes"), { recursive: true });
    writeFileSync(path.join(input, "_includes", "page.njk"), "<main>{{ content | safe }}</main>\n");
    writeFileSync(path.join(input, "one.md"), "---\nlayout: page.njk\n---\nFirst page.\n");
    writeFileSync(
      path.join(input, "letters.njk"),
      "---\npagination:\n  data: letters\n  size: 1\nletters: [a, b, c]\npermalink: /letters/{{ pagination.pageNumber }}/\n---\nLetter {{ pagination.items[0] }}\n",
    );
    let results: { url: string; content?: unknown }[] = [];
    const eleventy = new Eleventy(input, path.join(dir, "out"), {
      configPath: "",
      config: (config: UserConfig) => {
        config.on("eleventy.after", (event: { results: typeof results }) => {
          results = event.results;
        });
      },
      quietMode: true,
    });
    eleventy.disableLogger();
    await eleventy.write();

    const read = (url: string) => readFileSync(path.join(dir, "out", url, "index.html"), "utf8");
    expect(read("one")).toBe("<main><p>First page.</p>\n</main>\n");
    expect(["0", "1", "2"].map((n) => read(`letters/${n}`))).toEqual([
      "Letter a\n",
      "Letter b\n",
      "Letter c\n",
    ]);
    expect(results.map((result) => result.url).sort()).toEqual([
      "/letters/0/",
      "/letters/1/",
      "/letters/2/",
      "/one/",
    ]);
    expect(results.map((result) => result.content)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    // Nor does any page's template keep its render (Eleventy's internals, as eleventy-written.ts reaches them).
    const { map } = (
      eleventy as unknown as {
        writer: { templateMap: { map: { _pages: { template: Record<string, unknown> }[] }[] } };
      }
    ).writer.templateMap;
    const pages = map.flatMap((entry) => entry._pages);
    expect(pages).toHaveLength(4);
    expect(new Set(pages.map((page) => page.template)).size).toBe(4);
    for (const page of pages)
      expect(page.template).not.toHaveProperty("_cacheRenderedTransformsAndLayoutsPromise");
  });
});
