import { readFileSync } from "node:fs";
import path from "node:path";
import { IANAZone } from "luxon";
import { parse } from "yaml";
import { z } from "zod";
import { checkLanguage, checkSiteUrl, type Checked } from "./deploy.ts";

/** A setting checked by one of deploy.ts's checks: its value, or "expected …" naming what was wanted. */
const checked = <T>(check: (raw: unknown) => Checked<T>, as: (value: T) => string) =>
  z.unknown().transform((raw, ctx) => {
    const result = check(raw);
    if (result.ok) return as(result.value);
    ctx.issues.push({ code: "custom", message: `expected ${result.expected}`, input: raw });
    return z.NEVER;
  });

/** Where a reader can pass a page on, in the order the share links show. */
export const SHARE_TARGETS = ["whatsapp", "telegram", "bluesky", "mastodon", "email"] as const;
export type ShareTarget = (typeof SHARE_TARGETS)[number];

/** The kinds of group and the regions the groups directory lists, when site.yml names none. */
export const DEFAULT_GROUP_KINDS: Record<string, string> = {
  "town-link": "Town links",
  school: "Schools",
  university: "Universities",
  "faith-group": "Faith groups",
  "union-branch": "Union branches",
  "solidarity-group": "Solidarity groups",
  other: "Other groups",
};
export const DEFAULT_GROUP_REGIONS: Record<string, string> = {
  scotland: "Scotland",
  "northern-ireland": "Northern Ireland",
  "north-east": "North East England",
  "north-west": "North West England",
  yorkshire: "Yorkshire and the Humber",
  "east-midlands": "East Midlands",
  "west-midlands": "West Midlands",
  wales: "Wales",
  east: "East of England",
  london: "London",
  "south-east": "South East England",
  "south-west": "South West England",
};

/** The editable site settings, `content/_data/site.yml`. */
export const settingsSchema = z
  .strictObject({
    title: z.string().min(1),
    description: z.string().default(""),
    // The address as given, without a trailing slash: origin and path (see deploy.ts resolveDeploy).
    url: checked(checkSiteUrl, (u) => u.origin + u.path.replace(/\/$/, "")),
    language: checked(checkLanguage, (l) => l).default("en-GB"),
    timezone: z
      .string()
      .default("Europe/London")
      .refine((tz) => IANAZone.isValidZone(tz), {
        error: "expected an IANA time zone such as Europe/London",
      }),
    author: z.string().default(""),
    pageSize: z.number().int().min(1).default(20),
    feedSize: z.number().int().min(1).default(20),
    categories: z
      .record(
        z.string().regex(/^[a-z0-9-]+$/),
        z.union(
          [
            z.string().min(1),
            // A long label for the category's page and a short one for the kicker on cards.
            z.strictObject({ label: z.string().min(1), short: z.string().min(1) }),
          ],
          {
            error: "expected a label (News), or a label and a short form ({ label: …, short: … })",
          },
        ),
      )
      .refine((c) => Object.keys(c).length > 0, {
        error: "expected at least one category",
      }),
    allowUnknownKeys: z.union([z.boolean(), z.array(z.string())]).default(false),
    newsletter: z
      .strictObject({
        // Where readers sign up (the mailing tool's form): shown in the footer, on /digest/ and every edition.
        signup: z.url({ protocol: /^https?$/ }).optional(),
        // The mailing tool's unsubscribe merge tag or URL, written into email.html and email.txt as given.
        unsubscribe: z.string().trim().min(1).default("{{ unsubscribe_url }}"),
      })
      .default({ unsubscribe: "{{ unsubscribe_url }}" }),
    // The groups directory (content/groups/): its kinds and regions, slug: label, listed in this order.
    groups: z
      .strictObject({
        kinds: z
          .record(z.string().regex(/^[a-z0-9-]+$/), z.string().min(1))
          .default(() => ({ ...DEFAULT_GROUP_KINDS })),
        regions: z
          .record(z.string().regex(/^[a-z0-9-]+$/), z.string().min(1))
          .default(() => ({ ...DEFAULT_GROUP_REGIONS })),
      })
      .default(() => ({
        kinds: { ...DEFAULT_GROUP_KINDS },
        regions: { ...DEFAULT_GROUP_REGIONS },
      })),
    share: z
      .array(z.enum(SHARE_TARGETS))
      .default([...SHARE_TARGETS])
      .refine((list) => new Set(list).size === list.length, {
        error: "expected each share target once",
      }),
  })
  .transform(({ categories, ...rest }) => ({
    ...rest,
    /** Each category's label, by slug. */
    categories: Object.fromEntries(
      Object.entries(categories).map(([slug, c]) => [slug, typeof c === "string" ? c : c.label]),
    ),
    /** Each category's short label for card kickers (its label when no short one is given). */
    categoryShort: Object.fromEntries(
      Object.entries(categories).map(([slug, c]) => [slug, typeof c === "string" ? c : c.short]),
    ),
  }));

export type SiteSettings = z.output<typeof settingsSchema>;

export function settingsPath(contentDir: string): string {
  return path.join(contentDir, "_data", "site.yml");
}

/** Reads and validates the settings; throws one error naming the file and field. */
export function loadSettings(contentDir: string): SiteSettings {
  const file = settingsPath(contentDir);
  const shown = path.relative(path.dirname(contentDir), file);
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, "utf8"), { schema: "core" });
  } catch (error) {
    throw new Error(`${shown}: ${(error as Error).message}`);
  }
  const result = settingsSchema.safeParse(raw ?? {});
  if (!result.success) {
    const lines = result.error.issues.map(
      (i) => `${shown} → ${i.path.join(".") || "(root)"}: ${i.message}`,
    );
    throw new Error(lines.join("\n"));
  }
  return result.data;
}
