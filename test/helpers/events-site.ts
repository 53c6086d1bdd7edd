import { DEFAULT_SETTINGS, makeFixture, md } from "../helpers/fixture.ts";
import { makeJpeg } from "../helpers/sample-site.ts";

/** Every fixture build of the events tests runs on this date (London), as BUILD_DATE. */
export const BUILD_DATE = "2024-02-22T15:00";

/** Page size 2, so /events/past/ paginates. */
export const SETTINGS = DEFAULT_SETTINGS.replace("pageSize: 20", "pageSize: 2");

/**
 * The events of the fixture, with what each must read back as in UTC. Covers summer and winter,
 * all-day and multi-day, both summer-time changes with and without offsets, quoted and unquoted times.
 */
export const EVENTS = {
  comedy: {
    url: "/actions/comedy/",
    start: "2021-04-20T19:00:00.000Z",
    end: "2021-04-20T20:30:00.000Z",
  },
  picnic: { url: "/articles/picnic/", start: "2023-06-10", end: "2023-06-11" },
  meeting: { url: "/articles/meeting/", start: "2024-02-20T20:00:00.000Z", end: null },
  vigil: {
    url: "/articles/vigil/",
    start: "2024-02-21T18:00:00.000Z",
    end: "2024-02-21T19:00:00.000Z",
  },
  breakfast: {
    url: "/articles/breakfast/",
    start: "2024-02-22T09:00:00.000Z",
    end: "2024-02-22T10:00:00.000Z",
  },
  camp: { url: "/articles/camp/", start: "2024-02-28", end: "2024-03-03" },
  overnight: {
    url: "/articles/overnight/",
    start: "2024-03-31T00:30:00.000Z",
    end: "2024-03-31T02:00:00.000Z",
  },
  march: {
    url: "/actions/march/",
    start: "2024-03-31T12:00:00.000Z",
    end: "2024-03-31T15:00:00.000Z",
  },
  rally: { url: "/articles/rally/", start: "2024-07-06T12:00:00.000Z", end: null },
  "clocks-back": {
    url: "/articles/clocks-back/",
    start: "2024-10-27T00:30:00.000Z",
    end: "2024-10-27T02:30:00.000Z",
  },
} as const;

/** The events site's files (see makeEventsSite), for a build shared between test files (sharedBuild). */
export async function eventsSiteFiles(): Promise<Record<string, string | Buffer>> {
  return {
    "articles/crowd.jpg": await makeJpeg(),
    "actions/comedy.md": md(`title: "Stand up for Palestine: online comedy fundraiser"
date: 2021-04-06
category: fundraiser
summary: An evening of stand-up online, with tickets from the organisers.
cta:
  label: Get tickets
  url: https://example.org/tickets
  deadline: 2021-04-20
event:
  start: 2021-04-20T20:00
  end: 2021-04-20T21:30
  location: Online
  url: https://example.org/join`),
    "articles/picnic.md": md(`title: Twinning picnic
date: 2023-05-01
category: twinning
event:
  start: 2023-06-10
  location: Victoria Park, London`),
    "articles/meeting.md": md(`title: Branch meeting on the ceasefire vote
date: 2024-02-10T09:30
category: event
summary: Members discuss the vote; everyone is welcome, bring a friend.
image:
  src: ./crowd.jpg
  alt: A crowded meeting hall
event:
  start: 2024-02-20T20:00
  location: Conway Hall, 25 Red Lion Square, London WC1R 4RL`),
    "articles/vigil.md": md(`title: Candlelit vigil yesterday
date: 2024-02-01
category: event
event:
  start: 2024-02-21T18:00
  end: 2024-02-21T19:00
  location: Trafalgar Square, London`),
    "articles/breakfast.md": md(`title: Picket-line breakfast this morning
date: 2024-02-15
category: news
event:
  start: 2024-02-22T09:00
  end: 2024-02-22T10:00
  location: Royal Mail Mount Pleasant, London`),
    "articles/camp.md": md(`title: Peace camp over the leap day
date: 2024-02-01
category: campaign
event:
  start: 2024-02-28
  end: 2024-03-02
  location: Online`),
    "articles/overnight.md": md(`title: Overnight vigil as the clocks go forward
date: 2024-02-01
category: event
event:
  start: 2024-03-31T00:30
  end: 2024-03-31T03:00
  location: Parliament Square, London`),
    "actions/march.md": md(`title: National march for a ceasefire
date: 2024-02-01
category: campaign
cta:
  label: Register your coach seat
  url: https://example.org/coach
event:
  start: 2024-03-31T13:00:00
  end: "2024-03-31T16:00"
  location: Hyde Park Corner, London`),
    "articles/rally.md": md(`title: Summer rally
date: 2024-02-01
category: event
event:
  start: "2024-07-06T13:00"
  location: Parliament Square, London`),
    "articles/clocks-back.md": md(`title: Night shift solidarity as the clocks go back
date: 2024-02-01
category: event
event:
  start: 2024-10-27T01:30+01:00
  end: 2024-10-27T02:30
  location: Online`),
    "articles/draft-event.md": md(`title: Draft event
date: 2024-02-01
category: event
draft: true
event:
  start: 2024-03-05T19:00
  location: Somewhere`),
    "articles/scheduled-event.md": md(`title: Scheduled event
date: 2024-03-01
category: event
event:
  start: 2024-03-05T19:00
  location: Somewhere`),
    "articles/no-event.md": md(`title: An article without an event
date: 2024-02-12
category: analysis`),
  };
}

export async function makeEventsSite(): Promise<string> {
  return makeFixture(await eventsSiteFiles(), SETTINGS);
}
