import { beforeAll, describe, expect, it } from "vitest";
import { validateSite, validator } from "../helpers/html-validate.ts";
import { builtFiles, sampleSite } from "../helpers/sample-site.ts";
import { sharedBuild } from "../helpers/shared-build.ts";

describe("html-validate on every built page", () => {
  let production: string;
  let preview: string;
  beforeAll(async () => {
    // Previews add the banner and the draft and scheduled badges. Both builds are shared with other files that read them.
    const { files, settings } = await sampleSite();
    const [built, previewed] = await Promise.all([
      sharedBuild(files, settings),
      sharedBuild(files, settings, { preview: true }),
    ]);
    expect(built.code, built.stderr).toBe(0);
    expect(previewed.code, previewed.stderr).toBe(0);
    production = built.out;
    preview = previewed.out;
  });

  it("builds every kind of page", () => {
    const files = builtFiles(production);
    for (const expected of [
      "index.html",
      "404.html",
      "articles/index.html",
      "articles/2/index.html",
      "articles/bridge-march/index.html",
      "articles/film-night/index.html",
      "actions/index.html",
      "actions/open-letter/index.html",
      "actions/old-petition/index.html",
      "actions/online-rally/index.html",
      "about/index.html",
      "tags/index.html",
      "tags/palestine/index.html",
      "categories/index.html",
      "categories/news/index.html",
      "events/index.html",
      "events/past/index.html",
      "search/index.html",
    ]) {
      expect(files).toContain(expected);
    }
    expect(builtFiles(preview)).toEqual(
      expect.arrayContaining([
        "articles/draft-report/index.html",
        "actions/scheduled-appeal/index.html",
      ]),
    );
  });

  it("finds no error in any page of the production build", async () => {
    const errors = await validateSite(production);
    expect(errors, `html-validate errors:\n${errors.join("\n")}`).toEqual([]);
  });

  it("finds no error in any page of a preview build (banner, draft and scheduled badges)", async () => {
    const errors = await validateSite(preview);
    expect(errors, `html-validate errors:\n${errors.join("\n")}`).toEqual([]);
  });

  it("catches an invalid page (the check can fail)", async () => {
    const report = await validator.validateString(
      `<!doctype html><html lang="en"><head><title>x</title></head><body><div><b>bold</div></b><img src="a.jpg"></body></html>`,
      "broken.html",
    );
    expect(report.valid).toBe(false);
    expect(report.results[0]!.messages.map((m) => m.ruleId)).toEqual(
      expect.arrayContaining(["close-order", "wcag/h37"]),
    );
  });
});
