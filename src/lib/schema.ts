import type { DateTime } from "luxon";
import type * as Zod from "zod";
import { siteLanguageCodes } from "./languages.ts";
import type { SiteSettings } from "./settings.ts";
import { PERMALINK } from "./routes.ts";
import { didYouMean } from "./suggest.ts";
import { normaliseTag } from "./tags.ts";
import { parseSiteTime } from "./time.ts";
import { z } from "./zod.ts";

export const SECTIONS = ["articles", "actions", "pages", "editions", "groups"] as const;
export type Section = (typeof SECTIONS)[number];

/** How a value an editor wrote is quoted back in an error: short, and always one line. */
export function shown(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "an empty value";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a group of fields";
  const text = typeof value === "string" ? value : String(value);
  const short = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return typeof value === "string" ? JSON.stringify(short) : short;
}

/** What `npm run new` writes where only the editor knows the answer; refused until replaced. */
export const PLACEHOLDER = "TO FILL IN";
const placeholderMessage = (what: string, tool = "npm run new") =>
  `expected ${what}, got the placeholder ${JSON.stringify(PLACEHOLDER)} that ${tool} wrote (write the real one)`;
/** Marks an issue as an unfilled placeholder, which `npm run new` writes on purpose and `check` refuses. */
export const PLACEHOLDER_PARAMS = { placeholder: true } as const;

/** The fields an object at `keyPath` of `schema` takes ("cta" → label, url, deadline). */
export function fieldsAt(schema: Zod.ZodType, keyPath: PropertyKey[]): string[] {
  let node: unknown = schema;
  const def = (n: unknown) => (n as { _zod: { def: Record<string, unknown> } })._zod.def;
  // Through optional, default and pipe wrappers, and to the fields' form of a union ("item:" or a path).
  const unwrap = () => {
    for (;;) {
      const d = def(node);
      if (d.innerType) node = d.innerType;
      else if (d.type === "pipe") node = d.in;
      else if (d.type === "union") {
        const object = (d.options as unknown[]).find((o) => def(o).type === "object");
        if (!object) return d;
        node = object;
      } else return d;
    }
  };
  for (const key of keyPath) {
    const d = unwrap();
    if (d.type === "object") node = (d.shape as Record<string, unknown>)[String(key)];
    else if (d.type === "array") node = d.element;
    else if (d.type === "record") node = d.valueType;
    else return [];
    if (!node) return [];
  }
  const d = unwrap();
  return d.type === "object" ? Object.keys(d.shape as object) : [];
}

const isPlaceholder = (value: unknown) => typeof value === "string" && value.trim() === PLACEHOLDER;
// Any field left as the placeholder (a number, a listed value, a URL) is told so in the same words.
const expected = (what: string) => (issue: { input?: unknown }) =>
  isPlaceholder(issue.input)
    ? placeholderMessage(what)
    : `expected ${what}, got ${shown(issue.input)}`;

const text = (what = "text") => z.string({ error: expected(what) }).trim();
const nonEmpty = (what = "text") =>
  z
    .string({ error: expected(what) })
    .trim()
    .min(1, { error: `expected ${what}, got an empty value` })
    .refine((v) => v !== PLACEHOLDER, {
      error: placeholderMessage(what),
      params: PLACEHOLDER_PARAMS,
    });

// No other host ("//host/"), no "..", no capitals: a path on this site that makes a clean address.
const PERMALINK_WANTED =
  'a URL path of lower-case letters, digits and hyphens between slashes, such as "/about/", or false';

const URL_SCHEMES = /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i;
const ctaUrl = z
  .string({ error: expected("an https, http or mailto URL") })
  .trim()
  .refine(
    (u) => URL_SCHEMES.test(u) && (u.toLowerCase().startsWith("mailto:") || URL.canParse(u)),
    { error: expected("an https, http or mailto URL") },
  );
