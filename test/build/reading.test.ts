import { beforeAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import path from "node:path";
import { DEFAULT_SETTINGS, buildFixture, makeFixture, md, page } from "../helpers/fixture.ts";
import { makeJpeg } from "../helpers/sample-site.ts";

const action = (title: string, date: string, deadline: string) =>
  md(
    `title: ${title}\ndate: ${date}\ncategory: campaign\ncta:\n  label: Sign\n  url: https://example.org/${date}\n  deadline: ${deadline}`,
  );

// BUILD_DATE is 2024-02-22: actions whose deadline is before it are closed.
const files: Record<string, string> = {
  "actions/closed-newest.md": action("Closed newest", "2024-02-20", "2024-02-21"),
  "actions/open-new.md": action("Open new", "2024-02-19", "2024-03-30"),
  "actions/closed-middle.md": action("Closed middle", "2024-02-18", "2024-02-19"),
  "actions/open-old.md": action("Open old", "2024-01-05", "2024-04-30"),
  "actions/open-oldest.md": action("Open oldest", "2023-12-01", "2024-05-30"),
  "actions/march.md": md(
    "title: March for peace\ndate: 2024-01-02\ncategory: event\ncta:\n  label: Join us\n  url: https://example.org/join\nsource:\n  name: Peace Alliance\n  url: https://example.org/march\nevent:\n  start: 2024-03-09T12:00\n  end: 2024-03-09T16:00\n  location: Town square",
  ),
  "articles/report.md": md(
    'title: A report\ndate: 2024-02-21\ncategory: news\ntags: [Palestine, " West  Bank ", UN]',
  ),
  "articles/older.md": md(
    "title: An older report\ndate: 2024-02-01\ncategory: news\ntags: [palestine, Un, PALESTINE]\nimage:\n  src: ./picket.jpg\n  alt: Pickets at the gate",
  ),
  "articles/oldest.md": md(
    "title: The oldest report\ndate: 2024-01-01\ncategory: news\ntags: [Palestine]\nimage:\n  src: ./march.jpg\n  alt: Marchers on a bridge",
  ),
};

let out: string;
beforeAll(async () => {
  const jpeg = await makeJpeg();
  const dir = makeFixture(
    { ...files, "articles/picket.jpg": jpeg, "articles/march.jpg": jpeg },
    DEFAULT_SETTINGS.replace("pageSize: 20", "pageSize: 2").replace(
      "campaign: Campaigns (petitions, letters, lobbying)",
      'campaign: { label: "Campaigns (petitions, letters, lobbying)", short: Campaigns }',
    ),
  );
  const result = await buildFixture(dir);
  expect(result.code, result.stderr).toBe(0);
  out = result.out;
});

const titles = (doc: Document, selector: string) =>
  [...doc.querySelectorAll(selector)].map((e) => e.textContent);

describe("an event's card", () => {
  it("shows when the event happens and its source, not the publication date", () => {
    const card = page(out, "/actions/2/").querySelector("main .card")!;
    expect(card.querySelector(".card__event")?.textContent).toBe(
      "Saturday 9 March 2024, 12:00 to 16:00 GMT · Town square",
    );
    expect(card.querySelector(".card__meta")?.textContent).toBe("Peace Alliance");
    expect([...card.querySelectorAll("time")].map((t) => t.getAttribute("datetime"))).toEqual([
      "2024-03-09T12:00:00+00:00",
      "2024-03-09T16:00:00+00:00",
    ]);
  });

  it("keeps the publication date on other cards", () => {
    const card = page(out, "/articles/").querySelector("main .card")!;
    expect(card.querySelector(".card__meta")?.textContent).toBe("21 February 2024");
  });
});

describe("tags", () => {
  it("show the spelling editors use most, with normalised URLs", () => {
    const links = [...page(out, "/articles/older/").querySelectorAll(".tags a")];
    expect(links.map((a) => [a.textContent, a.getAttribute("href")])).toEqual([
      ["Palestine", "/tags/palestine/"],
      ["UN", "/tags/un/"],
    ]);
    const doc = page(out, "/tags/west-bank/");
    expect(doc.querySelector("h1")?.textContent).toBe("Topic: West Bank");
    expect(doc.querySelector(".lede")?.textContent).toBe(
      "Everything tagged “West Bank”, newest first.",
    );
    expect(titles(page(out, "/tags/"), "main li > a")).toEqual(["Palestine", "UN", "West Bank"]);
  });
});

describe("category labels", () => {
  it("put the short form in card kickers and the long one on pages", () => {
    const kickers = titles(page(out, "/actions/"), "main .card__kicker > span:first-child");
    expect(kickers).toEqual(["Campaigns", "Campaigns"]);
    expect(titles(page(out, "/articles/"), "main .card__kicker > span:first-child")[0]).toBe(
      "News",
    );
    expect(page(out, "/actions/open-new/").querySelector(".item__kicker")?.textContent).toBe(
      "Campaigns (petitions, letters, lobbying)",
    );
    expect(page(out, "/categories/campaign/").querySelector("h1")?.textContent).toBe(
      "Campaigns (petitions, letters, lobbying)",
    );
  });
});

describe("/actions/", () => {
  it("lists open actions first, newest first, then the closed ones under their own heading", () => {
    const pages = ["/actions/", "/actions/2/", "/actions/3/"].map((url) => page(out, url));
    expect(pages.map((doc) => titles(doc, "main .card__title"))).toEqual([
      ["Open new", "Open old"],
      ["March for peace", "Open oldest"],
      ["Closed newest", "Closed middle"],
    ]);
    expect(pages.map((doc) => titles(doc, "main h2:not(.card__title)"))).toEqual([
      [],
      [],
      ["Closed actions"],
    ]);
    // Closed cards sit under the "Closed actions" h2.
    expect(titles(pages[2]!, "main h2 ~ .cards h3.card__title")).toEqual([
      "Closed newest",
      "Closed middle",
    ]);
    expect(pages[2]!.querySelectorAll("main .card--closed").length).toBe(2);
  });

  it("keeps the pagination to three pages", () => {
    const doc = page(out, "/actions/2/");
    expect(doc.querySelector(".page-count")?.textContent).toBe("page 2 of 3");
    expect(doc.querySelector("a[rel=prev]")?.getAttribute("href")).toBe("/actions/");
    expect(doc.querySelector("a[rel=next]")?.getAttribute("href")).toBe("/actions/3/");
  });
});

describe("the home page's latest items", () => {
  it("show their pictures from the page-sized encodes, the first at once and the rest when scrolled to", () => {
    const doc = page(out, "/");
    const cards = [...doc.querySelectorAll(".home__latest .card")];
    expect(cards.map((c) => c.querySelector(".card__title")?.textContent)).toEqual([
      "A report",
      "An older report",
      "The oldest report",
    ]);
    const pictures = cards.map((c) => c.querySelector("picture img.card__picture"));
    expect(pictures.map((img) => img?.getAttribute("alt") ?? null)).toEqual([
      null,
      "Pickets at the gate",
      "Marchers on a bridge",
    ]);
    expect(pictures.map((img) => img?.getAttribute("loading") ?? null)).toEqual([
      null,
      "eager",
      "lazy",
    ]);
    const img = pictures[1]!;
    expect(img.getAttribute("width")).toBe("960");
    expect(img.getAttribute("height")).toBe("640");
    // The same files as the article's own page: a home page picture costs no extra encode.
    const onPage = page(out, "/articles/older/").querySelector("main picture")!;
    expect(
      cards[1]!.querySelector("picture")!.innerHTML.replace(/ (class|sizes|loading)="[^"]*"/g, ""),
    ).toBe(onPage.innerHTML.replace(/ (class|sizes|loading)="[^"]*"/g, ""));
    for (const source of cards[1]!.querySelectorAll("source")) {
      for (const candidate of source.getAttribute("srcset")!.split(", ")) {
        const url = candidate.split(" ")[0]!;
        expect(existsSync(path.join(out, url)), url).toBe(true);
      }
    }
  });

  it("leave actions and events without pictures", () => {
    expect(page(out, "/").querySelectorAll(".home__side picture")).toHaveLength(0);
  });
});
