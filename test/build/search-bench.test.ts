import { beforeAll, describe, expect, it } from "vitest";
import { measureSearchBytes, type SearchBytes } from "../../scripts/bench-search.ts";
import { testBrowser } from "../helpers/browser.ts";
import { makeJpeg } from "../helpers/sample-site.ts";
import { searchFiles } from "../helpers/search-site.ts";
import { sharedBuild } from "../helpers/shared-build.ts";

const find = (bytes: SearchBytes["searchPage"], pattern: RegExp) =>
  bytes.requests.filter((r) => pattern.test(r.url));

let result: SearchBytes;
let prefixed: SearchBytes;
beforeAll(async () => {
  const files = { ...searchFiles(), "articles/banner.jpg": await makeJpeg(960, 640) };
  // Built once per run for every file that reads this site.
  const [plain, pr, browser] = await Promise.all([
    sharedBuild(files),
    sharedBuild(files, undefined, { pathPrefix: "/pr-7/" }),
    // The worker's Chromium, not one launched per measurement: bytes are the same in any.
    testBrowser(),
  ]);
  expect(plain.code, plain.stderr).toBe(0);
  expect(pr.code, pr.stderr).toBe(0);
  result = await measureSearchBytes(plain.out, "rafah", browser);
  prefixed = await measureSearchBytes(pr.out, "rafah", browser);
});

describe("measureSearchBytes", () => {
  it("counts what the page's worker fetches, not only the page", () => {
    for (const measured of [result.searchPage, result.pagefindOnly]) {
      expect(find(measured, /pagefind-worker\.js$/)[0]?.bytes).toBeGreaterThan(40_000);
      expect(find(measured, /wasm\.[\w-]+\.pagefind$/)[0]?.bytes).toBeGreaterThan(40_000);
      expect(find(measured, /\.pf_meta$/)).toHaveLength(1);
      expect(find(measured, /\.pf_fragment$/)).toHaveLength(2);
    }
  });

  it("counts the search page's own HTML, styles, script and thumbnails on top", () => {
    const own = find(result.searchPage, /\/search\/\?q=rafah$|\/assets\/|\/img\/.*-160\.webp$/);
    expect(
      own.map((r) => r.url.replace(/^.*\/\/[^/]+/, "").replace(/\.[0-9a-f]{10}\./, ".#.")).sort(),
    ).toEqual(
      expect.arrayContaining([
        "/assets/search.#.css",
        "/assets/search.#.js",
        "/assets/site.#.css",
        "/search/?q=rafah",
      ]),
    );
    expect(find(result.searchPage, /-160\.webp$/)).toHaveLength(1);
    const sum = (list: { bytes: number }[]) => list.reduce((a, r) => a + r.bytes, 0);
    expect(result.searchPage.bytes).toBe(sum(result.searchPage.requests));
    expect(result.ratio).toBeCloseTo(result.searchPage.bytes / result.pagefindOnly.bytes, 10);
    expect(result.ratio).toBeGreaterThan(1);
  });

  it("keeps the search page within 30% of Pagefind's own bytes, at / and under a prefix", () => {
    expect(result.ratio).toBeLessThanOrEqual(1.3);
    expect(prefixed.ratio).toBeLessThanOrEqual(1.3);
    expect(find(prefixed.searchPage, /\/pr-7\/pagefind\/pagefind\.js$/)).toHaveLength(1);
  });
});
