import { DEFAULT_SETTINGS, makeFixture, md } from "./fixture.ts";
import { BILINGUAL_SETTINGS } from "./languages-site.ts";

export const DIGEST_BUILD_DATE = "2024-03-10";
export const SITE = "https://fixture.example.org";

export const DIGEST_SETTINGS = `${DEFAULT_SETTINGS}newsletter:
  signup: https://lists.example.org/subscribe
  unsubscribe: "{{ UnsubscribeURL }}"
`;

/** The digest's settings with Arabic as a second language (the one two-language fixture's). */
export const DIGEST_LANGUAGES = `${BILINGUAL_SETTINGS}${DIGEST_SETTINGS.slice(DEFAULT_SETTINGS.length)}`;

/** Articles, actions (open, closed, an event) and two editions that name them in each way an editor may. */
export const DIGEST_FILES: Record<string, string> = {
  "articles/strike-begins.md": md(
    "title: Museum strike begins\ndate: 2024-02-20\ncategory: news\nsummary: Pickets every morning.",
  ),
  "articles/students-occupy.md": md(
    "title: Students occupy & win\ndate: 2024-02-21\ncategory: news",
    "See [the strike](/articles/strike-begins/).",
  ),
  "articles/hidden-draft.md": md(
    "title: Hidden draft\ndate: 2024-02-21\ncategory: news\ndraft: true",
  ),
  "articles/next-week.md": md("title: Next week's story\ndate: 2024-03-20\ncategory: news"),
  "actions/open-letter.md": md(
    "title: Sign the open letter\ndate: 2024-02-01\ncategory: campaign\ncta:\n  label: Sign the letter\n  url: https://letters.example.org/sign?x=1&y=2\n  deadline: 2024-04-30",
  ),
  "actions/closed-petition.md": md(
    "title: Closed petition\ndate: 2024-01-01\ncategory: campaign\ncta:\n  label: Sign\n  url: https://petition.example.org/\n  deadline: 2024-03-01",
  ),
  "actions/march.md": md(
    "title: National march\ndate: 2024-02-10\ncategory: event\nevent:\n  start: 2024-03-16T12:00\n  location: London\ncta:\n  label: Find a coach\n  url: https://march.example.org/",
  ),
  "editions/2024/001.md": md(
    `title: The first edition
date: 2024-02-22
number: 1
summary: Strikes and occupations.
sections:
  - heading: On the picket line
    intro: Workers taking action.
    items:
      - item: content/articles/strike-begins.md
        note: Pickets every morning until April.
      - /articles/students-occupy/
  - heading: Sign now
    items:
      - ../../actions/closed-petition.md`,
    "Welcome to the **first** edition.",
  ),
  "editions/2024/002.md": md(
    `title: The second edition
date: 2024-03-08
number: 2
summary: A letter to sign and a march to join.
sections:
  - heading: Act
    items:
      - actions/open-letter.md
      - https://fixture.example.org/articles/strike-begins/`,
    "Two things to do.",
  ),
};

export function makeDigestSite(
  extra: Record<string, string> = {},
  settings = DIGEST_SETTINGS,
): string {
  return makeFixture({ ...DIGEST_FILES, ...extra }, settings);
}
