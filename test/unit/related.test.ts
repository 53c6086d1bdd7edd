import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Item } from "../../src/lib/content.ts";
import { loadSiteContext } from "../../src/lib/site-context.ts";
import { ContentStore } from "../../src/lib/store.ts";
import { makeFixture, md } from "../helpers/fixture.ts";
import { BILINGUAL_SETTINGS } from "../helpers/languages-site.ts";

/** related() as first written: a score per item (2 a shared tag, 2 + 1/tags in the same category), best first. */
function reference(store: ContentStore, item: Item, count: number): Item[] {
  const published = store.published;
  const me = published.indexOf(item);
  const tagged = (other: Item) => !["pages", "editions", "groups"].includes(other.section);
  const bonus = 2 + 1 / Math.max(1, item.tags.length);
  const scores = published.map((other, rank) => {
    if (rank === me || other.lang !== item.lang || !tagged(other)) return 0;
    let score = 0;
    for (const tag of item.tags)
      if (other.tags.includes(tag))
        score += me >= 0 && other.category === item.category ? bonus : 2;
    return score;
  });
  const ranked = published
    .map((other, rank) => ({ other, rank }))
    .filter(({ rank }) => scores[rank]! > 0)
    .sort((a, b) => scores[b.rank]! - scores[a.rank]! || a.rank - b.rank)
    .slice(0, count)
    .map(({ other }) => other);
  if (ranked.length < count && item.category)
    for (const [rank, other] of published.entries())
      if (
        ranked.length < count &&
        other !== item &&
        other.lang === item.lang &&
        (other.section === "articles" || other.section === "actions") &&
        other.category === item.category &&
        scores[rank] === 0
      )
        ranked.push(other);
  return ranked;
}

/** A repeatable random site: a few common tags (many ties), rare ones, both languages, pages and drafts. */
function randomSite(seed: number, count: number): Record<string, string> {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const common = ["gaza", "unions", "nhs", "housing", "cuba", "climate"];
  const categories = ["news", "analysis", "statement", "campaign", "event"];
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const tags = new Set<string>();
    const tagCount = Math.floor(random() * 6);
    for (let t = 0; t < tagCount; t++)
      tags.add(random() < 0.85 ? pick(common) : `rare ${Math.floor(random() * 40)}`);
    const section = random() < 0.1 ? "pages" : random() < 0.25 ? "actions" : "articles";
    const lines = [
      `title: Item ${i}`,
      // Few distinct dates, so ties are settled by file name.
      `date: 2023-${String(1 + Math.floor(random() * 12)).padStart(2, "0")}-1${Math.floor(random() * 3)}`,
      `tags: [${[...tags].join(", ")}]`,
      ...(section === "pages" && random() < 0.5 ? [] : [`category: ${pick(categories)}`]),
      ...(section === "actions" ? ["cta:\n  label: Sign\n  url: https://example.org/sign"] : []),
      ...(random() < 0.2 ? ["lang: ar"] : []),
      ...(random() < 0.05 ? ["draft: true"] : []),
    ];
    files[`${section}/item-${i}.md`] = md(lines.join("\n"));
  }
  return files;
}

describe("related items", () => {
  let store: ContentStore;
  beforeAll(() => {
    const dir = makeFixture(randomSite(7, 400), BILINGUAL_SETTINGS);
    store = new ContentStore(
      loadSiteContext({ CONTENT_DIR: path.join(dir, "content"), BUILD_DATE: "2024-02-22" }),
    );
    store.load();
  });

  it("ranks as the first scoring did, for every item and several counts", () => {
    expect(store.published.length).toBeGreaterThan(350);
    let compared = 0;
    for (const item of store.published)
      for (const count of [1, 3, 7]) {
        const files = (items: Item[]) => items.map((i) => i.file);
        expect(files(store.related(item, count)), `${item.file}, ${count}`).toEqual(
          files(reference(store, item, count)),
        );
        compared += store.related(item, count).length;
      }
    expect(compared).toBeGreaterThan(2000);
  });

  it("ranks an item the build does not publish (a draft) by its tags, with no category bonus", () => {
    const draft = store.load().find((item) => item.draft && item.tags.length > 1);
    expect(draft).toBeDefined();
    expect(store.related(draft!, 3)).toEqual(reference(store, draft!, 3));
  });
});
