import { describe, expect, it } from "vitest";
import { formatError, parseContentFile } from "../../src/lib/content.ts";
import { groupSkeleton } from "../../src/lib/group-draft.ts";
import { groupContext } from "../helpers/group-context.ts";

const ctx = groupContext;
const lists = { kinds: ["school", "town-link"], regions: ["wales", "london"] };
const parse = (file: string, text: string) =>
  parseContentFile(`/site/content/groups/${file}`, "groups", text, ctx);

describe("npm run new -- group's skeleton", () => {
  const text = groupSkeleton(
    { name: "Swansea–Jenin link", date: "2024-06-01", seeking: false },
    lists,
  );

  it("names the kinds and regions to choose from, and leaves TO FILL IN where only the editor knows", () => {
    expect(text).toContain("# One of: school, town-link.\nkind: TO FILL IN\n");
    expect(text).toContain("# wales, london.\nplace: TO FILL IN\nregion: TO FILL IN\n");
    expect(text).toContain("lat: TO FILL IN\nlon: TO FILL IN\n");
    expect(text).toMatch(/never a personal phone number\.\ncontact: TO FILL IN\n/);
    expect(text.startsWith('---\nname: "Swansea–Jenin link"\ndate: 2024-06-01\n')).toBe(true);
  });

  it("is refused field by field until every placeholder is filled, saying what to write", () => {
    const lines = parse("swansea-jenin-link.md", text).errors.map(formatError);
    const got = 'got the placeholder "TO FILL IN" that npm run new wrote (write the real one)';
    expect(lines).toEqual([
      `content/groups/swansea-jenin-link.md:5 → kind: expected one of the kinds in site.yml (school, town-link), ${got}`,
      `content/groups/swansea-jenin-link.md:8 → place: expected a UK town or city, ${got}`,
      `content/groups/swansea-jenin-link.md:9 → region: expected one of the regions in site.yml (wales, london), ${got}`,
      `content/groups/swansea-jenin-link.md:11 → lat: expected a latitude in the UK from 49.8 to 60.9, ${got}`,
      `content/groups/swansea-jenin-link.md:12 → lon: expected a longitude in the UK from -8.7 to 1.8, ${got}`,
      `content/groups/swansea-jenin-link.md:24 → contact: expected an https, http or mailto URL, ${got}`,
    ]);
  });

  it("is accepted once filled, as a draft with the group's page", () => {
    const filled = text
      .replace("kind: TO FILL IN", "kind: town-link")
      .replace("place: TO FILL IN", "place: Swansea")
      .replace("region: TO FILL IN", "region: wales")
      .replace("lat: TO FILL IN", "lat: 51.62")
      .replace("lon: TO FILL IN", "lon: -3.94")
      .replace("contact: TO FILL IN", "contact: mailto:link@example.org");
    const { item, errors } = parse("swansea-jenin-link.md", filled);
    expect(errors).toEqual([]);
    expect(item).toMatchObject({
      title: "Swansea–Jenin link",
      url: "/groups/swansea-jenin-link/",
      draft: true,
      group: {
        kind: "town-link",
        status: "active",
        lat: 51.62,
        contact: "mailto:link@example.org",
      },
    });
  });

  it("for a community seeking a partner, asks for its governorate, coordinates and contact", () => {
    const seeking = groupSkeleton({ name: "Camp", date: "2024-06-01", seeking: true }, lists);
    expect(seeking).not.toContain("kind:");
    const fields = parse("seeking/camp.md", seeking).errors.map((e) => e.field);
    expect(fields).toEqual(["governorate", "lat", "lon", "contact"]);
    const filled = seeking
      .replace("governorate: TO FILL IN", "governorate: Jenin")
      .replace("lat: TO FILL IN", "lat: 32.46")
      .replace("lon: TO FILL IN", "lon: 35.3")
      .replace("contact: TO FILL IN", "contact: https://example.org/");
    expect(parse("seeking/camp.md", filled)).toMatchObject({
      errors: [],
      item: { url: false, group: { seeking: true, governorate: "Jenin" } },
    });
  });
});
