import { readFileSync } from "node:fs";
import path from "node:path";
import { IANAZone } from "luxon";
import type * as Zod from "zod";
import { checkLanguage, checkSiteUrl, type Checked } from "./deploy.ts";
import { defaultCode } from "./languages.ts";
import { fieldsAt, shown } from "./schema.ts";
import { slugify } from "./slug.ts";
import { didYouMean } from "./suggest.ts";
import { readYaml } from "./yaml-problems.ts";
import { z } from "./zod.ts";

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

const expected = (what: string) => (issue: { input?: unknown }) =>
  `expected ${what}, got ${shown(issue.input)}`;
const label = (what: string) =>
  z.string({ error: expected(what) }).min(1, { error: `expected ${what}, got an empty value` });
const wholeNumber = z
  .number({ error: expected("a whole number from 1") })
  .int({ error: expected("a whole number from 1") })
  .min(1, { error: expected("a whole number from 1") });
/** A slug: label list (categories, kinds, regions); a key not in slug form is refused with its slug. */
const slugKeyed = <T extends Zod.ZodType>(what: string, value: T) =>
  z.record(
    z.string().regex(/^[a-z0-9-]+$/, {
      error: (issue) =>
        `expected ${what} slug of lower-case letters, digits and hyphens, got ${shown(issue.input)}${slugify(String(issue.input)) ? `: did you mean "${slugify(String(issue.input))}"?` : ""}`,
    }),
    value,
    { error: expected(`a list of ${what} slugs and labels, such as news: News`) },
  );

const PICTURE_PATH =
  "a picture under content/, written from there with a leading /, such as /images/share.png";

