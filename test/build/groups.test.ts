import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, makeFixture, md, page, readOut, runScript } from "../helpers/fixture.ts";
import { GROUPS } from "../helpers/groups-site.ts";
import { expectWellFormed, readIcs } from "../helpers/ics.ts";
import { fragments } from "../helpers/pagefind.ts";

const text = (el: Element | null | undefined) =>
  (el?.textContent ?? "").replace(/\s+/g, " ").trim();
const all = (doc: ParentNode, selector: string) => [...doc.querySelectorAll(selector)];

const LINKED = {
  "articles/visit.md": md(
    "title: Bristol visitors return\ndate: 2024-02-01\ncategory: twinning\ngroup: bristol",
  ),
  "actions/film-night.md": md(
    "title: Film night for Beit Sahour\ndate: 2024-02-10\ncategory: event\ngroup: content/groups/bristol.md\nevent:\n  start: 2024-03-10T19:00\n  location: Bristol\ncta:\n  label: Book\n  url: https://tickets.example.org/",
  ),
  "articles/meeting.md": md(
    "title: Bristol link meeting\ndate: 2024-01-05\ncategory: event\ngroup: bristol\nevent:\n  start: 2024-01-20T18:30\n  location: Bristol",
  ),
  "articles/other.md": md("title: Unrelated\ndate: 2024-02-02\ncategory: news"),
};