const webUrl = z
  .string({ error: expected("an https or http URL") })
  .trim()
  .refine((u) => /^https?:\/\//i.test(u) && URL.canParse(u), {
    error: (issue) => `expected an https or http URL, got ${shown(issue.input)}`,
  });

/** A date or date-time read in the site zone; refused when it does not exist or is ambiguous. */
function siteTime(zone: string) {
  const wanted = "a date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM)";
  return z.string({ error: expected(wanted) }).transform((value, ctx) => {
    if (value.trim() === PLACEHOLDER) {
      ctx.addIssue({
        code: "custom",
        message: placeholderMessage(wanted),
        input: value,
        params: PLACEHOLDER_PARAMS,
      });
      return z.NEVER;
    }
    const parsed = parseSiteTime(value, zone);
    if (!parsed.ok) {
      ctx.addIssue({
        code: "custom",
        message: `expected ${parsed.expected}, got ${shown(value)}`,
        input: value,
      });
      return z.NEVER;
    }
    return { at: parsed.value as DateTime, dateOnly: parsed.dateOnly };
  });
}

/** A site-zone time as an editor writes it in front matter: 2024-05-01T19:00, or 2024-05-01 for a date. */
const asWritten = (t: { at: DateTime; dateOnly: boolean }) =>
  t.at.toFormat(t.dateOnly ? "yyyy-MM-dd" : "yyyy-MM-dd'T'HH:mm");

