import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildFixture, makeFixture, md, runScript } from "../helpers/fixture.ts";

// Regression: check worked out tag pages without standing pages' tags, which the build does give pages to.
describe("a link to a tag used only on a standing page", () => {
  const dir = makeFixture({
    "pages/twinning.md": md("title: Twinning\ndate: 2024-01-01\ntags: [twinning-links]"),
    "articles/news.md": md(
      "title: News\ndate: 2024-01-02\ncategory: news",
      "See [every twinning page](/tags/twinning-links/).",
    ),
  });

  it("is a page the build writes", async () => {
    const build = await buildFixture(dir);
    expect(build.code, build.stderr).toBe(0);
    expect(existsSync(path.join(build.out, "tags", "twinning-links", "index.html"))).toBe(true);
  });

  it("is a link npm run check accepts", async () => {
    const check = await runScript(dir, "check.ts");
    expect(check.stderr).toBe("");
    expect(check.code).toBe(0);
  });
});
