import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatError, parseContentFile } from "../../src/lib/content.ts";
import { createItem, ScaffoldError } from "../../src/lib/scaffold.ts";
import { loadSiteContext } from "../../src/lib/site-context.ts";
import { makeFixture } from "../helpers/fixture.ts";

const context = () =>
  loadSiteContext({ CONTENT_DIR: path.join(makeFixture({}), "content"), BUILD_DATE: "2024-02-22" });

const refusal = (make: () => unknown) => {
  try {
    make();
  } catch (error) {
    expect(error).toBeInstanceOf(ScaffoldError);
    return (error as Error).message;
  }
  throw new Error("expected a refusal");
};

describe("npm run new leaves no traps", () => {
  it("writes an event's start and location as placeholders that check refuses until filled (Online at 19:00 published as written)", () => {
    const ctx = context();
    const { file } = createItem(ctx, { kind: "article", title: "Film night", event: true });
    const text = readFileSync(file, "utf8");
    expect(text).toContain("  start: TO FILL IN\n");
    expect(text).toContain("  location: TO FILL IN\n");
    const { item, errors } = parseContentFile(file, "articles", text, ctx);
    expect(item).toBeUndefined();
    expect(errors.map(formatError)).toEqual([
      'content/articles/film-night.md:20 → event.start: expected a date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM), got the placeholder "TO FILL IN" that npm run new wrote (write the real one)',
      'content/articles/film-night.md:23 → event.location: expected a place name, an address, or "Online", got the placeholder "TO FILL IN" that npm run new wrote (write the real one)',
    ]);
    const filled = text
      .replace("start: TO FILL IN", "start: 2024-03-01T19:30")
      .replace("location: TO FILL IN", "location: Friends Meeting House");
    expect(parseContentFile(file, "articles", filled, ctx).errors).toEqual([]);
  });

  it("gives an action the usual button label of its category", () => {
    const ctx = context();
    const url = "https://example.org/give";
    const labelOf = (category: string) => {
      const { file } = createItem(ctx, { kind: "action", title: `Act ${category}`, category, url });
      return parseContentFile(file, "actions", readFileSync(file, "utf8"), ctx).item!.cta!.label;
    };
    expect(labelOf("fundraiser")).toBe("Donate");
    expect(labelOf("campaign")).toBe("Join the campaign");
  });

  it("refuses an action without --label when its category has no usual label", () => {
    const message = refusal(() =>
      createItem(context(), {
        kind: "action",
        title: "Read this",
        category: "news",
        url: "https://example.org/x",
      }),
    );
    expect(message).toBe(
      '--label: expected the button\'s words, such as --label "Sign the petition", got nothing (only campaign, fundraiser, event, twinning have a usual label; this is "news")',
    );
  });

  it("refuses --label without --url rather than dropping it (it was ignored on articles)", () => {
    const message = refusal(() =>
      createItem(context(), { kind: "article", title: "A story", label: "Read more" }),
    );
    expect(message).toBe(
      "--label: expected --url too (the label is the words of the button that links there), got no --url",
    );
  });
});
