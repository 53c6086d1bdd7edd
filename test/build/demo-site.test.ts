import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, repoRoot } from "../helpers/fixture.ts";
import { validateSite } from "../helpers/html-validate.ts";
import { checkPage } from "../helpers/links.ts";
import { builtFiles, urlOf } from "../helpers/sample-site.ts";

/** The demo site in content/ is what a fresh clone builds: it must be as valid as the fixtures. */
describe("the demo site (content/)", () => {
  let out: string;
  let origin: string;
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "demo-site-"));
    const content = path.join(repoRoot, "content");
    const result = await buildFixture(dir, { env: { CONTENT_DIR: content } });
    expect(result.code, result.stderr).toBe(0);
    out = result.out;
    origin = /^url:\s*(\S+)/m.exec(
      readFileSync(path.join(content, "_data", "site.yml"), "utf8"),
    )![1]!;
  });

  it("builds articles, actions and standing pages", () => {
    const urls = builtFiles(out).map(urlOf);
    expect(
      urls.filter((u) => /^\/articles\/[^/]+\/$/.test(u) && !/^\/articles\/\d+\/$/.test(u)).length,
    ).toBeGreaterThan(0);
    expect(
      urls.filter((u) => /^\/actions\/[^/]+\/$/.test(u) && !/^\/actions\/\d+\/$/.test(u)).length,
    ).toBeGreaterThan(0);
  });

  it("passes html-validate on every page", async () => {
    const errors = await validateSite(out);
    expect(errors, `html-validate errors:\n${errors.join("\n")}`).toEqual([]);
  });

  it("has no broken internal link, image or stylesheet", () => {
    // An email's unsubscribe link is the mailing tool's merge tag (site.yml newsletter.unsubscribe), filled in when sent.
    const mergeTag = (file: string, problem: string) =>
      file.endsWith("/email.html") && problem.includes('a[href]="{{ UnsubscribeURL }}"');
    const problems = builtFiles(out).flatMap((file) =>
      checkPage(out, urlOf(file), readFileSync(path.join(out, file), "utf8"), { origin })
        .filter((p) => !mergeTag(file, p))
        .map((p) => `${file} → ${p}`),
    );
    expect(problems, problems.join("\n")).toEqual([]);
  });
});
