import { mkdirSync } from "node:fs";
import path from "node:path";
import { findContentFiles, formatError, parseContentFile, type Item } from "./content.ts";
import { checkEditions, EVENT_WINDOW_DAYS, eventsAfter, openAt } from "./editions.ts";
import { readableDate } from "./format.ts";
import { localDigits } from "./languages.ts";
import { ScaffoldError, writeNewFile } from "./scaffold.ts";
import type { SiteContext } from "./site-context.ts";
import { ContentStore, ContentValidationError, newestFirst } from "./store.ts";
import { parseSiteTime } from "./time.ts";

export interface EditionDraft {
  /** Absolute path of the file written. */
  file: string;
  shownFile: string;
  number: number;
  url: string;
  counts: { articles: number; actions: number; events: number };
  text: string;
}

const quote = (value: string) => JSON.stringify(value);

/**
 * Drafts the next edition for `npm run new -- edition`: the next number, the date, and sections filled
 * with the articles published since the last edition, the actions open now and the events of the
 * next three weeks, for the editor to cut and annotate. What it writes passes `npm run check`.
 */
export function draftEdition(
  ctx: SiteContext,
  options: { date?: string; lang?: string } = {},
): EditionDraft {
  const language = ctx.languages.get(options.lang ?? ctx.languages.default.code);
  if (!language) {
    const codes = ctx.languages.list.map((l) => l.code);
    throw new ScaffoldError(
      codes.length === 1
        ? `--lang: expected ${codes[0]}, the site's only language (list others under languages: in content/_data/site.yml), got ${quote(options.lang!)}`
        : `--lang: expected one of ${codes.join(", ")} (the languages of content/_data/site.yml), got ${quote(options.lang!)}`,
    );
  }
  const say = (key: string, params?: Record<string, string | number>) =>
    language.strings.text(
      `digest.draft.${key}`,
      params &&
        Object.fromEntries(
          Object.entries(params).map(([k, v]) => [
            k,
            typeof v === "number" ? localDigits(String(v), language.digits) : v,
          ]),
        ),
    );
  const date = options.date ?? ctx.now.toISODate()!;
  const parsed = parseSiteTime(date, ctx.settings.timezone);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !parsed.ok)
    throw new ScaffoldError(`--date: expected a real date (YYYY-MM-DD), got ${quote(date)}`);
  const day = parsed.value.endOf("day");

  // What production would publish: drafts and scheduled items are not offered.
  const store = new ContentStore({ ...ctx, preview: false });
  let items: Item[];
  try {
    items = store.load();
  } catch (error) {
    if (!(error instanceof ContentValidationError)) throw error;
    throw new ScaffoldError(
      `fix these first (npm run check lists them), then run this again:\n${error.errors.map(formatError).join("\n")}`,
    );
  }
  // Each language has its own editions, of its own items.
  const inLanguage = items.filter((i) => i.lang === language.code);
  const live = inLanguage.filter((i) => !i.draft && i.date.at <= day).sort(newestFirst);
  const editions = inLanguage
    .filter((i) => i.section === "editions")
    .sort((a, b) => a.number! - b.number!);
  const last = editions[editions.length - 1];
  if (last?.draft)
    throw new ScaffoldError(
      `edition ${last.number} (${last.file}) is still a draft: publish it (remove draft: true) or delete it first; nothing was written`,
    );
  const number = (last?.number ?? 0) + 1;
  if (last && last.date.at.startOf("day") > day.startOf("day"))
    throw new ScaffoldError(
      `--date: expected a date on or after edition ${last.number}'s (${last.date.at.toISODate()}, ${last.file}), got ${quote(date)}`,
    );
  const since = last ? last.date.at.endOf("day") : day.minus({ days: 7 });

  const events = eventsAfter(live, day.startOf("day"));
  const inEvents = new Set<Item>(events);
  const articles = live.filter(
    (i) => i.section === "articles" && i.date.at > since && !inEvents.has(i),
  );
  const actions = live.filter((i) => i.section === "actions" && !inEvents.has(i) && openAt(i, day));
  const eventEntries = events.filter((i) => i.section === "articles" || i.section === "actions");
  if (!articles.length && !actions.length && !eventEntries.length)
    throw new ScaffoldError(
      `nothing to put in an edition: no article since ${last ? `edition ${last.number} (${last.date.at.toISODate()})` : since.toISODate()}, no open action and no event in the next ${EVENT_WINDOW_DAYS} days; nothing was written`,
    );

  const ref = (item: Item) => `      - ${item.file}`;
  const section = (heading: string, intro: string, list: Item[]) =>
    list.length
      ? [
          `  - heading: ${quote(heading)}`,
          `    intro: ${quote(intro)}`,
          "    items:",
          ...list.map(ref),
        ]
      : [];
  const counts = {
    articles: articles.length,
    actions: actions.length,
    events: eventEntries.length,
  };
  const counted = (n: number, kind: string) =>
    n ? say(`${kind}${n === 1 ? "One" : "Many"}`, { n }) : "";
  const summary = [
    counted(counts.articles, "report"),
    counted(counts.actions, "action"),
    counted(counts.events, "event"),
  ]
    .filter(Boolean)
    .join(say("separator"));
  const locale = language.isDefault ? ctx.settings.language : language;
  const text = [
    "---",
    `title: ${quote(say("title", { date: readableDate(parsed.value, locale) }))}`,
    `date: ${date}`,
    `number: ${number}`,
    ...(language.isDefault ? [] : [`lang: ${language.code}`]),
    `# One line: the email's preview text and the archive's summary.`,
    `summary: ${quote(say("summary", { counts: summary }))}`,
    "draft: true",
    "# Cut what does not belong, reorder, and give any item a note of your own:",
    "#   - item: content/articles/example.md",
    "#     note: One line on why it matters.",
    "sections:",
    ...section(say("news"), say("newsIntro"), articles),
    ...section(say("act"), say("actIntro"), actions),
    ...section(say("coming"), say("comingIntro", { n: EVENT_WINDOW_DAYS / 7 }), eventEntries),
    "---",
    "",
  ].join("\n");

  const file = path.join(
    ctx.contentDir,
    "editions",
    // Another language's editions in a folder of their own: their numbers start from 1 too.
    ...(language.isDefault ? [] : [language.code]),
    date.slice(0, 4),
    `${String(number).padStart(3, "0")}.md`,
  );
  if (findContentFiles(ctx.contentDir).some((f) => path.resolve(f.file) === path.resolve(file)))
    throw new ScaffoldError(
      `${path.relative(path.dirname(ctx.contentDir), file)} already exists; nothing was written`,
    );
  const { item, errors } = parseContentFile(file, "editions", text, ctx);
  const refErrors = item
    ? checkEditions({
        contentDir: ctx.contentDir,
        siteUrl: ctx.settings.url,
        items: [...items, item],
        isVisible: (i) => i === item || store.isVisible(i),
      }).filter((e) => e.file === item.file)
    : [];
  if (!item || errors.length || refErrors.length)
    throw new ScaffoldError([...errors, ...refErrors].map(formatError).join("\n"));
  mkdirSync(path.dirname(file), { recursive: true });
  writeNewFile(file, text);
  return { file, shownFile: item.file, number, url: item.url as string, counts, text };
}
