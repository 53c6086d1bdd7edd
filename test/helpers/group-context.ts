import { DateTime } from "luxon";
import { settingsSchema } from "../../src/lib/settings.ts";
import { loadStrings } from "../../src/lib/strings.ts";

/** Settings with two kinds and two regions, for unit tests of groups without a site on disk. */
export const groupSettings = settingsSchema.parse({
  title: "T",
  url: "https://example.org",
  categories: { news: "News" },
  groups: {
    kinds: { school: "Schools", "town-link": "Town links" },
    regions: { wales: "Wales", london: "London" },
  },
});

/** What parseContentFile needs: content under /site/content, read as of 1 June 2024. */
export const groupContext = {
  contentDir: "/site/content",
  settings: groupSettings,
  now: DateTime.fromISO("2024-06-01"),
};

/** The map's language in unit tests: English from the built-in strings. */
export const englishMap = {
  strings: loadStrings("/site/content", ["en"]).strings.get("en")!,
  digits: "latn",
  dir: "ltr",
} as const;
