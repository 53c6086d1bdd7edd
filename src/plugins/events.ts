import type UserConfig from "@11ty/eleventy/UserConfig";
import { addDirectFilter } from "../lib/direct-filters.ts";
import {
  CalendarMemo,
  calendarIcs,
  eventJsonLd,
  googleCalendarUrl,
  outlookCalendarUrl,
  type CalendarContext,
  type CalendarSpec,
} from "../lib/calendar.ts";
import type { Item } from "../lib/content.ts";
import {
  describeEvent,
  eventIcsUrl,
  groupByMonth,
  isEvent,
  monthPages,
  splitEvents,
  weekdayNames,
  type EventItem,
  type MonthGroup,
  type MonthPage,
} from "../lib/events.ts";
import { absoluteUrl } from "../lib/deploy.ts";
import type { ImagePipeline } from "../lib/images.ts";
import type { ContentStore } from "../lib/store.ts";
import { routes } from "../lib/routes.ts";
import type { DateLocale } from "../lib/format.ts";
import { templateName, pageLanguageOf, type FilterThis, type Language } from "../lib/languages.ts";

export interface EventsOptions {
  store: ContentStore;
  /** For structured data's image URLs. */
  images: ImagePipeline;
}

export interface CategoryCalendar extends CalendarSpec {
  slug: string;
  label: string;
  /** Site-relative URL of the .ics file. */
  feedUrl: string;
}

/** What templates see as `calendar`. */
export interface CalendarData {
  /** Every event of this build, soonest first. */
  events: EventItem[];
  /** Soonest first; includes events still happening today. */
  upcoming: EventItem[];
  upcomingByMonth: MonthGroup[];
  /** Newest first. */
  past: EventItem[];
  months: MonthPage[];
  site: CalendarSpec & { feedUrl: string };
  categories: CategoryCalendar[];
  /** Monday to Sunday, for the month grid. */
  weekdays: { short: string; long: string }[];
}

export const SITE_ICS_URL = routes.eventsIcs;

