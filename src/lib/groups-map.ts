import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { geoMercator, geoPath, type GeoPermissibleObjects } from "d3-geo";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import type { GroupItem, SeekingItem } from "./groups.ts";
import { escapeHtml } from "./format.ts";
import { localDigits, type Language } from "./languages.ts";
import { LABEL_FONT, placeLabels, type Marker, type PlacedLabel } from "./map-labels.ts";
import { PALESTINE_AREA, UK_AREA } from "./schema.ts";

/** The two panels of the map, side by side: their size in SVG units and the countries drawn in each. */
const PANELS = {
  uk: { x: 0, width: 220, area: UK_AREA, countries: ["826", "372", "250"], main: "826" },
  palestine: {
    x: 236,
    width: 124,
    area: PALESTINE_AREA,
    countries: ["275", "376", "400", "818", "422", "760"],
    main: "275",
  },
} as const;
const HEIGHT = 300;
const round = (v: number) => Math.round(v * 10) / 10;
export const MAP_WIDTH = PANELS.palestine.x + PANELS.palestine.width;

type Panel = (typeof PANELS)[keyof typeof PANELS];

let outlines: { projections: Map<Panel, ReturnType<typeof geoMercator>>; svg: string } | null =
  null;

/** The countries of both panels (Natural Earth 1:50m from world-atlas), projected once per process. */
export function drawOutlines() {
  if (outlines) return outlines;
  const require = createRequire(import.meta.url);
  const topology = JSON.parse(
    readFileSync(require.resolve("world-atlas/countries-50m.json"), "utf8"),
  ) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const countries = feature(topology, topology.objects.countries).features;
  const projections = new Map<Panel, ReturnType<typeof geoMercator>>();
  let svg = "";
  for (const panel of Object.values(PANELS)) {
    const [[south, north], [west, east]] = [panel.area.lat, panel.area.lon];
    const box: GeoPermissibleObjects = {
      type: "MultiPoint",
      coordinates: [
        [west, south],
        [east, north],
      ],
    };
    const projection = geoMercator()
      .fitExtent(
        [
          [panel.x + 4, 4],
          [panel.x + panel.width - 4, HEIGHT - 4],
        ],
        box,
      )
      .clipExtent([
        [panel.x, 0],
        [panel.x + panel.width, HEIGHT],
      ]);
    projections.set(panel, projection);
    // Whole SVG units are enough at this size, and keep the page small.
    const path = geoPath(projection).digits(0);
    svg += `<rect x="${panel.x}" y="0" width="${panel.width}" height="${HEIGHT}" fill="currentColor" fill-opacity="0.04"/>`;
    for (const id of panel.countries) {
      const country = countries.find((c) => c.id === id);
      const d = country ? path(country) : null;
      if (d)
        svg += `<path d="${d}" fill="currentColor" fill-opacity="${id === panel.main ? 0.22 : 0.08}" stroke="currentColor" stroke-opacity="0.4" stroke-width="0.5"/>`;
    }
  }
  outlines = { projections, svg };
  return outlines;
}

export interface MapOptions {
  /** The site-relative URL (with the path prefix) of a group's page, or of a seeking community's entry. */
  url: (item: GroupItem | SeekingItem) => string;
  /** The language of the page the map is on: its strings (groups.map.*), digits and direction. */
  language: Pick<Language, "strings" | "digits" | "dir">;
}

/**
 * The groups on an inline SVG drawn at build time: the UK beside the West Bank and Gaza, each group a
 * numbered marker linking to its page, its partner the same number. No script, no tiles, no request.
 */
