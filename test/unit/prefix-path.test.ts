import { describe, expect, it } from "vitest";
// Eleventy's own `url` filter, which prefixPlainPath stands in for on plain paths.
import eleventyUrl from "../../node_modules/@11ty/eleventy/src/Filters/Url.js";
import { prefixPlainPath } from "../../src/lib/site-paths.ts";

const urls = [
  "/articles/a-b-3/",
  "/feed.xml",
  "/assets/site.2575c30321.css",
  "/ar/articles/ar-12/",
  "/tags/gaza/2/",
  "/events/2024-02/",
  "/groups/by/region/north-west/",
  "/articles/caf%C3%A9/",
  "/a.b/c.d",
  "/x/.well-known/",
  "/",
  "//cdn.example/x",
  "/a//b/",
  "/a/./b/",
  "/a/../b/",
  "/a/..",
  "/a/.",
  "/search/?q=x",
  "/page/#top",
  "https://example.org/x/",
  "mailto:a@b.org",
  "articles/x/",
  "",
];

describe("prefixPlainPath", () => {
  for (const prefix of ["/", "/pr-7/", "/sub/path/"]) {
    it(`gives what Eleventy's url filter gives, or leaves the URL to it (prefix ${prefix})`, () => {
      for (const url of urls) {
        const ours = prefixPlainPath(url, prefix);
        if (ours !== null) expect(ours, url).toBe(eleventyUrl(url, prefix));
      }
    });
  }

  it("takes the plain paths every page links to, and no other", () => {
    expect(urls.filter((url) => prefixPlainPath(url, "/pr-7/") !== null)).toEqual(
      urls.slice(0, 10),
    );
    expect(prefixPlainPath("/articles/a-b-3/", "/pr-7/")).toBe("/pr-7/articles/a-b-3/");
  });
});