export function makeSchemas(settings: SiteSettings) {
  const zone = settings.timezone;
  const codes = siteLanguageCodes(settings);
  const lang = z
    .string({ error: expected(`one of the site's languages (${codes.join(", ")})`) })
    .refine((code) => codes.includes(code), {
      error: (issue) =>
        `expected one of the site's languages in site.yml (${codes.join(", ")}), got ${shown(issue.input)}${didYouMean(issue.input, codes)}`,
    });
  const categoryNames = Object.keys(settings.categories);
  const category = z
    .string({ error: expected(`one of the categories (${categoryNames.join(", ")})`) })
    .refine((c) => categoryNames.includes(c), {
      error: (issue) =>
        `expected one of the categories (${categoryNames.join(", ")}), got ${shown(issue.input)}${didYouMean(issue.input, categoryNames)}`,
    });

  const tags = z
    .array(z.union([z.string(), z.number()], { error: expected("a tag") }), {
      error: expected("a list of tags"),
    })
    .transform((list, ctx) => {
      const out: string[] = [];
      list.forEach((tag, index) => {
        const name = normaliseTag(String(tag));
        if (!name)
          ctx.addIssue({
            code: "custom",
            message: "expected a tag, got an empty value",
            path: [index],
          });
        else if (!out.includes(name)) out.push(name);
      });
      return out;
    });

  const image = z.strictObject(
    {
      src: nonEmpty("an image path beside the Markdown or under content/"),
      // One refusal of the placeholder, which npm run import (a feed's picture) or npm run new (a translation) wrote.
      alt: z
        .string({ error: expected("alt text describing the image") })
        .trim()
        .min(1, { error: "expected alt text describing the image, got an empty value" })
        .refine((v) => v !== PLACEHOLDER, {
          error: placeholderMessage(
            "alt text saying what the picture shows, for readers who cannot see it",
            "npm run import or npm run new",
          ),
          params: PLACEHOLDER_PARAMS,
        }),
      credit: text().optional(),
    },
    { error: expected("an image with src and alt") },
  );

  const cta = z.strictObject(
    {
      label: nonEmpty("a button label"),
      url: ctaUrl,
      deadline: siteTime(zone).optional(),
    },
    { error: expected("a call to action with label and url") },
  );

  const event = z
    .strictObject(
      {
        start: siteTime(zone),
        end: siteTime(zone).optional(),
        location: nonEmpty('a place name, an address, or "Online"'),
        url: webUrl.optional(),
      },
      { error: expected("an event with start and location") },
    )
    .superRefine((e, ctx) => {
      if (e.end && e.end.at < e.start.at) {
        ctx.addIssue({
          code: "custom",
          path: ["end"],
          message: `expected a time not before event.start (${asWritten(e.start)}), got ${shown(asWritten(e.end))}`,
        });
      }
      if (e.end && e.end.dateOnly !== e.start.dateOnly) {
        ctx.addIssue({
          code: "custom",
          path: ["end"],
          message: "expected the same form as event.start (both dates, or both date-times)",
        });
      }
    });

  const common = {
    title: nonEmpty("a title"),
    date: siteTime(zone),
    tags: tags.default([]),
    summary: text().optional(),
    author: text().optional(),
    source: z
      .strictObject(
        { name: nonEmpty("the source's name"), url: webUrl },
        { error: expected("a source with name and url") },
      )
      .optional(),
    image: image.optional(),
    event: event.optional(),
    draft: z.boolean({ error: expected("true or false") }).default(false),
    // The item's language (the site's default when left out), and the original it translates.
    lang: lang.optional(),
    translationOf: nonEmpty(
      "the path of the original under content/, such as articles/leeds-march.md",
    ).optional(),
    permalink: z
      .union(
        [z.string().regex(PERMALINK, { error: expected(PERMALINK_WANTED) }), z.literal(false)],
        {
          error: expected(PERMALINK_WANTED),
        },
      )
      .optional(),
  };

  // The group an article or action is about, by its file name in content/groups/ (checked in groups.ts).
  const group = nonEmpty(
    'the name of a group\'s file in content/groups/, such as "bristol-link"',
  ).optional();
  const article = z.strictObject({ ...common, category, cta: cta.optional(), group });
  const action = z.strictObject({ ...common, category, cta, group });
  const page = z.strictObject({ ...common, category: category.optional(), cta: cta.optional() });

  // An item of an edition: the path of an article or action (or its URL), with an optional note.
  const reference = nonEmpty("the path or URL of an article or action");
  const editionItem = z.union(
    [
      reference,
      z.strictObject({ item: reference, note: text().optional() }, { error: expected("an item") }),
    ],
    { error: expected('the path or URL of an article or action, or "item:" with a "note:"') },
  );
  const edition = z.strictObject({
    title: nonEmpty("a title"),
    date: siteTime(zone),
    number: z
      .number({ error: expected("a whole number from 1") })
      .int({ error: expected("a whole number from 1") })
      .min(1, { error: expected("a whole number from 1") }),
    summary: nonEmpty("a one-line summary (the email's preheader)"),
    image: image.optional(),
    // Editions are numbered per language; every item an edition names is in its language.
    lang: lang.optional(),
    draft: z.boolean({ error: expected("true or false") }).default(false),
    sections: z
      .array(
        z.strictObject(
          {
            heading: nonEmpty("a heading"),
            intro: text().optional(),
            items: z
              .array(editionItem, { error: expected("a list of items") })
              .min(1, { error: "expected at least one item, got an empty list" }),
          },
          { error: expected("a section with heading and items") },
        ),
        { error: expected("a list of sections") },
      )
      .min(1, { error: "expected at least one section, got an empty list" }),
  });

  // The groups directory: kinds and regions from site.yml, coordinates on the map's two areas.
  const listed = (what: string, list: Record<string, string>) => {
    const wanted = `one of the ${what} in site.yml (${Object.keys(list).join(", ")})`;
    return z.string({ error: expected(wanted) }).refine((v) => Object.hasOwn(list, v), {
      error: (issue) => `${expected(wanted)(issue)}${didYouMean(issue.input, Object.keys(list))}`,
    });
  };
  const coordinate = (what: string, [min, max]: readonly [number, number]) => {
    const wanted = `a ${what} from ${min} to ${max}`;
    return z
      .number({ error: expected(wanted) })
      .min(min, { error: expected(wanted) })
      .max(max, { error: expected(wanted) });
  };
  const contact = ctaUrl;
  const groupCommon = {
    name: nonEmpty("the group's name"),
    date: siteTime(zone),
    tags: tags.default([]),
    summary: text().optional(),
    draft: z.boolean({ error: expected("true or false") }).default(false),
  };
  const groupEntry = z.strictObject({
    ...groupCommon,
    kind: listed("kinds", settings.groups.kinds),
    place: nonEmpty("a UK town or city"),
    region: listed("regions", settings.groups.regions),
    lat: coordinate("latitude in the UK", UK_AREA.lat),
    lon: coordinate("longitude in the UK", UK_AREA.lon),
    partner: z
      .strictObject(
        {
          place: nonEmpty("the Palestinian town, village, camp or school"),
          governorate: nonEmpty("its governorate (or camp)"),
          lat: coordinate("latitude in the West Bank or Gaza", PALESTINE_AREA.lat),
          lon: coordinate("longitude in the West Bank or Gaza", PALESTINE_AREA.lon),
        },
        { error: expected("a partner with place, governorate, lat and lon") },
      )
      .optional(),
    formal: z.boolean({ error: expected("true or false") }).default(false),
    status: z.enum(GROUP_STATUSES, {
      error: (issue) =>
        `${expected(`one of ${GROUP_STATUSES.join(", ")}`)(issue)}${didYouMean(issue.input, GROUP_STATUSES)}`,
    }),
    since: z
      .number({ error: expected("a year such as 2015") })
      .int({ error: expected("a year such as 2015") })
      .min(1900, { error: expected("a year such as 2015") })
      .max(2100, { error: expected("a year such as 2015") })
      .optional(),
    contact,
  });
  // content/groups/seeking/: a Palestinian community asking for a UK partner.
  const seeking = z.strictObject({
    ...groupCommon,
    governorate: nonEmpty("its governorate (or camp)"),
    lat: coordinate("latitude in the West Bank or Gaza", PALESTINE_AREA.lat),
    lon: coordinate("longitude in the West Bank or Gaza", PALESTINE_AREA.lon),
    contact,
  });
  // Compiled: a valid file takes zod's generated fast path, an invalid one its usual parser and messages.
  const bySection = {
    articles: z.compile(article),
    actions: z.compile(action),
    pages: z.compile(page),
    editions: z.compile(edition),
    groups: z.compile(groupEntry),
  } satisfies Record<Section, Zod.ZodType>;
  return { ...bySection, seeking: z.compile(seeking) };
}

