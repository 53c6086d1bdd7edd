import type UserConfig from "@11ty/eleventy/UserConfig";
import {
  calendarIcs,
  eventJsonLd,
  googleCalendarUrl,
  outlookCalendarUrl,
  type CalendarContext,
  type CalendarSpec,
} from "../lib/calendar.ts";
import type { Item } from "../lib/content.ts";
import {
  categoryIcsUrl,
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
  const { settings } = store.ctx;
  const locale = settings.language;
  const absolute = (url: string) => absoluteUrl(store.ctx.deploy, url);
  const ctx: CalendarContext = {
    siteTitle: settings.title,
    absolute,
    categoryLabel: (slug) => settings.categories[slug] ?? slug,
  };

  // Worked out once per load of the store (the dev server reloads it on every change).
  let cached: { from: Item[]; data: CalendarData } | null = null;
  const calendar = (): CalendarData => {
    const published = store.published;
    if (cached?.from === published) return cached.data;
    const { upcoming, past } = splitEvents(published, store.ctx.now);
    const all = [...past].reverse().concat(upcoming);
    const categories = Object.entries(settings.categories)
      .map(([slug, label]) => ({
        slug,
        label,
        name: `${settings.title}: ${label}`,
        description: `${label} events from ${settings.title}`,
        pageUrl: routes.events,
        feedUrl: categoryIcsUrl(slug),
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
        name: `${settings.title}: events`,
        description: `Events from ${settings.title}`,
        pageUrl: routes.events,
        feedUrl: SITE_ICS_URL,
        items: all,
      },
      categories,
      weekdays: weekdayNames(locale),
    };
    cached = { from: published, data };
    return data;
  };
  eleventyConfig.addGlobalData("calendar", () => calendar());

  eleventyConfig.addFilter("isEvent", (item: Item) => !!item && isEvent(item));
  eleventyConfig.addFilter("eventMonths", (items: EventItem[]) => groupByMonth(items, locale));
  eleventyConfig.addFilter("eventWhen", (item: EventItem) => describeEvent(item, locale));
  eleventyConfig.addFilter("eventIcsUrl", (item: EventItem) => eventIcsUrl(item));
  eleventyConfig.addFilter("googleCalendarUrl", (item: EventItem) => googleCalendarUrl(item, ctx));
  eleventyConfig.addFilter("outlookCalendarUrl", (item: EventItem) =>
    outlookCalendarUrl(item, ctx),
  );
  eleventyConfig.addFilter("eventJsonLd", (item: EventItem) =>
    eventJsonLd(item, {
      ...ctx,
      imageUrl: (i) => images.imageUrl(i),
    }),
  );
  /** The absolute URL with webcal: for its scheme, which opens a calendar app's "subscribe". */
  eleventyConfig.addFilter("webcal", (url: string) => absolute(url).replace(/^https?:/, "webcal:"));
  eleventyConfig.addFilter("icsCalendar", (spec: CalendarSpec) => calendarIcs(spec, ctx));
  eleventyConfig.addFilter("eventIcs", (item: EventItem) =>
    calendarIcs({ name: item.title, pageUrl: item.url, items: [item] }, ctx),
  );

  eleventyConfig.addTemplate("events-index.njk", "", {
    layout: "events/index.njk",
    title: "Events",
    permalink: routes.events,
  });
  eleventyConfig.addTemplate("events-month.njk", "", {
    layout: "events/month.njk",
    pagination: { data: "calendar.months", size: 1, alias: "month" },
    permalink: (data: { month: MonthPage }) => data.month.url,
    eleventyComputed: { title: (data: { month: MonthPage }) => `Events in ${data.month.label}` },
  });
  eleventyConfig.addTemplate("events-past.njk", "", {
    layout: "events/past.njk",
    title: "Past events",
    pagination: {
      data: "calendar.past",
      size: settings.pageSize,
      alias: "items",
      generatePageOnEmptyData: true,
    },
    permalink: (data: { pagination: { pageNumber: number } }) =>
      routes.eventsPast(data.pagination.pageNumber),
  });

  const ics = { eleventyExcludeFromCollections: true };
  eleventyConfig.addTemplate("events-site-ics.njk", "{{ calendar.site | icsCalendar | safe }}", {
    ...ics,
    permalink: SITE_ICS_URL,
  });
  eleventyConfig.addTemplate("events-category-ics.njk", "{{ feed | icsCalendar | safe }}", {
    ...ics,
    pagination: { data: "calendar.categories", size: 1, alias: "feed" },
    permalink: (data: { feed: CategoryCalendar }) => data.feed.feedUrl,
  });
  eleventyConfig.addTemplate("events-event-ics.njk", "{{ entry | eventIcs | safe }}", {
    ...ics,
    pagination: { data: "calendar.events", size: 1, alias: "entry" },
    permalink: (data: { entry: EventItem }) => eventIcsUrl(data.entry),
  });
}
