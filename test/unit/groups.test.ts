import { describe, expect, it } from "vitest";
import { parseContentFile, type Item } from "../../src/lib/content.ts";
import {
  directory,
  filtered,
  filters,
  isGroup,
  seekingList,
  type GroupItem,
} from "../../src/lib/groups.ts";
import { groupContext } from "../helpers/group-context.ts";

const ctx = groupContext;
const { settings } = ctx;

function read(file: string, fields: string): Item {
  const raw = `---\ndate: 2024-01-01\ncontact: https://x.example.org/\n${fields}\n---\nBody.\n`;
  const result = parseContentFile(`/site/content/groups/${file}`, "groups", raw, ctx);
  expect(result.errors).toEqual([]);
  return result.item!;
}
const uk = (name: string, kind: string, region: string, status: string) =>
  read(
    `${name.toLowerCase().replace(/ /g, "-")}.md`,
    `name: ${name}\nkind: ${kind}\nplace: P\nregion: ${region}\nlat: 52\nlon: -1\nstatus: ${status}`,
  ) as GroupItem;

describe("groups", () => {
  const groups = [
    uk("Zeta school", "school", "london", "active"),
    uk("Alpha link", "town-link", "london", "dormant"),
    uk("Cardiff link", "town-link", "wales", "active"),
  ];

  it("reads a group: its title is its name, its page under /groups/, its fields under item.group", () => {
    const g = groups[1]!;
    expect([g.title, g.url, g.group.seeking, g.group.kind, g.group.formal]).toEqual([
      "Alpha link",
      "/groups/alpha-link/",
      false,
      "town-link",
      false,
    ]);
  });

  it("reads a community seeking a partner from groups/seeking/, with no page of its own", () => {
    const s = read("seeking/camp.md", "name: Camp\ngovernorate: Bethlehem\nlat: 31.7\nlon: 35.2");
    expect([s.title, s.url, s.group?.seeking, isGroup(s)]).toEqual(["Camp", false, true, false]);
    expect(seekingList([...groups, s], "en-GB").map((i) => i.title)).toEqual(["Camp"]);
  });

  it("lists regions in site.yml's order, leaving out empty ones, each by name", () => {
    expect(directory(groups, settings).map((r) => [r.label, r.groups.map((g) => g.title)])).toEqual(
      [
        ["Wales", ["Cardiff link"]],
        ["London", ["Alpha link", "Zeta school"]],
      ],
    );
  });

  it("offers the kinds and statuses some group has, with counts, and filters by them", () => {
    const list = filters(groups, settings, (status) => status);
    expect(list.map((f) => [f.filter, f.value, f.count])).toEqual([
      ["kind", "school", 1],
      ["kind", "town-link", 2],
      ["status", "active", 2],
      ["status", "dormant", 1],
    ]);
    expect(filtered(groups, list[3]!).map((g) => g.title)).toEqual(["Alpha link"]);
  });
});