/** The events calendar: /events/, month pages, past events, and iCalendar feeds to subscribe to. */
export default function events(eleventyConfig: UserConfig, options: EventsOptions) {
  const { store, images } = options ?? {};
  if (!store) throw new Error("events plugin: the `store` option is required");
  if (!images) throw new Error("events plugin: the `images` option is required");
  const { settings, languages } = store.ctx;
  const absolute = (url: string) => absoluteUrl(store.ctx.deploy, url);
  // Every event is in its own .ics file and the site's, its category's, maybe its group's calendar.
  const memo = new CalendarMemo();
  eleventyConfig.on("eleventy.before", () => memo.clear());
  const ctx: CalendarContext = {
    memo,
    siteTitle: settings.title,
    absolute,
    categoryLabel: (slug) => settings.categories[slug] ?? slug,
    wordsOf: (item) => {
      const language = languages.get(item.lang);
      return language && !language.isDefault ? language : undefined;
    },
  };
  // The default language's dates are spelled as they always were (luxon, the site's locale).
  const localeOf = (language: Language): DateLocale =>
    language.isDefault ? settings.language : language;

  // Worked out once per load of the store and language (the dev server reloads it on every change).
  const cached = new Map<string, { from: Item[]; data: CalendarData }>();
  const calendarOf = (language: Language): CalendarData => {
    const from = store.published;
    const hit = cached.get(language.code);
    if (hit?.from === from) return hit.data;
    const { strings, routes: at } = language;
    const title = language.title;
    const locale = localeOf(language);
    const published = store.publishedIn(language.code);
    const { upcoming, past } = splitEvents(published, store.ctx.now);
    const all = [...past].reverse().concat(upcoming);
    const categories = Object.entries(language.categories)
      .map(([slug, label]) => ({
        slug,
        label,
        name: strings.text("events.icsCategoryName", { title, label }),
        description: strings.text("events.icsCategoryDescription", { title, label }),
        pageUrl: at.events,
        feedUrl: at.categoryIcs(slug),
        items: all.filter((e) => e.category === slug),
      }))
      .filter((c) => c.items.length > 0);
    const data: CalendarData = {
      events: all,
      upcoming,
      upcomingByMonth: groupByMonth(upcoming, locale),
      past,
      months: monthPages(all, locale),
      site: {
        name: strings.text("events.icsName", { title }),
        description: strings.text("events.icsDescription", { title }),
        pageUrl: at.events,
        feedUrl: at.eventsIcs,
        items: all,
      },
      categories,
      weekdays: weekdayNames(locale),
    };
    cached.set(language.code, { from, data });
    return data;
  };
  const calendar = () => calendarOf(languages.default);
  eleventyConfig.addGlobalData("calendar", calendar);
  eleventyConfig.addGlobalData("calendarEvents", () =>
    languages.list.flatMap((l) => calendarOf(l).events),
  );
  // Each other language's calendar, for its pages (and its home page's "Coming up").
  eleventyConfig.addGlobalData("calendars", () =>
    Object.fromEntries(languages.list.map((l) => [l.code, calendarOf(l)])),
  );
  // Filters spell dates in the language of the page that calls them.
  const pageLocale = (self: FilterThis) => localeOf(pageLanguageOf(languages, self));

  addDirectFilter(eleventyConfig, "isEvent", (item: Item) => !!item && isEvent(item));
  eleventyConfig.addFilter("eventMonths", function (this: FilterThis, items: EventItem[]) {
    return groupByMonth(items, pageLocale(this));
  });
  addDirectFilter(eleventyConfig, "eventWhen", function (this: FilterThis, item: EventItem) {
    return describeEvent(item, pageLocale(this));
  });
  addDirectFilter(eleventyConfig, "eventIcsUrl", (item: EventItem) => eventIcsUrl(item));
  addDirectFilter(eleventyConfig, "googleCalendarUrl", (item: EventItem) =>
    googleCalendarUrl(item, ctx),
  );
  addDirectFilter(eleventyConfig, "outlookCalendarUrl", (item: EventItem) =>
    outlookCalendarUrl(item, ctx),
  );
  addDirectFilter(eleventyConfig, "eventJsonLd", (item: EventItem) =>
    eventJsonLd(item, {
      ...ctx,
      imageUrl: (i) => images.imageUrl(i),
    }),
  );
  /** The absolute URL with webcal: for its scheme, which opens a calendar app's "subscribe". */
  addDirectFilter(eleventyConfig, "webcal", (url: string) =>
    absolute(url).replace(/^https?:/, "webcal:"),
  );
  eleventyConfig.addFilter("icsCalendar", (spec: CalendarSpec) => calendarIcs(spec, ctx));
  eleventyConfig.addFilter("eventIcs", (item: EventItem) =>
    calendarIcs({ name: item.title, pageUrl: item.url, items: [item] }, ctx),
  );

  for (const language of languages.list) {
    const { strings, code, isDefault, routes: at } = language;
    const name = (base: string) => templateName(language, base);
    const data = isDefault ? "calendar" : `calendars.${code}`;
    // The default language's pages read the global `calendar`; another's gets its own.
    const own = isDefault ? {} : { calendar: () => calendarOf(language) };
    eleventyConfig.addTemplate(name("events-index.njk"), "", {
      layout: "events/index.njk",
      title: strings.text("events.title"),
      permalink: at.events,
      ...(isDefault ? {} : { eleventyComputed: own }),
    });
    eleventyConfig.addTemplate(name("events-month.njk"), "", {
      layout: "events/month.njk",
      pagination: { data: `${data}.months`, size: 1, alias: "month" },
      permalink: (d: { month: MonthPage }) => d.month.url,
      eleventyComputed: {
        ...own,
        title: (d: { month: MonthPage }) =>
          strings.text("events.monthTitle", { month: d.month.label }),
      },
    });
    eleventyConfig.addTemplate(name("events-past.njk"), "", {
      layout: "events/past.njk",
      title: strings.text("events.past"),
      pagination: {
        data: `${data}.past`,
        size: settings.pageSize,
        alias: "items",
        generatePageOnEmptyData: true,
      },
      permalink: (d: { pagination: { pageNumber: number } }) =>
        at.eventsPast(d.pagination.pageNumber),
    });

    const ics = { eleventyExcludeFromCollections: true };
    eleventyConfig.addTemplate(
      name("events-site-ics.njk"),
      "{{ calendar.site | icsCalendar | safe }}",
      { ...ics, permalink: at.eventsIcs, ...(isDefault ? {} : { eleventyComputed: own }) },
    );
    eleventyConfig.addTemplate(name("events-category-ics.njk"), "{{ feed | icsCalendar | safe }}", {
      ...ics,
      pagination: { data: `${data}.categories`, size: 1, alias: "feed" },
      permalink: (d: { feed: CategoryCalendar }) => d.feed.feedUrl,
    });
  }
  const ics = { eleventyExcludeFromCollections: true };
  eleventyConfig.addTemplate("events-event-ics.njk", "{{ entry | eventIcs | safe }}", {
    ...ics,
    // Every event of every language: each one's file sits beside its page.
    pagination: { data: "calendarEvents", size: 1, alias: "entry" },
    permalink: (data: { entry: EventItem }) => eventIcsUrl(data.entry),
  });
}
