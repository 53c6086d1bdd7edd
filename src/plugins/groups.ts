import type UserConfig from "@11ty/eleventy/UserConfig";
import { addDirectFilter } from "../lib/direct-filters.ts";
import nunjucks from "nunjucks";
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
  type GroupStatus,
  type FilterEntry,
  type GroupCalendar,
  type GroupItem,
  type RegionEntry,
  type SeekingItem,
} from "../lib/groups.ts";
import { remember } from "../lib/cache.ts";
import { groupsMapSvg } from "../lib/groups-map.ts";
import { templateName, pageLanguageOf, type FilterThis, type Language } from "../lib/languages.ts";
import type { ContentStore } from "../lib/store.ts";

const { SafeString } = nunjucks.runtime;
const escapeHtml = nunjucks.lib.escape;

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
  const { settings, languages } = store.ctx;

  const all = () => store.published.filter(isGroup);
  // A group's page is in the default language: of an item and its translations it lists the default's version.
  const inGroupActivity = (item: Item) =>
    item.lang === languages.default.code ||
    !store.translations(item).some((other) => other.lang === languages.default.code);
  // Item pages ask for their group by name: one map per load of the store, not a scan of every item per page.
  const bySlug = new WeakMap<Item[], Map<string, GroupItem>>();
  const groupNamed = (slug: string) =>
    remember(bySlug, store.published, () => new Map(all().map((g) => [g.slug, g]))).get(slug);
  // Every language lists the same groups in the same order (so the map's numbers agree), in its own labels.
  const directoryIn = (language: Language) => {
    const groups = all();
    const seeking = seekingList(
      store.load().filter((item) => store.isVisible(item)),
      settings.language,
    );
    const labels = { language: settings.language, groups: language.groups };
    const statusLabel = (status: GroupStatus) => language.strings.text(`groups.status.${status}`);
    const regions = directory(groups, labels);
    const prefix = store.ctx.deploy.pathPrefix.replace(/\/$/, "");
    // Numbered in the directory's order, so a number on the map is found in the list by region.
    const mapOf = (listed: RegionEntry[], rings: SeekingItem[]) =>
      listed.length
        ? groupsMapSvg(
            listed.flatMap((r) => r.groups),
            rings,
            {
              url: (item) =>
                prefix +
                (item.group.seeking ? `${language.routes.groupsSeeking}#${item.slug}` : item.url),
              language,
            },
          )
        : "";
    const map = mapOf(regions, seeking);
    const choices = filters(groups, labels, statusLabel);
    const calendars = groupCalendars(
      regions.flatMap((r) => r.groups),
      store.published.filter(inGroupActivity),
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
        const listed = directory(filtered(groups, entry), labels);
        return { entry, regions: listed, map: mapOf(listed, []) };
      }),
      seeking,
    };
  };
  eleventyConfig.addGlobalData("groupsDirectory", () => directoryIn(languages.default));
  // The other languages' directories, by code (the default's is groupsDirectory).
  eleventyConfig.addGlobalData("groupsDirectories", () =>
    Object.fromEntries(
      languages.list.filter((l) => !l.isDefault).map((l) => [l.code, directoryIn(l)]),
    ),
  );
  const languageOf = (self: FilterThis) => pageLanguageOf(languages, self);
  addDirectFilter(eleventyConfig, "groupKind", function (this: FilterThis, kind: string) {
    return languageOf(this).groups.kinds[kind] ?? kind;
  });
  addDirectFilter(eleventyConfig, "groupRegion", function (this: FilterThis, region: string) {
    return languageOf(this).groups.regions[region] ?? region;
  });
  addDirectFilter(eleventyConfig, "groupStatus", function (this: FilterThis, status: GroupStatus) {
    return languageOf(this).strings.text(`groups.status.${status}`);
  });
  // A group's name or place in another language's page: isolated and marked as written (in the default language).
  addDirectFilter(eleventyConfig, "asWritten", function (this: FilterThis, text: string) {
    const here = languageOf(this);
    if (here.isDefault) return text;
    return new SafeString(`<bdi lang="${languages.default.tag}">${escapeHtml(String(text))}</bdi>`);
  });
  addDirectFilter(eleventyConfig, "groupActivity", (item: GroupItem) =>
    groupActivity(item, store.published.filter(inGroupActivity), store.ctx.now),
  );
  // A group still a draft (or scheduled) has no page to link to from a published item.
  addDirectFilter(eleventyConfig, "namedGroup", (item: Item) => {
    const slug = item.section === "groups" ? undefined : groupOf(item);
    return slug === undefined ? undefined : groupNamed(slug);
  });
  eleventyConfig.addFilter("groupBody", (item: Item) =>
    bodies.md.render(item.body, { inputPath: item.inputPath }),
  );

  for (const language of languages.list) {
    const { routes: at, strings, isDefault, code } = language;
    const name = (base: string) => templateName(language, base);
    const data = isDefault ? "groupsDirectory" : `groupsDirectories.${code}`;
    // Another language's pages read its own directory (its labels and map) as groupsDirectory.
    const own = isDefault
      ? {}
      : {
          groupsDirectory: (d: { groupsDirectories: Record<string, unknown> }) =>
            d.groupsDirectories[code],
        };
    eleventyConfig.addTemplate(name("groups-index.njk"), "", {
      layout: "groups/directory.njk",
      title: strings.text("groups.title"),
      permalink: at.groups,
      eleventyComputed: own,
    });
    eleventyConfig.addTemplate(name("groups-filter.njk"), "", {
      layout: "groups/directory.njk",
      pagination: { data: `${data}.pages`, size: 1, alias: "filterPage" },
      // Each filter is a page of its own, not "page 2 of 7" of a list (base.njk reads topicPage first).
      topicPage: { list: { pageNumber: 0 } },
      eleventyComputed: {
        ...own,
        title: (d: { filterPage: { entry: FilterEntry } }) =>
          strings.text("groups.filterTitle", { label: d.filterPage.entry.label }),
      },
      permalink: (d: { filterPage: { entry: FilterEntry } }) =>
        at.groupsBy(d.filterPage.entry.filter, d.filterPage.entry.value),
    });
    eleventyConfig.addTemplate(name("groups-seeking.njk"), "", {
      layout: "groups/seeking.njk",
      title: strings.text("groups.seeking.title"),
      permalink: at.groupsSeeking,
      eleventyComputed: own,
    });
  }
  // Uses the events plugin's icsCalendar filter: the same iCalendar as the site's and categories' feeds.
  eleventyConfig.addTemplate("groups-ics.njk", "{{ feed | icsCalendar | safe }}", {
    eleventyExcludeFromCollections: true,
    pagination: { data: "groupsDirectory.calendars", size: 1, alias: "feed" },
    permalink: (data: { feed: GroupCalendar }) => data.feed.feedUrl,
  });
}
