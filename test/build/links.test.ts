import { readFileSync } from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture } from "../helpers/fixture.ts";
import { checkPage, extractRefs } from "../helpers/links.ts";
import { builtFiles, makeSampleSite, sampleSite, urlOf } from "../helpers/sample-site.ts";
import { sharedBuild } from "../helpers/shared-build.ts";

const origin = "https://fixture.example.org";

/** Every broken or unprefixed internal URL of a build, one line per problem with the pages it is on. */
function siteProblems(out: string, prefix: string): string[] {
  const pagesByProblem = new Map<string, string[]>();
  for (const file of builtFiles(out)) {
    for (const problem of checkPage(out, urlOf(file), readFileSync(path.join(out, file), "utf8"), {
      origin,
      prefix,
    })) {
      pagesByProblem.set(problem, [...(pagesByProblem.get(problem) ?? []), file]);
    }
  }
  return [...pagesByProblem].map(([problem, files]) => {
    const unique = [...new Set(files)];
    return `${problem} (on ${unique.length} page${unique.length > 1 ? "s" : ""}: ${unique.slice(0, 3).join(", ")}${unique.length > 3 ? ", …" : ""})`;
  });
}

describe("internal links, images and stylesheets resolve", () => {
  let root: string;
  let prefixed: string;
  beforeAll(async () => {
    // Pull-request previews are served under a sub-path and show drafts: build that case as reviewers see it.
    const [atRoot, underPrefix] = await Promise.all([
      // Shared with the narrow-phone browser test (nothing here writes into it).
      sampleSite().then(({ files, settings }) => sharedBuild(files, settings)),
      makeSampleSite().then((dir) => buildFixture(dir, { pathPrefix: "/pr-7/", preview: true })),
    ]);
    expect(atRoot.code, atRoot.stderr).toBe(0);
    expect(underPrefix.code, underPrefix.stderr).toBe(0);
    root = atRoot.out;
    prefixed = underPrefix.out;
  });

  it("checks a real amount of markup: stylesheet, pictures with srcset, cards, nav", () => {
    const refs = extractRefs(
      readFileSync(path.join(root, "articles/bridge-march/index.html"), "utf8"),
    );
    const attrs = new Set(refs.map((r) => r.attr));
    for (const attr of [
      "link[href]",
      "a[href]",
      "img[src]",
      "img[srcset]",
      "source[srcset]",
      'meta[property="og:image"]',
    ]) {
      expect(attrs, attr).toContain(attr);
    }
  });

  it("at the site root, every internal URL has a file in the output", () => {
    const problems = siteProblems(root, "/");
    expect(problems, `broken internal URLs:\n${problems.join("\n")}`).toEqual([]);
  });

  it("under /pr-7/, every internal URL carries the prefix and has a file in the output", () => {
    const problems = siteProblems(prefixed, "/pr-7/");
    expect(problems, `broken internal URLs under /pr-7/:\n${problems.join("\n")}`).toEqual([]);
  });

  it("the 404 page uses only root-relative or absolute URLs (it is served at any address)", () => {
    for (const out of [root, prefixed]) {
      const relative = extractRefs(readFileSync(path.join(out, "404.html"), "utf8"))
        .map((r) => r.url)
        .filter((url) => !/^([a-z][a-z0-9+.-]*:|\/|#)/i.test(url));
      expect(relative).toEqual([]);
    }
  });

  it("the prefixed build's stylesheet and images are really under /pr-7/", () => {
    const { document } = parseHTML(
      readFileSync(path.join(prefixed, "articles/bridge-march/index.html"), "utf8"),
    );
    expect(document.querySelector('link[rel="stylesheet"]')!.getAttribute("href")).toMatch(
      /^\/pr-7\/assets\/site\.[0-9a-f]+\.css$/,
    );
    expect(document.querySelector(".item__image img")!.getAttribute("src")).toMatch(
      /^\/pr-7\/img\//,
    );
    expect(document.querySelector(".prose a[href*='open-letter']")!.getAttribute("href")).toBe(
      "/pr-7/actions/open-letter/",
    );
  });
});
