import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_SETTINGS,
  buildFixture,
  makeFixture,
  md,
  page,
  runScript,
} from "../helpers/fixture.ts";
import { makeJpeg } from "../helpers/sample-site.ts";

const withShareImage = (src: string, alt = "Marchers under the campaign banner") =>
  `${DEFAULT_SETTINGS}shareImage:\n  src: ${src}\n  alt: ${alt}\n`;

const ARTICLES = {
  "articles/plain.md": md("title: No picture\ndate: 2024-02-20\ncategory: news"),
  "articles/pictured.md": md(
    "title: With a picture\ndate: 2024-02-21\ncategory: news\nimage:\n  src: ./own.jpg\n  alt: Its own picture",
  ),
};

const meta = (doc: Document, property: string) =>
  doc.querySelector(`meta[property="${property}"]`)?.getAttribute("content");

describe("site.yml shareImage", () => {
  let out: string;
  beforeAll(async () => {
    const dir = makeFixture(
      {
        ...ARTICLES,
        "articles/own.jpg": await makeJpeg(),
        "images/share.jpg": await makeJpeg(1200, 630),
      },
      withShareImage("/images/share.jpg"),
    );
    const result = await buildFixture(dir);
    expect(result.code, result.stderr).toBe(0);
    out = result.out;
  });

  it("is the card of pages without a picture of their own, at its largest encode", () => {
    for (const url of ["/", "/articles/plain/", "/articles/"]) {
      const doc = page(out, url);
      const image = meta(doc, "og:image")!;
      expect(image).toMatch(/^https:\/\/fixture\.example\.org\/img\/[\w-]+-960\.jpeg$/);
      expect(existsSync(path.join(out, new URL(image).pathname))).toBe(true);
      expect(meta(doc, "og:image:width")).toBe("960");
      expect(meta(doc, "og:image:height")).toBe("504");
      expect(meta(doc, "og:image:alt")).toBe("Marchers under the campaign banner");
    }
  });

  it("leaves an item's own picture as its card", () => {
    const doc = page(out, "/articles/pictured/");
    expect(meta(doc, "og:image:alt")).toBe("Its own picture");
    expect(meta(doc, "og:image")).not.toBe(meta(page(out, "/"), "og:image"));
  });
});

describe("without shareImage", () => {
  it("pages show the built-in 1200 × 630 card", async () => {
    const result = await buildFixture(
      makeFixture({ ...ARTICLES, "articles/own.jpg": await makeJpeg() }),
    );
    expect(result.code, result.stderr).toBe(0);
    const doc = page(result.out, "/articles/plain/");
    expect(meta(doc, "og:image")).toMatch(
      /^https:\/\/fixture\.example\.org\/assets\/share-card\.[\w-]+\.png$/,
    );
    expect(meta(doc, "og:image:width")).toBe("1200");
    expect(meta(doc, "og:image:alt")).toBe("Fixture Digest");
  });
});

describe("a shareImage the gate refuses", () => {
  it.each([
    [
      "a missing file",
      "/images/nothing.jpg",
      'content/_data/site.yml:19 → shareImage.src: expected a picture under content/, got "/images/nothing.jpg" (no such file)',
    ],
    [
      "a picture too small for a wide card",
      "/images/small.jpg",
      'content/_data/site.yml:19 → shareImage.src: expected a picture at least 600 × 315 pixels (1200 × 630 is best), got "/images/small.jpg" at 300 × 200',
    ],
    [
      "a file outside content/",
      "/../outside.jpg",
      'content/_data/site.yml:19 → shareImage.src: expected a picture under content/, got "/../outside.jpg" (it is outside content/)',
    ],
  ])("%s, in check and build alike", async (_case, src, message) => {
    const dir = makeFixture(
      {
        ...ARTICLES,
        "articles/own.jpg": await makeJpeg(),
        "images/small.jpg": await makeJpeg(300, 200),
      },
      withShareImage(src),
    );
    writeFileSync(path.join(dir, "outside.jpg"), await makeJpeg(1200, 630));
    const check = await runScript(dir, "check.ts");
    expect(check.code).toBe(1);
    expect(check.stderr + check.stdout).toContain(message);
    const build = await buildFixture(dir);
    expect(build.code).toBe(1);
    expect(build.stderr).toContain(message);
    expect(existsSync(path.join(dir, "_site", "index.html"))).toBe(false);
  });

  it("a path not written from content/", async () => {
    const dir = makeFixture(ARTICLES, withShareImage("images/share.jpg"));
    const check = await runScript(dir, "check.ts");
    expect(check.code).toBe(1);
    expect(check.stderr + check.stdout).toContain(
      'content/_data/site.yml:19 → shareImage.src: expected a picture under content/, written from there with a leading /, such as /images/share.png, got "images/share.jpg"',
    );
  });

  it("no alt text", async () => {
    const dir = makeFixture(ARTICLES, withShareImage("/images/share.jpg", '""'));
    const check = await runScript(dir, "check.ts");
    expect(check.code).toBe(1);
    expect(check.stderr + check.stdout).toContain(
      "content/_data/site.yml:20 → shareImage.alt: expected alt text describing the picture, got nothing",
    );
  });
});
