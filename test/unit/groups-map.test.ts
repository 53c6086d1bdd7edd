import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import type { GroupItem, SeekingItem } from "../../src/lib/groups.ts";
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
    expect(groupsMapSvg([], [], { url: () => "" })).toBe(groupsMapSvg([], [], { url: () => "" }));
    // Once per process: the same drawing, not an equal one made again.
    expect(drawOutlines()).toBe(drawOutlines());
  });
});
