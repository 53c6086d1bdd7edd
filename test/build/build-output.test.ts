import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listFiles } from "../helpers/files.ts";
import {
  buildFixture,
  buildFixtureCli,
  buildFixtureCommand,
  makeFixture,
  md,
  runScript,
} from "../helpers/fixture.ts";
import { makeJpeg } from "../helpers/sample-site.ts";

/** Every file of a built site with its bytes, to compare a site before and after. */
function snapshot(out: string): Record<string, string> {
  return Object.fromEntries(
    listFiles(out).map((file) => [file, readFileSync(path.join(out, file)).toString("base64")]),
  );
}

/** What the build left beside the site: only `_site` itself, no half-built or set-aside folder. */
function besideSite(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.startsWith("_site"));
}

// What is tested is caching and linking, not pixels: a picture narrower than every width is encoded once per format.
const SMALL = { width: 120, height: 80 };

describe("_site/ holds one complete build", () => {
  it("drops a page made a draft, a deleted page and any stray file when rebuilt over an old _site", async () => {
    const dir = makeFixture({
      "articles/kept.md": md("title: Kept\ndate: 2024-01-01\ncategory: news"),
      "articles/later-draft.md": md("title: Later a draft\ndate: 2024-01-02\ncategory: news"),
      "pages/deleted.md": md("title: Deleted\ndate: 2024-01-01"),
    });
    const first = await buildFixture(dir);
    expect(first.stderr).not.toMatch(/Error/);
    expect(first.code).toBe(0);
    expect(existsSync(path.join(first.out, "articles/later-draft/index.html"))).toBe(true);
    expect(existsSync(path.join(first.out, "deleted/index.html"))).toBe(true);
    writeFileSync(path.join(first.out, "stray.html"), "left by hand");

    writeFileSync(
      path.join(dir, "content/articles/later-draft.md"),
      md("title: Later a draft\ndate: 2024-01-02\ncategory: news\ndraft: true"),
    );
    rmSync(path.join(dir, "content/pages/deleted.md"));
    const second = await buildFixture(dir);
    expect(second.code).toBe(0);
    const files = listFiles(second.out);
    expect(files).toContain("articles/kept/index.html");
    expect(files).not.toContain("articles/later-draft/index.html");
    expect(files).not.toContain("deleted/index.html");
    expect(files).not.toContain("stray.html");
    expect(readFileSync(path.join(second.out, "sitemap.xml"), "utf8")).not.toMatch(
      /later-draft|deleted/,
    );
    expect(besideSite(dir)).toEqual(["_site"]);
  });

  it("leaves the last good site byte-identical when a build fails", async () => {
    const dir = makeFixture({
      "articles/good.md": md("title: Good\ndate: 2024-01-01\ncategory: news"),
    });
    const good = await buildFixture(dir);
    expect(good.code).toBe(0);
    const before = snapshot(good.out);
    expect(Object.keys(before)).toContain("articles/good/index.html");

    writeFileSync(
      path.join(dir, "content/articles/good.md"),
      md("title: Good\ndate: 2024-02-30\ncategory: news"),
    );
    writeFileSync(
      path.join(dir, "content/articles/new.md"),
      md("title: New\ndate: 2024-01-03\ncategory: news"),
    );
    const failed = await buildFixture(dir);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(
      /content\/articles\/good\.md:3 → date: expected a real date \(YYYY-MM-DD\), got "2024-02-30"/,
    );
    expect(snapshot(failed.out)).toEqual(before);
    expect(besideSite(dir)).toEqual(["_site"]);
  });

  it("encodes an image once and links it into every later build", async () => {
    const dir = makeFixture({
      "articles/pic.md": md(
        "title: Pic\ndate: 2024-01-01\ncategory: news\nimage:\n  src: ./pic.jpg\n  alt: A red square",
      ),
      "articles/pic.jpg": await makeJpeg(SMALL.width, SMALL.height),
    });
    // npm run build's own code, then a process of its own as a later npm run build is: nothing kept in memory.
    const first = await buildFixtureCommand(dir);
    expect(first.code).toBe(0);
    const cache = path.join(dir, ".cache", "images");
    const encoded = listFiles(cache);
    expect(encoded.length).toBeGreaterThan(0);
    const written = Object.fromEntries(
      encoded.map((f) => [f, statSync(path.join(cache, f)).mtimeMs]),
    );
    const pages = listFiles(first.out).filter((f) => f.endsWith(".html")).length;
    const files = listFiles(first.out).length;
    expect(first.stdout).toMatch(
      new RegExp(
        `^Built ${pages} pages \\(${files} files\\) into _site/ in \\d+\\.\\d s\\. Pictures: ${encoded.length} encoded, 0 reused from \\.cache/images/\\.\n$`,
      ),
    );
    const second = await buildFixtureCli(dir);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`Pictures: 0 encoded, ${encoded.length} reused from`);
    expect(listFiles(path.join(second.out, "img"))).toEqual(encoded);
    for (const file of encoded) {
      const cached = statSync(path.join(cache, file));
      expect(cached.mtimeMs).toBe(written[file]);
      expect(statSync(path.join(second.out, "img", file)).ino).toBe(cached.ino);
    }
  });

  it("prune-images leaves in the cache only the encodes the last build linked, as CI saves it", async () => {
    const dir = makeFixture({
      "articles/kept.md": md(
        "title: Kept\ndate: 2024-01-01\ncategory: news\nimage:\n  src: ./kept.jpg\n  alt: A red square",
      ),
      "articles/kept.jpg": await makeJpeg(SMALL.width, SMALL.height),
      "articles/gone.md": md(
        "title: Gone\ndate: 2024-01-02\ncategory: news\nimage:\n  src: ./gone.jpg\n  alt: A wider red square",
      ),
      "articles/gone.jpg": await makeJpeg(SMALL.width * 2, SMALL.height),
    });
    const first = await buildFixtureCommand(dir);
    expect(first.code).toBe(0);
    const cache = path.join(dir, ".cache", "images");
    const both = listFiles(cache);
    rmSync(path.join(dir, "content/articles/gone.md"));
    rmSync(path.join(dir, "content/articles/gone.jpg"));
    const second = await buildFixtureCommand(dir);
    expect(second.stdout).toMatch(/Pictures: 0 encoded, \d+ reused/);
    const used = listFiles(path.join(second.out, "img"));
    expect(used.length).toBeGreaterThan(0);
    expect(used.length).toBeLessThan(both.length);

    // A folder that holds no built site must not empty the cache.
    const wrong = await runScript(dir, "ci.ts", ["prune-images", "content"]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(
      "prune-images: expected a built site in content, found no index.html",
    );
    expect(listFiles(cache)).toEqual(both);

    const pruned = await runScript(dir, "ci.ts", ["prune-images", "_site"]);
    expect(pruned.code).toBe(0);
    expect(pruned.stdout).toContain(
      `Image cache: ${used.length} encodes kept, ${both.length - used.length} no longer used removed`,
    );
    expect(listFiles(cache)).toEqual(used);
    // The next build finds everything it needs there.
    const third = await buildFixtureCommand(dir);
    expect(third.stdout).toContain(`Pictures: 0 encoded, ${used.length} reused from`);
  });
});
