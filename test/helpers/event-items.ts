import { DateTime } from "luxon";
import { parseContentFile, type Item } from "../../src/lib/content.ts";
import type { Section } from "../../src/lib/schema.ts";
import { settingsSchema } from "../../src/lib/settings.ts";
import { parseYaml } from "../../src/lib/content.ts";
import { DEFAULT_SETTINGS } from "../helpers/fixture.ts";

export const ZONE = "Europe/London";
export const settings = settingsSchema.parse(parseYaml(DEFAULT_SETTINGS));

export const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE });

/** An Item read through the real loader from front matter, as a content file would be. */
export function item(
  name: string,
  frontMatter: string,
  section: Section = "articles",
  body = "Body text.",
): Item {
  const { item: parsed, errors } = parseContentFile(
    `/fixture/content/${section}/${name}.md`,
    section,
    `---\n${frontMatter.trim()}\n---\n${body}\n`,
    { contentDir: "/fixture/content", settings, now: at("2024-02-22") },
  );
  if (!parsed) throw new Error(errors.map((e) => `${e.field}: ${e.message}`).join("\n"));
  return parsed;
}

/** A dated article with an event. */
export function event(name: string, start: string, extra = "", end?: string): Item {
  return item(
    name,
    `title: ${name}\ndate: 2021-01-01\ncategory: event\nevent:\n  start: ${start}\n${end ? `  end: ${end}\n` : ""}  location: Conway Hall, 25 Red Lion Square, London\n${extra}`,
  );
}