/** The editable site settings, `content/_data/site.yml`. */
export const settingsSchema = z
  .strictObject({
    title: label("the site's name"),
    description: z.string({ error: expected("text") }).default(""),
    // The address as given, without a trailing slash: origin and path (see deploy.ts resolveDeploy).
    url: checked(checkSiteUrl, (u) => u.origin + u.path.replace(/\/$/, "")),
    language: checked(checkLanguage, (l) => l).default("en-GB"),
    timezone: z
      .string({ error: expected("an IANA time zone such as Europe/London") })
      .default("Europe/London")
      .refine((tz) => IANAZone.isValidZone(tz), {
        error: expected("an IANA time zone such as Europe/London"),
      }),
    author: z.string({ error: expected("text") }).default(""),
    pageSize: wholeNumber.default(20),
    feedSize: wholeNumber.default(20),
    categories: slugKeyed(
      "a category",
      z.union(
        [
          label("a label"),
          // A long label for the category's page and a short one for the kicker on cards.
          z.strictObject({ label: label("a label"), short: label("a short label") }),
        ],
        {
          error: expected("a label (News), or a label and a short form ({ label: …, short: … })"),
        },
      ),
    ).refine((c) => Object.keys(c).length > 0, {
      error: "expected at least one category, got none",
    }),
    allowUnknownKeys: z
      .union([z.boolean(), z.array(z.string())], {
        error: expected("true, false, or a list of field names"),
      })
      .default(false),
    newsletter: z
      .strictObject(
        {
          // Where readers sign up (the mailing tool's form): shown in the footer, on /digest/ and every edition.
          signup: z
            .url({ protocol: /^https?$/, error: expected("an https or http address") })
            .optional(),
          // The mailing tool's unsubscribe merge tag or URL, written into email.html and email.txt as given.
          unsubscribe: z
            .string({ error: expected("the mailing tool's unsubscribe tag or address") })
            .trim()
            .min(1, {
              error: "expected the mailing tool's unsubscribe tag or address, got an empty value",
            })
            .default("{{ unsubscribe_url }}"),
        },
        { error: expected("signup and unsubscribe, indented under newsletter:") },
      )
      .default({ unsubscribe: "{{ unsubscribe_url }}" }),
    // The groups directory (content/groups/): its kinds and regions, slug: label, listed in this order.
    groups: z
      .strictObject(
        {
          kinds: slugKeyed("a kind", label("a label")).default(() => ({ ...DEFAULT_GROUP_KINDS })),
          regions: slugKeyed("a region", label("a label")).default(() => ({
            ...DEFAULT_GROUP_REGIONS,
          })),
        },
        { error: expected("kinds and regions, indented under groups:") },
      )
      .default(() => ({
        kinds: { ...DEFAULT_GROUP_KINDS },
        regions: { ...DEFAULT_GROUP_REGIONS },
      })),
    // Other languages the site publishes in (under /<code>/), and optionally the default's own entry.
    languages: z
      .record(
        z.string().regex(/^[a-z]{2,3}$/, {
          error: (issue) =>
            `expected a language code of two or three lower-case letters (ar, fr, cy), got ${shown(issue.input)}`,
        }),
        z.strictObject(
          {
            name: label("the language's name in its own script, such as العربية"),
            tag: checked(checkLanguage, (l) => l).optional(),
            dir: z
              .enum(["ltr", "rtl"], {
                error: expected("ltr (left to right) or rtl (right to left)"),
              })
              .optional(),
            digits: z
              .enum(["latn", "arab"], { error: expected("latn (0-9) or arab (٠-٩)") })
              .default("latn"),
            title: label("the site's name in this language").optional(),
            description: z.string({ error: expected("text") }).optional(),
            // Each category's label in this language (every category needs one: checked below).
            categories: slugKeyed(
              "a category",
              z.union(
                [
                  label("a label"),
                  z.strictObject({ label: label("a label"), short: label("a short label") }),
                ],
                {
                  error: expected("a label, or a label and a short form ({ label: …, short: … })"),
                },
              ),
            ).optional(),
            // The groups directory's kinds and regions in this language (each needs one once a group is listed).
            groups: z
              .strictObject(
                {
                  kinds: slugKeyed("a kind", label("a label")).optional(),
                  regions: slugKeyed("a region", label("a label")).optional(),
                },
                { error: expected("kinds and regions, indented under groups:") },
              )
              .optional(),
          },
          { error: expected("a language's name, dir and digits, indented under its code") },
        ),
        { error: expected("a list of language codes, each with name, dir and digits") },
      )
      .default(() => ({})),
    // The picture a shared link shows for pages without one of their own: a file under content/.
    shareImage: z
      .strictObject(
        {
          src: z
            .string({ error: expected(PICTURE_PATH) })
            .refine((src) => /^\/[^/]/.test(src), { error: expected(PICTURE_PATH) }),
          alt: z
            .string({ error: expected("alt text describing the picture") })
            .trim()
            .min(1, { error: "expected alt text describing the picture, got nothing" }),
        },
        { error: expected("src and alt, indented under shareImage:") },
      )
      .optional(),
    share: z
      .array(
        z.enum(SHARE_TARGETS, {
          error: (issue) =>
            `${expected(`one of ${SHARE_TARGETS.join(", ")}`)(issue)}${didYouMean(issue.input, SHARE_TARGETS)}`,
        }),
        { error: expected(`a list of share targets (${SHARE_TARGETS.join(", ")})`) },
      )
      .default([...SHARE_TARGETS])
      .refine((list) => new Set(list).size === list.length, {
        error: "expected each share target once, got one twice",
      }),
  })
  .superRefine((settings, ctx) => {
    const main = defaultCode(settings);
    for (const [code, entry] of Object.entries(settings.languages)) {
      if (code === main) continue;
      for (const [slug, label] of Object.entries(settings.categories)) {
        if (entry.categories?.[slug] === undefined)
          ctx.addIssue({
            code: "custom",
            path: ["languages", code, "categories", slug],
            message: `expected the "${code}" label of the category ${JSON.stringify(typeof label === "string" ? label : label.label)}, got nothing`,
          });
      }
      for (const slug of Object.keys(entry.categories ?? {}))
        if (!Object.hasOwn(settings.categories, slug))
          ctx.addIssue({
            code: "custom",
            path: ["languages", code, "categories", slug],
            message: `expected one of the site's categories (${Object.keys(settings.categories).join(", ")}), got ${shown(slug)}${didYouMean(slug, Object.keys(settings.categories))}`,
          });
      for (const field of ["kinds", "regions"] as const) {
        // A missing label is the gate's to refuse, and only while the site lists groups (checkGroupLabels).
        const site = settings.groups[field];
        const local = entry.groups?.[field] ?? {};
        for (const slug of Object.keys(local))
          if (!Object.hasOwn(site, slug))
            ctx.addIssue({
              code: "custom",
              path: ["languages", code, "groups", field, slug],
              message: `expected one of the site's ${field} (${Object.keys(site).join(", ")}), got ${shown(slug)}${didYouMean(slug, Object.keys(site))}`,
            });
      }
    }
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

export type SiteSettings = Zod.output<typeof settingsSchema>;

export function settingsPath(contentDir: string): string {
  return path.join(contentDir, "_data", "site.yml");
}

/** The line of a setting in site.yml (read again: only called to place an error found later). */
export function settingsLine(contentDir: string, keyPath: string[]): number | undefined {
  try {
    const read = readYaml(readFileSync(settingsPath(contentDir), "utf8"));
    const node = read.doc.getIn(keyPath, true) as { range?: [number, number, number] } | undefined;
    return node?.range ? read.lineCounter.linePos(node.range[0]).line : undefined;
  } catch {
    return undefined;
  }
}

/** Reads and validates the settings; throws one error listing every problem, by line and field. */
export function loadSettings(contentDir: string): SiteSettings {
  const file = settingsPath(contentDir);
  const shownFile = path.relative(path.dirname(contentDir), file).split(path.sep).join("/");
  const read = readYaml(readFileSync(file, "utf8"));
  const at = (line: number | undefined, field: string, message: string) => ({
    line: line ?? 0,
    text: `${shownFile}${line ? `:${line}` : ""} → ${field}: ${message}`,
  });
  if (read.problems.length)
    throw new Error(read.problems.map((p) => at(p.line, p.field, p.message).text).join("\n"));
  const lineOf = (keyPath: PropertyKey[]) => {
    for (let n = keyPath.length; n > 0; n--) {
      const node = read.doc.getIn(keyPath.slice(0, n) as (string | number)[], true) as
        | { range?: [number, number, number] }
        | undefined;
      if (node && typeof node === "object" && node.range)
        return read.lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const result = settingsSchema.safeParse(read.data ?? {}, { reportInput: true });
  if (!result.success) {
    const lines = result.error.issues.flatMap((issue) => {
      const field = issue.path.join(".");
      if (issue.code === "unrecognized_keys")
        return issue.keys.map((key) => {
          const fields = fieldsAt(settingsSchema, issue.path);
          return at(
            lineOf([...issue.path, key]),
            [...issue.path, key].join("."),
            `expected one of the settings ${fields.join(", ")}, got ${shown(key)}${didYouMean(key, fields) || " (check the spelling)"}`,
          );
        });
      // A record's key: zod names the problem with the key's own check inside.
      const inner = issue.code === "invalid_key" ? issue.issues[0]?.message : undefined;
      const message = inner ?? issue.message;
      return [
        at(
          lineOf(issue.path),
          field || "site.yml",
          message.startsWith("expected")
            ? message
            : `expected a valid setting, got ${shown((issue as { input?: unknown }).input)}`,
        ),
      ];
    });
    throw new Error(
      lines
        .sort((a, b) => a.line - b.line)
        .map((l) => l.text)
        .join("\n"),
    );
  }
  return result.data;
}
