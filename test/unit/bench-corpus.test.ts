import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BENCH_BUILD_DATE,
  generateCorpus,
  TAG_POOL,
  writeCorpus,
  type CorpusFile,
} from "../../scripts/lib/bench-corpus.ts";
import { loadContent, type Item } from "../../src/lib/content.ts";
import { checkEditions } from "../../src/lib/editions.ts";
import { loadSettings, type SiteSettings } from "../../src/lib/settings.ts";
import { buildNow } from "../../src/lib/time.ts";

const COUNT = 400;

describe("benchmark corpus generator", () => {
  let files: CorpusFile[];
  let dir: string;
  let items: Item[];
  let editions: Item[];
  let errors: unknown[];
  let editionErrors: unknown[];
  let settings: SiteSettings;

  beforeAll(() => {
    files = generateCorpus({ count: COUNT });
    dir = mkdtempSync(path.join(tmpdir(), "bench-corpus-"));
    const contentDir = writeCorpus(dir, files);
    settings = loadSettings(contentDir);
    let all: Item[];
    ({ items: all, errors } = loadContent({
      contentDir,
      settings,
      now: buildNow(settings.timezone, { BUILD_DATE: BENCH_BUILD_DATE }),
    }));
    items = all.filter((i) => i.section !== "editions");
    editions = all.filter((i) => i.section === "editions");
    editionErrors = checkEditions({
      contentDir,
      siteUrl: settings.url,
      items: all,
      isVisible: (i) => !i.draft && !i.scheduled,
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the same corpus for the same seed, and another for another seed", () => {
    expect(generateCorpus({ count: COUNT })).toEqual(files);
    const other = generateCorpus({ count: COUNT, seed: 7 });
    expect(other.map((f) => f.text)).not.toEqual(files.map((f) => f.text));
  });

  it("writes exactly the requested number of items at distinct URLs, and an edition per 100", () => {
    expect(files.filter((f) => f.kind !== "edition")).toHaveLength(COUNT);
    expect(files.filter((f) => f.kind === "edition").map((f) => f.url)).toEqual([
      "/digest/1/",
      "/digest/2/",
      "/digest/3/",
      "/digest/4/",
    ]);
    expect(editions.map((e) => e.url)).toEqual(
      files.filter((f) => f.kind === "edition").map((f) => f.url),
    );
    expect(editions.every((e) => e.sections!.flatMap((s) => s.items).length === 8)).toBe(true);
    expect(items).toHaveLength(COUNT);
    expect(new Set(items.map((i) => i.url)).size).toBe(COUNT);
  });

  it("every file is valid front matter according to the real schema, editions' references included", () => {
    expect(errors).toEqual([]);
    expect(editionErrors).toEqual([]);
  });

  it("writes a tenth of the items in Arabic, half of them translating the English article before", () => {
    const arabic = items.filter((i) => i.lang === "ar");
    expect(arabic).toHaveLength(COUNT / 10);
    expect(arabic.filter((i) => i.translationOf)).toHaveLength(COUNT / 20);
    expect(arabic.every((i) => (i.url as string).startsWith("/ar/articles/"))).toBe(true);
    expect(arabic.every((i) => /[\u0600-\u06ff]/.test(i.title))).toBe(true);
  });

  it("mixes a fifth actions, a tenth events and the rest articles", () => {
    const events = items.filter((i) => i.event);
    const plainActions = items.filter((i) => i.section === "actions" && !i.event);
    const plainArticles = items.filter((i) => i.section === "articles" && !i.event);
    expect(events).toHaveLength(COUNT / 10);
    expect(plainActions).toHaveLength(COUNT / 5);
    expect(plainArticles).toHaveLength(COUNT - COUNT / 10 - COUNT / 5);
    expect(new Set(events.map((i) => i.section))).toEqual(new Set(["articles", "actions"]));
    expect(files.filter((f) => f.kind === "event")).toHaveLength(COUNT / 10);
  });

  it("spreads events over past and future, all-day and timed", () => {
    const now = buildNow("Europe/London", { BUILD_DATE: BENCH_BUILD_DATE });
    const events = items.flatMap((i) => (i.event ? [i.event] : []));
    expect(events.some((e) => e.start.at < now)).toBe(true);
    expect(events.some((e) => e.start.at > now)).toBe(true);
    expect(events.some((e) => e.start.dateOnly)).toBe(true);
    expect(events.some((e) => !e.start.dateOnly)).toBe(true);
    expect(
      events.some((e) => e.start.dateOnly && e.end && !e.end.at.hasSame(e.start.at, "day")),
    ).toBe(true);
  });

  it("gives 2 to 3 tags each from a pool of about 150, the common ones far more used", () => {
    expect(TAG_POOL.length).toBeGreaterThanOrEqual(140);
    expect(TAG_POOL.length).toBeLessThanOrEqual(160);
    for (const item of items) {
      expect(item.tags.length).toBeGreaterThanOrEqual(2);
      expect(item.tags.length).toBeLessThanOrEqual(3);
    }
    const uses = new Map<string, number>();
    for (const tag of items.flatMap((i) => i.tags)) uses.set(tag, (uses.get(tag) ?? 0) + 1);
    const counts = [...uses.values()].sort((a, b) => b - a);
    expect(counts[0]!).toBeGreaterThan(10 * counts[counts.length - 1]!);
    expect(uses.has("غزة")).toBe(true);
  });

  it("uses every default category, publishes everything by the build date and gives each a summary and a body", () => {
    expect(Object.keys(settings.categories)).toHaveLength(8);
    expect(new Set(items.map((i) => i.category))).toEqual(
      new Set(Object.keys(settings.categories)),
    );
    for (const item of items) {
      expect(item.scheduled).toBe(false);
      expect(item.draft).toBe(false);
      expect(item.summary).toBeTruthy();
      expect(item.body.split("\n\n").length).toBeGreaterThanOrEqual(3);
    }
    expect(items.filter((i) => i.section === "actions").every((i) => i.cta)).toBe(true);
    expect(items.some((i) => i.closed)).toBe(true);
    expect(items.some((i) => i.cta?.deadline && !i.closed)).toBe(true);
  });
});