/** A group's standing, as its `status:` names it. */
export const GROUP_STATUSES = ["active", "dormant", "seeking-partner"] as const;
/** Where group markers may be (the map's two areas): the UK, and the West Bank and Gaza. */
export const UK_AREA = { lat: [49.8, 60.9], lon: [-8.7, 1.8] } as const;
export const PALESTINE_AREA = { lat: [31.2, 32.6], lon: [34.2, 35.6] } as const;

export type Schemas = ReturnType<typeof makeSchemas>;
/** Front matter as an editor writes it. */
export type FrontMatter = Zod.input<Schemas["actions"]>;
type WithoutGroup<T> = T extends unknown ? Omit<T, "group"> : never;
/** Front matter once read: dates in the site zone, tags normalised (an article's `group:` becomes Item.groupName). */
export type ParsedFrontMatter = WithoutGroup<
  Zod.output<Schemas["articles"]> | Zod.output<Schemas["actions"]> | Zod.output<Schemas["pages"]>
>;
/** An edition's front matter once read. */
export type EditionFrontMatter = Zod.output<Schemas["editions"]>;
/** A UK group's or link's front matter once read (content/groups/). */
export type GroupFrontMatter = Zod.output<Schemas["groups"]>;
/** A Palestinian community's front matter once read (content/groups/seeking/). */
export type SeekingFrontMatter = Zod.output<Schemas["seeking"]>;
/** One entry of an edition's section: a reference to an article or action, and the editor's note. */
export type EditionEntry = EditionFrontMatter["sections"][number]["items"][number];
