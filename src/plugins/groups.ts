import type UserConfig from "@11ty/eleventy/UserConfig";
import type { BodyRenderer } from "../lib/bodies.ts";
import type { Item } from "../lib/content.ts";
import {
  directory,
  filtered,
  filters,
  groupActivity,
  groupCalendars,
  groupOf,
  groupsByName,
  isGroup,
  seekingList,
  STATUS_LABELS,
  type FilterEntry,
  type GroupCalendar,
  type GroupItem,
  type RegionEntry,
  type SeekingItem,
} from "../lib/groups.ts";
import { remember } from "../lib/cache.ts";
import { groupsMapSvg } from "../lib/groups-map.ts";
import { routes } from "../lib/routes.ts";
import type { ContentStore } from "../lib/store.ts";

export interface GroupsOptions {
  store: ContentStore;
  /** Renders the seeking communities' Markdown, which has no page of its own. */
  bodies: BodyRenderer;
}

/** The groups directory: /groups/, a page per kind and per status (plain links, no script), and /groups/seeking/. */
export default function groups(eleventyConfig: UserConfig, options: GroupsOptions) {
  const { store, bodies } = options ?? {};
  if (!store) throw new Error("groups plugin: the `store` option is required");
  if (!bodies) throw new Error("groups plugin: the `bodies` option is required");
  const { settings } = store.ctx;

  const all = () => store.published.filter(isGroup);
  // Item pages ask for their group by name: one map per load of the store, not a scan of every item per page.
  const bySlug = new WeakMap<Item[], Map<string, GroupItem>>();
  const groupNamed = (slug: string) =>
    remember(bySlug, store.published, () => new Map(all().map((g) => [g.slug, g]))).get(slug);
  eleventyConfig.addGlobalData("groupsDirectory", () => {
    const groups = all();
    const seeking = seekingList(
      store.load().filter((item) => store.isVisible(item)),
      settings.language,
    );
    const regions = directory(groups, settings);
    const prefix = store.ctx.deploy.pathPrefix.replace(/\/$/, "");
    // Numbered in the directory's order, so a number on the map is found in the list by region.
    const mapOf = (listed: RegionEntry[], rings: SeekingItem[]) =>
      listed.length
        ? groupsMapSvg(
            listed.flatMap((r) => r.groups),
            rings,
            {
              url: (item) =>
                prefix + (item.group.seeking ? `${routes.groupsSeeking}#${item.slug}` : item.url),
            },
          )
        : "";
    const map = mapOf(regions, seeking);
    const choices = filters(groups, settings);
    const calendars = groupCalendars(
      regions.flatMap((r) => r.groups),
      store.published,
      store.ctx.now,
      settings.title,
    );
    return {
      /** The search page's group filter: every group, by name. */
      byName: groupsByName(groups, settings.language),
      calendars,
      /** A group's calendar by its page's URL, for its page's subscribe links. */
      calendarOf: Object.fromEntries(calendars.map((c) => [c.pageUrl, c])),
      count: groups.length,
      map,
      regions,
      filters: choices,
      // A filter page's map shows only its groups (and no rings: communities have no kind or status).
      pages: choices.map((entry) => {
        const listed = directory(filtered(groups, entry), settings);
        return { entry, regions: listed, map: mapOf(listed, []) };
      }),
      seeking,
    };
  });
  eleventyConfig.addFilter("groupKind", (kind: string) => settings.groups.kinds[kind] ?? kind);
  eleventyConfig.addFilter(
    "groupRegion",
    (region: string) => settings.groups.regions[region] ?? region,
  );
  eleventyConfig.addFilter(
    "groupStatus",
    (status: keyof typeof STATUS_LABELS) => STATUS_LABELS[status] ?? status,
  );
  eleventyConfig.addFilter("groupActivity", (item: GroupItem) =>
    groupActivity(item, store.published, store.ctx.now),
  );
  // A group still a draft (or scheduled) has no page to link to from a published item.
  eleventyConfig.addFilter("namedGroup", (item: Item) => {
    const slug = item.section === "groups" ? undefined : groupOf(item);
    return slug === undefined ? undefined : groupNamed(slug);
  });
  eleventyConfig.addFilter("groupBody", (item: Item) =>
    bodies.md.render(item.body, { inputPath: item.inputPath }),
  );

  eleventyConfig.addTemplate("groups-index.njk", "", {
    layout: "groups/directory.njk",
    title: "Groups and twinning links",
    permalink: routes.groups,
  });
  eleventyConfig.addTemplate("groups-filter.njk", "", {
    layout: "groups/directory.njk",
    pagination: { data: "groupsDirectory.pages", size: 1, alias: "filterPage" },
    // Each filter is a page of its own, not "page 2 of 7" of a list (base.njk reads topicPage first).
    topicPage: { list: { pageNumber: 0 } },
    eleventyComputed: {
      title: (data: { filterPage: { entry: FilterEntry } }) =>
        `Groups: ${data.filterPage.entry.label}`,
    },
    permalink: (data: { filterPage: { entry: FilterEntry } }) =>
      routes.groupsBy(data.filterPage.entry.filter, data.filterPage.entry.value),
  });
  // Uses the events plugin's icsCalendar filter: the same iCalendar as the site's and categories' feeds.
  eleventyConfig.addTemplate("groups-ics.njk", "{{ feed | icsCalendar | safe }}", {
    eleventyExcludeFromCollections: true,
    pagination: { data: "groupsDirectory.calendars", size: 1, alias: "feed" },
    permalink: (data: { feed: GroupCalendar }) => data.feed.feedUrl,
  });
  eleventyConfig.addTemplate("groups-seeking.njk", "", {
    layout: "groups/seeking.njk",
    title: "Communities asking for a partner",
    permalink: routes.groupsSeeking,
  });
}
