import { describe, expect, it } from "vitest";
import { PERMALINK, reservedBy, routes } from "../../src/lib/routes.ts";

describe("the routes module", () => {
  it("makes the site's URLs", () => {
    expect(routes.list("articles", 0)).toBe("/articles/");
    expect(routes.list("actions", 2)).toBe("/actions/3/");
    expect(routes.item("pages", "about")).toBe("/about/");
    expect(routes.item("articles", "x")).toBe("/articles/x/");
    expect(routes.month(2024, 4)).toBe("/events/2024/04/");
    expect(routes.eventIcs("/articles/x/")).toBe("/articles/x/event.ics");
    expect(routes.eventIcs("/odd.html")).toBe("/odd.event.ics");
    expect(routes.groupIcs(routes.item("groups", "leeds"))).toBe("/groups/leeds/events.ics");
    expect(routes.topicFeed(routes.tag("strikes"))).toBe("/tags/strikes/feed.xml");
  });

  it("names what the site publishes at a reserved URL", () => {
    expect(reservedBy("/", "pages")).toBe("the home page");
    expect(reservedBy("/events/", "pages")).toBe("the events calendar");
    expect(reservedBy("/pagefind/", "pages")).toBe("the search index");
    expect(reservedBy("/favicon.svg", "pages")).toBe("the site's icon");
    expect(reservedBy("/Feed.XML", "pages")).toBe("the Atom feed");
    expect(reservedBy("/tags/mine/", "pages")).toBe("the topic pages");
    expect(reservedBy("/articles/", "pages")).toBe("the list of articles");
    expect(reservedBy("/articles/2/", "articles")).toBe("a page of the list of articles");
    expect(reservedBy("/articles/x/", "pages")).toBe("the articles (/articles/…)");
    expect(reservedBy("/preview-0123/", "pages")).toBe("pull-request previews");
    expect(reservedBy("/groups/seeking/", "groups")).toBe("the communities seeking a partner");
    expect(reservedBy("/groups/kind/", "groups")).toBe("the group directory's filters");
    expect(reservedBy("/groups/status/", "groups")).toBe("the group directory's filters");
    expect(reservedBy("/groups/x/", "pages")).toBe("the groups (/groups/…)");
    expect(reservedBy("/groups/x/", "groups")).toBeNull();
  });

  it("leaves every other URL free, and an item its own section's folder", () => {
    for (const url of ["/about/", "/feed/", "/404/", "/eventsx/", "/odd.html"])
      expect(reservedBy(url, "pages"), url).toBeNull();
    expect(reservedBy("/articles/x/", "articles")).toBeNull();
  });

  it("allows permalinks that are clean paths on this site, and nothing else", () => {
    for (const ok of ["/", "/about/", "/a/b-c/", "/odd.html", "/2024/", "/солидарность/"])
      expect(PERMALINK.test(ok), ok).toBe(true);
    for (const bad of [
      "//host/x/",
      "/a/../x/",
      "/About/",
      "/a b/",
      "/x?y/",
      "/a#b/",
      "about/",
      "/a",
    ])
      expect(PERMALINK.test(bad), bad).toBe(false);
  });
});