export function groupsMapSvg(
  groups: GroupItem[],
  seeking: SeekingItem[],
  options: MapOptions,
): string {
  const { projections, svg: land } = drawOutlines();
  const { strings, digits, dir } = options.language;
  const num = (n: number) => localDigits(String(n), digits);
  const say = (key: string, params: Record<string, unknown>) =>
    escapeHtml(strings.text(`groups.map.${key}`, params));
  const count = (key: string, n: number) => strings.text(`groups.map.${key}`, { n: num(n) }, n);
  const uk = projections.get(PANELS.uk)!;
  const ps = projections.get(PANELS.palestine)!;
  const point = (projection: typeof uk, lon: number, lat: number) =>
    projection([lon, lat])!.map((v) => Math.round(v * 10) / 10) as [number, number];
  // Every marker first, so each number is placed clear of them all (src/lib/map-labels.ts).
  const ukMarks = groups.map((g) => {
    const [x, y] = point(uk, g.group.lon, g.group.lat);
    return { x, y, r: 5 };
  });
  const partnerMarks = groups.map((g) => {
    if (!g.group.partner) return null;
    const [x, y] = point(ps, g.group.partner.lon, g.group.partner.lat);
    return { x, y, r: 4 };
  });
  const rings = seeking.map((s) => {
    const [x, y] = point(ps, s.group.lon, s.group.lat);
    return { x, y, r: 4 };
  });
  const bounds = (panel: Panel) => ({ x0: panel.x, y0: 0, x1: panel.x + panel.width, y1: HEIGHT });
  const ukLabels = placeLabels(
    ukMarks.map((marker, i) => ({ marker, text: String(i + 1) })),
    ukMarks,
    bounds(PANELS.uk),
  );
  const withPartner = partnerMarks.flatMap((marker, i) => (marker ? [{ marker, i }] : []));
  const psPlaced = placeLabels(
    withPartner.map(({ marker, i }) => ({ marker, text: String(i + 1) })),
    [...withPartner.map(({ marker }) => marker), ...rings],
    bounds(PANELS.palestine),
  );
  const psLabels = new Map(withPartner.map(({ i }, k) => [i, psPlaced[k]!]));
  const marker = (m: Marker, label: PlacedLabel, n: number) => {
    // A leader runs from the marker's centre (under its disc) to the nearest point of the moved number.
    const lx = round(Math.min(Math.max(m.x, label.box.x0), label.box.x1));
    const ly = round(Math.min(Math.max(m.y, label.box.y0), label.box.y1));
    const leader = label.leader
      ? `<line x1="${m.x}" y1="${m.y}" x2="${lx}" y2="${ly}" stroke="currentColor" stroke-width="0.6"/>`
      : "";
    return `${leader}<circle cx="${m.x}" cy="${m.y}" r="${m.r}" fill="currentColor"/><text x="${label.x}" y="${label.y}" font-size="${LABEL_FONT.size}" fill="currentColor">${num(n)}</text>`;
  };
  let markers = "";
  groups.forEach((g, index) => {
    const n = index + 1;
    const href = escapeHtml(options.url(g));
    const name = g.title;
    markers += `<a href="${href}" aria-label="${say("marker", { n: num(n), name })}">${marker(ukMarks[index]!, ukLabels[index]!, n)}</a>`;
    const partner = partnerMarks[index];
    if (g.group.partner && partner) {
      const label = say("partner", { n: num(n), name, place: g.group.partner.place });
      markers += `<a href="${href}" aria-label="${label}">${marker(partner, psLabels.get(index)!, n)}</a>`;
    }
  });
  seeking.forEach((s, i) => {
    const { x, y, r } = rings[i]!;
    markers += `<a href="${escapeHtml(options.url(s))}" aria-label="${say("seeking", { name: s.title })}"><circle cx="${x}" cy="${y}" r="${r}" fill="none" stroke="currentColor" stroke-width="1.5"/></a>`;
  });
  const partnered = groups.filter((g) => g.group.partner).length;
  const description = strings.text(
    seeking.length ? "groups.map.descriptionRings" : "groups.map.description",
    {
      groups: count("groups", groups.length),
      partnered: strings.text("groups.map.partnered", { n: num(partnered) }),
      rings: count("rings", seeking.length),
    },
  );
  // The numbers start at their x whatever the page's direction (text-anchor start is the right end in rtl).
  const direction = dir === "rtl" ? ` direction="ltr"` : "";
  // role="group", not "img": an image's content is hidden from assistive technology, and the markers are links.
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${MAP_WIDTH} ${HEIGHT}" role="group" aria-labelledby="groups-map-title" aria-describedby="groups-map-desc" class="groups-map"${direction}><title id="groups-map-title">${say("title", {})}</title><desc id="groups-map-desc">${escapeHtml(description)}</desc><g role="img" aria-label="${say("outlines", {})}">${land}</g>${markers}</svg>`;
}