describe("the groups directory in a fixture build", () => {
  let out: string;
  beforeAll(async () => {
    const built = await buildFixture(makeFixture({ ...GROUPS, ...LINKED }));
    expect(built.code, built.stderr).toBe(0);
    out = built.out;
  });

  it("groups /groups/ by region in site.yml's order, with a count per region and names in order", () => {
    const doc = page(out, "/groups/");
    expect(all(doc, "main h2").map(text)).toEqual([
      "East of England (1)",
      "South West England (2)",
    ]);
    expect(all(doc, "main .group-entry__name a").map((a) => a.getAttribute("href"))).toEqual([
      "/groups/norwich/",
      "/groups/bath-school/",
      "/groups/bristol/",
    ]);
    expect(all(doc, "main .group-entry").map(text)).toEqual([
      "Norwich twinning Town links · Norwich · Dormant Linked with Hebron, formally twinned",
      "Bath school link Schools · Bath · Looking for a partner",
      "Bristol link Town links · Bristol · Active Linked with Beit Sahour (Bethlehem)",
    ]);
    expect(text(doc.querySelector("main .groups__seeking a"))).toBe(
      "1 community is asking for a partner",
    );
  });

  it("draws the map at build time: an SVG image with a title and description, a link per marker", () => {
    const html = readFileSync(path.join(out, "groups", "index.html"), "utf8");
    const svg = /<svg[\s\S]*?<\/svg>/.exec(html)![0];
    // The byte budget stated in docs/content-model.md.
    expect(Buffer.byteLength(svg)).toBeLessThan(20_000);
    const doc = page(out, "/groups/");
    const map = doc.querySelector("figure.groups__map svg")!;
    expect(map.getAttribute("role")).toBe("group");
    expect(map.querySelector("g")?.getAttribute("role")).toBe("img");
    expect(text(map.querySelector("title"))).toBe("Map of the groups and their partners");
    expect(text(map.querySelector("desc"))).toBe(
      "3 groups in the UK, numbered; 2 with a partner in the West Bank or Gaza, marked with the same number; 1 community seeking a partner, as rings. The list below has every group.",
    );
    const links = all(map, "a").map((a) => [a.getAttribute("href"), a.getAttribute("aria-label")]);
    expect(links).toEqual([
      ["/groups/norwich/", "1: Norwich twinning"],
      ["/groups/norwich/", "1: Norwich twinning, partner Hebron"],
      ["/groups/bath-school/", "2: Bath school link"],
      ["/groups/bristol/", "3: Bristol link"],
      ["/groups/bristol/", "3: Bristol link, partner Beit Sahour"],
      ["/groups/seeking/#camp", "Seeking a partner: A refugee camp"],
    ]);
    for (const [href] of links) {
      const file = `${href!.replace(/#.*/, "")}index.html`;
      expect(existsSync(path.join(out, file)), href!).toBe(true);
    }
    expect(all(map, "a circle")).toHaveLength(6);
    expect(map.querySelector("script, image, foreignObject")).toBeNull();
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it("filters by kind and status with plain links to pages of their own", () => {
    const doc = page(out, "/groups/");
    expect(all(doc, ".groups__filters a").map((a) => [a.getAttribute("href"), text(a)])).toEqual([
      ["/groups/", "All groups (3)"],
      ["/groups/kind/town-link/", "Town links (2)"],
      ["/groups/kind/school/", "Schools (1)"],
      ["/groups/status/active/", "Active (1)"],
      ["/groups/status/dormant/", "Dormant (1)"],
      ["/groups/status/seeking-partner/", "Looking for a partner (1)"],
    ]);
    expect(doc.querySelector('.groups__filters [aria-current="page"]')?.getAttribute("href")).toBe(
      "/groups/",
    );
    const towns = page(out, "/groups/kind/town-link/");
    expect(text(towns.querySelector("title"))).toBe("Groups: Town links · Fixture Digest");
    expect(all(towns, "main .group-entry__name").map(text)).toEqual([
      "Norwich twinning",
      "Bristol link",
    ]);
    expect(
      towns.querySelector('.groups__filters [aria-current="page"]')?.getAttribute("href"),
    ).toBe("/groups/kind/town-link/");
    expect(all(page(out, "/groups/status/dormant/"), "main .group-entry__name").map(text)).toEqual([
      "Norwich twinning",
    ]);
  });

  it("maps only a filter page's groups, numbered as its list, within the same byte budget", () => {
    const towns = page(out, "/groups/kind/town-link/");
    const map = towns.querySelector("figure.groups__map svg")!;
    expect(
      all(map, "a").map((a) => [a.getAttribute("href"), a.getAttribute("aria-label")]),
    ).toEqual([
      ["/groups/norwich/", "1: Norwich twinning"],
      ["/groups/norwich/", "1: Norwich twinning, partner Hebron"],
      ["/groups/bristol/", "2: Bristol link"],
      ["/groups/bristol/", "2: Bristol link, partner Beit Sahour"],
    ]);
    expect(text(map.querySelector("desc"))).toBe(
      "2 groups in the UK, numbered; 2 with a partner in the West Bank or Gaza, marked with the same number. The list below has every group.",
    );
    expect(text(towns.querySelector("figure.groups__map figcaption"))).toBe(
      "Each number is a group in the UK and, where it has one, its partner in the West Bank or Gaza.",
    );
    const html = readFileSync(path.join(out, "groups/kind/town-link/index.html"), "utf8");
    expect(Buffer.byteLength(/<svg[\s\S]*?<\/svg>/.exec(html)![0])).toBeLessThan(20_000);
    expect(all(page(out, "/groups/kind/school/"), "figure.groups__map svg a")).toHaveLength(1);
  });

  it("gives each group a page with its partner and a contact button", () => {
    const doc = page(out, "/groups/norwich/");
    expect(text(doc.querySelector("h1"))).toBe("Norwich twinning");
    expect(text(doc.querySelector("title"))).toBe("Norwich twinning · Fixture Digest");
    expect(text(doc.querySelector(".item__meta"))).toBe("Norwich, East of England · Dormant");
    expect(text(doc.querySelector(".group__partner"))).toBe(
      "Twinned with Hebron: a formal council-to-council twinning.",
    );
    const contact = doc.querySelector(".cta a.button")!;
    expect(contact.getAttribute("href")).toBe("mailto:group@example.org");
    expect(text(contact)).toBe("Contact the group: Norwich twinning");
  });

  it("lists on a group's page its coming events and the news that name it with group:", () => {
    const doc = page(out, "/groups/bristol/");
    expect(all(doc, "main h2").map(text)).toEqual(["Coming up", "News and actions"]);
    expect(all(doc, ".group__events .event-entry a").map((a) => a.getAttribute("href"))[0]).toBe(
      "/actions/film-night/",
    );
    expect(all(doc, ".group__news .card__title").map(text)).toEqual([
      "Bristol visitors return",
      "Bristol link meeting",
    ]);
    expect(all(page(out, "/groups/norwich/"), "main h2")).toEqual([]);
  });

  it("says on an article's or action's own page which group it is from, linking to the group", () => {
    for (const url of ["/articles/visit/", "/actions/film-night/"]) {
      const meta = page(out, url).querySelector(".item__meta")!;
      expect(text(meta), url).toMatch(/ · from Bristol link$/);
      expect(meta.querySelector("a")?.getAttribute("href")).toBe("/groups/bristol/");
    }
    expect(text(page(out, "/articles/other/").querySelector(".item__meta"))).not.toContain("from");
  });

  it("gives each group with events a calendar feed of them, past and coming, linked from its page", () => {
    const ics = readOut(out, "groups/bristol/events.ics");
    expectWellFormed(ics, "groups/bristol/events.ics");
    const { name, events } = readIcs(ics);
    expect(name).toBe("Bristol link: events");
    expect(events.map((e) => [e.summary, e.start, e.uid])).toEqual([
      [
        "Bristol link meeting",
        "2024-01-20T18:30:00.000Z",
        "https://fixture.example.org/articles/meeting/",
      ],
      [
        "Film night for Beit Sahour",
        "2024-03-10T19:00:00.000Z",
        "https://fixture.example.org/actions/film-night/",
      ],
    ]);
    // A group no event names has no feed and no link to one (as a category without events).
    expect(existsSync(path.join(out, "groups/norwich/events.ics"))).toBe(false);
    expect(page(out, "/groups/norwich/").querySelector(".group__subscribe")).toBeNull();
    const links = all(page(out, "/groups/bristol/"), ".group__subscribe a");
    expect(links.map((a) => [a.getAttribute("href"), text(a)])).toEqual([
      [
        "webcal://fixture.example.org/groups/bristol/events.ics",
        "subscribe to Bristol link's events",
      ],
      ["/groups/bristol/events.ics", "download Bristol link's events as a calendar file"],
    ]);
  });

  it("lists on /events/ each group with events, by its page and its feed (the calendar's filter by group)", () => {
    const items = all(page(out, "/events/"), ".event-groups li");
    expect(items.map(text)).toEqual([
      "Bristol link (1 coming up): subscribe to Bristol link's events or download Bristol link's events as a calendar file",
    ]);
    expect(all(items[0]!, "a").map((a) => a.getAttribute("href"))).toEqual([
      "/groups/bristol/#group-events",
      "webcal://fixture.example.org/groups/bristol/events.ics",
      "/groups/bristol/events.ics",
    ]);
  });

  it("lets search narrow to a group: its page and what names it carry its file name as the group filter", () => {
    const groupOf = Object.fromEntries(fragments(out).map((f) => [f.url, f.filters.group]));
    expect(groupOf).toEqual({
      "/groups/bristol/": ["bristol"],
      "/groups/bath-school/": ["bath-school"],
      "/groups/norwich/": ["norwich"],
      "/articles/visit/": ["bristol"],
      "/articles/meeting/": ["bristol"],
      "/actions/film-night/": ["bristol"],
      "/articles/other/": undefined,
    });
    const options = all(page(out, "/search/"), "#search-group option");
    expect(options.map((o) => [o.getAttribute("value"), text(o)])).toEqual([
      ["", "Any group"],
      ["bath-school", "Bath school link"],
      ["bristol", "Bristol link"],
      ["norwich", "Norwich twinning"],
    ]);
    expect(
      page(out, "/search/").querySelector("#search-group")?.parentElement?.hasAttribute("hidden"),
    ).toBe(false);
  });

  it("asks on the home page for partners while a community is seeking one", () => {
    const doc = page(out, "/");
    expect(text(doc.querySelector(".home__seeking h2"))).toBe("Twin with Palestine");
    expect(text(doc.querySelector(".home__seeking p"))).toBe(
      "1 Palestinian community is asking for a partner in the UK: a town, a school, a university or a faith group.",
    );
    expect(doc.querySelector(".home__seeking a.button")?.getAttribute("href")).toBe(
      "/groups/seeking/",
    );
  });

  it("lists the communities seeking a partner on /groups/seeking/, each with how to respond", () => {
    const doc = page(out, "/groups/seeking/");
    expect(all(doc, "main h2").map(text)).toEqual(["A refugee camp"]);
    expect(text(doc.querySelector("#camp .prose"))).toBe("Asked the network for a partner.");
    expect(doc.querySelector("#camp a.button")?.getAttribute("href")).toBe(
      "https://network.example.org/",
    );
  });
});

describe("groups the gate refuses", () => {
  const bad = {
    ...GROUPS,
    "groups/bad.md": md(
      "name: Bad\ndate: 2024-01-01\nkind: choir\nplace: Leeds\nregion: narnia\nlat: 31.5\nlon: 200\nstatus: asleep\ncontact: tel:+441234567890\npartner:\n  place: X\n  governorate: Y\n  lat: 53.8\n  lon: -1.5",
    ),
    "groups/no-contact.md": md(
      "name: No contact\ndate: 2024-01-01\nkind: other\nplace: Leeds\nregion: yorkshire\nlat: 53.8\nlon: -1.55\nstatus: active",
    ),
    "articles/about-nobody.md": md(
      "title: About nobody\ndate: 2024-01-01\ncategory: news\ngroup: groups/seeking/far.md",
    ),
    "groups/seeking/far.md": md(
      "name: Far\ndate: 2024-01-01\ngovernorate: Gaza\nlat: 51\nlon: 35\ncontact: https://x.example.org/",
    ),
  };
  const expected = [
    'content/articles/about-nobody.md:5 → group: expected the name of a group\'s file in content/groups/, got "groups/seeking/far.md" (no such group; there are bath-school, bristol, norwich)',
    'content/groups/bad.md:4 → kind: expected one of the kinds in site.yml (town-link, school, university, faith-group, union-branch, solidarity-group, other), got "choir"',
    'content/groups/bad.md:6 → region: expected one of the regions in site.yml (scotland, northern-ireland, north-east, north-west, yorkshire, east-midlands, west-midlands, wales, east, london, south-east, south-west), got "narnia"',
    "content/groups/bad.md:7 → lat: expected a latitude in the UK from 49.8 to 60.9, got 31.5",
    "content/groups/bad.md:8 → lon: expected a longitude in the UK from -8.7 to 1.8, got 200",
    'content/groups/bad.md:9 → status: expected one of active, dormant, seeking-partner, got "asleep"',
    'content/groups/bad.md:10 → contact: expected an https, http or mailto URL, got "tel:+441234567890"',
    "content/groups/bad.md:14 → partner.lat: expected a latitude in the West Bank or Gaza from 31.2 to 32.6, got 53.8",
    "content/groups/bad.md:15 → partner.lon: expected a longitude in the West Bank or Gaza from 34.2 to 35.6, got -1.5",
    "content/groups/no-contact.md → contact: expected an https, http or mailto URL, got nothing",
    "content/groups/seeking/far.md:5 → lat: expected a latitude in the West Bank or Gaza from 31.2 to 32.6, got 51",
  ];

  it("npm run check names each wrong field by file and line", async () => {
    const result = await runScript(makeFixture(bad), "check.ts");
    expect(result.code).toBe(1);
    for (const line of expected) expect(result.stderr + result.stdout).toContain(line);
  });

  it("the build publishes nothing and names the same errors", async () => {
    const result = await buildFixture(makeFixture(bad));
    expect(result.code).toBe(1);
    expect(result.stderr.split("\n").slice(1)).toEqual(expected);
  });
});

describe("a tag only groups carry", () => {
  // Regression: check counted groups' tags as topic pages, which the build never writes, so a link to one shipped broken.
  const tagged = {
    ...GROUPS,
    "groups/bristol.md": GROUPS["groups/bristol.md"].replace(
      "status: active",
      "status: active\ntags: [education]",
    ),
  };

  it("has no topic page", async () => {
    const built = await buildFixture(makeFixture(tagged));
    expect(built.code, built.stderr).toBe(0);
    expect(existsSync(path.join(built.out, "tags/education/index.html"))).toBe(false);
  });

  it("is refused as a link, by check and build alike", async () => {
    const dir = makeFixture({
      ...tagged,
      "articles/links.md": md(
        "title: Links\ndate: 2024-02-01\ncategory: news",
        "See [education](/tags/education/).",
      ),
    });
    const expected =
      'content/articles/links.md:6 → body: expected a link to a page of this site, got "/tags/education/"';
    const [check, build] = await Promise.all([runScript(dir, "check.ts"), buildFixture(dir)]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(expected);
    expect(build.code).toBe(1);
    expect(build.stderr).toContain(expected);
  });
});
