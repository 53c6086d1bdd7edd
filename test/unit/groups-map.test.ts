import path from "node:path";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import {
  directory,
  isGroup,
  seekingList,
  type GroupItem,
  type SeekingItem,
} from "../../src/lib/groups.ts";
import { loadSiteContext } from "../../src/lib/site-context.ts";
import { ContentStore } from "../../src/lib/store.ts";
import { repoRoot } from "../helpers/fixture.ts";
import { englishMap } from "../helpers/group-context.ts";
import { drawOutlines, groupsMapSvg, MAP_WIDTH } from "../../src/lib/groups-map.ts";

const group = (slug: string, title: string, lat: number, lon: number, partner = true) =>
  ({
    slug,
    title,
    url: `/groups/${slug}/`,
    group: {
      seeking: false,
      lat,
      lon,
      ...(partner
        ? { partner: { place: "Jenin", governorate: "Jenin", lat: 32.46, lon: 35.3 } }
        : {}),
    },
  }) as unknown as GroupItem;
const seeking = {
  slug: "camp",
  title: "Camp",
  group: { seeking: true, lat: 31.72, lon: 35.2 },
} as unknown as SeekingItem;

describe("the groups map", () => {
  const svg = groupsMapSvg(
    [group("a", "Tom & Jerry's <link>", 55.95, -3.19), group("b", "B", 50.37, -4.14, false)],
    [seeking],
    {
      url: (item) => (item.group.seeking ? `/groups/seeking/#${item.slug}` : (item.url as string)),
      language: englishMap,
    },
  );
  const doc = parseHTML(`<div>${svg}</div>`).document;
  const markers = [...doc.querySelectorAll("a")];

  it("puts UK groups in the left panel and partners and seeking communities in the right one", () => {
    const xs = markers.map((a) => Number(a.querySelector("circle")!.getAttribute("cx")));
    expect(xs.map((x) => (x < 220 ? "uk" : x > 236 && x < MAP_WIDTH ? "ps" : "outside"))).toEqual([
      "uk",
      "ps",
      "uk",
      "ps",
    ]);
  });

  it("escapes names and numbers each group and its partner alike", () => {
    expect(markers.map((a) => a.getAttribute("aria-label"))).toEqual([
      "1: Tom & Jerry's <link>",
      "1: Tom & Jerry's <link>, partner Jenin",
      "2: B",
      "Seeking a partner: Camp",
    ]);
    expect(svg).toContain("Tom &amp; Jerry's &lt;link&gt;");
  });

  it("is the same bytes every time (the outlines are projected once)", () => {
    expect(groupsMapSvg([], [], { url: () => "", language: englishMap })).toBe(
      groupsMapSvg([], [], { url: () => "", language: englishMap }),
    );
    // Once per process: the same drawing, not an equal one made again.
    expect(drawOutlines()).toBe(drawOutlines());
  });
});

/** Each number's box as drawn (9-unit digits at most 5.5 wide, 7 above the baseline and 2 below), and each disc's. */
function drawn(svg: string) {
  const doc = parseHTML(`<div>${svg}</div>`).document;
  const labels = [...doc.querySelectorAll("a text")].map((t) => {
    const x = Number(t.getAttribute("x"));
    const y = Number(t.getAttribute("y"));
    return { n: t.textContent!, x0: x, y0: y - 7, x1: x + 5.5 * t.textContent!.length, y1: y + 2 };
  });
  const discs = [...doc.querySelectorAll("a circle")].map((c) => {
    const [x, y, r] = ["cx", "cy", "r"].map((a) => Number(c.getAttribute(a)));
    return { x0: x! - r!, y0: y! - r!, x1: x! + r!, y1: y! + r! };
  });
  return { labels, discs, leaders: doc.querySelectorAll("a line").length };
}
type Box = { x0: number; y0: number; x1: number; y1: number };
const overlap = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
function clashes(svg: string): string[] {
  const { labels, discs } = drawn(svg);
  const found: string[] = [];
  labels.forEach((a, i) => {
    for (const b of labels.slice(i + 1)) if (overlap(a, b)) found.push(`${a.n} on ${b.n}`);
    discs.forEach((d, j) => {
      if (overlap(a, d)) found.push(`${a.n} on marker ${j}`);
    });
    const inside = (a.x0 >= 0 && a.x1 <= 220) || (a.x0 >= 236 && a.x1 <= MAP_WIDTH);
    if (!inside || a.y0 < 0 || a.y1 > 300) found.push(`${a.n} outside its panel`);
  });
  return found;
}

describe("the map's numbers where markers cluster", () => {
  it("overlap no other number and no marker in the demo (Cardiff's 3 was under Bristol's marker)", () => {
    const ctx = loadSiteContext({
      CONTENT_DIR: path.join(repoRoot, "content"),
      BUILD_DATE: "2026-01-01",
    });
    const store = new ContentStore(ctx);
    const items = store.load();
    const groups = directory(store.published.filter(isGroup), ctx.settings).flatMap(
      (r) => r.groups,
    );
    expect(groups.length).toBeGreaterThanOrEqual(5);
    const svg = groupsMapSvg(groups, seekingList(items, "en-GB"), {
      url: () => "/",
      language: englishMap,
    });
    expect(drawn(svg).labels).toHaveLength(groups.length * 2 - 1);
    expect(clashes(svg)).toEqual([]);
  });

  it("overlap nothing for ten groups in one city, moving numbers out along leader lines", () => {
    const london = Array.from({ length: 10 }, (_, i) =>
      group(`g${i}`, `G${i}`, 51.5 + i * 0.01, -0.12),
    );
    const svg = groupsMapSvg(london, [], { url: () => "/", language: englishMap });
    expect(clashes(svg)).toEqual([]);
    expect(drawn(svg).leaders).toBeGreaterThan(0);
    // Placed the same way every time.
    expect(groupsMapSvg(london, [], { url: () => "/", language: englishMap })).toBe(svg);
  });
});
