// `npm run new -- <article|action|page> "Title" [--category slug] [--date YYYY-MM-DD] [--event] [--url URL] [--label text] [--lang code] [--translation-of file]`, `npm run new -- edition [--date YYYY-MM-DD] [--lang code]`, or `npm run new -- group "Name" [--seeking]`
import { command, parseCli, printers, runIfEntry, siteEnv, type CommandIo } from "./lib/cli.ts";
import { absoluteUrl } from "../src/lib/deploy.ts";
import { draftEdition } from "../src/lib/edition-draft.ts";
import { createGroup } from "../src/lib/group-draft.ts";
import {
  CATEGORY_LABELS,
  createItem,
  KINDS,
  ScaffoldError,
  type Kind,
} from "../src/lib/scaffold.ts";
import { PLACEHOLDER } from "../src/lib/schema.ts";
import { loadSiteContext, type SiteContext } from "../src/lib/site-context.ts";
import { didYouMean } from "../src/lib/suggest.ts";

const USAGE = `Usage: npm run new -- <article|action|page> "Title" [--category slug] [--date YYYY-MM-DD] [--event] [--url https://…] [--label "Button text"] [--lang code]
       npm run new -- <article|action|page> "Title" --translation-of <file> [--lang code] [--date YYYY-MM-DD]
       npm run new -- edition [--date YYYY-MM-DD] [--lang code]
       npm run new -- group "Name" [--seeking] [--date YYYY-MM-DD]
  Actions need --url: the link people act on (petition, tickets, letter), and --label: the button's words
  (${Object.keys(CATEGORY_LABELS).join(", ")} actions have usual ones). --label needs --url.
  --event writes the event's start and location as ${PLACEHOLDER}: check refuses them until you write them.
  An edition is drafted from what was published since the last one, the open actions and the coming events
  (with --lang ar: an Arabic edition, from Arabic items).
  A group's kind, place, region, coordinates and contact are written as ${PLACEHOLDER}: check refuses them
  until you write them. --seeking starts a Palestinian community asking for a partner instead.
  --lang writes the item in another of site.yml's languages (ar: published under /ar/). --translation-of
  (content/articles/x.md) drafts its translation: the original's date, category, links and times are copied,
  its text is left to translate, and each ${PLACEHOLDER} is refused by check until you write it.`;

function newCommand(argv: string[], io: CommandIo): number {
  const print = printers(io);
  const parsed = parseCli(
    {
      category: { type: "string" },
      date: { type: "string" },
      event: { type: "boolean", default: false },
      url: { type: "string" },
      label: { type: "string" },
      lang: { type: "string" },
      "translation-of": { type: "string" },
      seeking: { type: "boolean" },
    },
    USAGE,
    argv,
    io,
  );
  if (parsed === "help") return 0;
  if (!parsed) return 1;
  const [kind, title, ...rest] = parsed.positionals;
  if (kind === "edition") {
    const { date, lang, event, ...others } = parsed.values;
    const extra = [...Object.keys(others), ...(event ? ["event"] : [])];
    if (extra.length) {
      print.error(
        `--${extra[0]}: expected only --date and --lang with edition, got --${extra.join(", --")} (an edition's items come from what was published)\n${USAGE}`,
      );
      return 1;
    }
    return newEdition(io, date, lang, parsed.positionals.slice(1));
  }
  if (kind === "group") return newGroup(io, title, rest, parsed.values);
  if (parsed.values.seeking) {
    print.error(`--seeking: expected only with group, got it with ${kind}\n${USAGE}`);
    return 1;
  }
  const problem = !kind
    ? null
    : !(kind in KINDS)
      ? `kind: expected one of ${[...Object.keys(KINDS), "edition", "group"].join(", ")}, got ${JSON.stringify(kind)}${didYouMean(kind, [...Object.keys(KINDS), "edition", "group"])}`
      : title === undefined
        ? `title: expected a title in quotes after ${kind}, got nothing`
        : rest.length
          ? `title: expected the whole title in quotes, got ${JSON.stringify(title)} then ${JSON.stringify(rest.join(" "))} (put the title in quotes: ${JSON.stringify([title, ...rest].join(" "))})`
          : null;
  if (!kind || title === undefined || problem) {
    print.error(problem ? `${problem}\n${USAGE}` : USAGE);
    return 1;
  }
  const { "translation-of": translationOf, ...options } = parsed.values;
  return write(io, (ctx) => {
    const result = createItem(ctx, { kind: kind as Kind, title, ...options, translationOf });
    print.log(`Wrote ${result.shownFile}`);
    print.log(`URL: ${result.url} (${absoluteUrl(ctx.deploy, result.url)} once published)`);
    if (translationOf !== undefined)
      print.log(
        `Translate the text under the front matter (it is the original's) and write each ${PLACEHOLDER} (the original's words are in the comment above it): npm run check refuses the file until then.`,
      );
    if (parsed.values.event)
      print.log(
        `Write the event's start and location where it says ${PLACEHOLDER}: npm run check refuses the file until then.`,
      );
    print.log("It is a draft: previews show it; remove `draft: true` to publish it.");
  });
}

function newEdition(
  io: CommandIo,
  date: string | undefined,
  lang: string | undefined,
  extra: string[],
): number {
  const print = printers(io);
  if (extra.length) {
    print.error(
      `title: expected no title after edition (its title comes from its number), got ${JSON.stringify(extra.join(" "))}\n${USAGE}`,
    );
    return 1;
  }
  return write(io, (ctx) => {
    const draft = draftEdition(ctx, { date, lang });
    const { articles, actions, events } = draft.counts;
    print.log(`Wrote ${draft.shownFile}: edition ${draft.number}`);
    print.log(
      `With ${articles} new article(s), ${actions} open action(s) and ${events} coming event(s): cut it to size and add notes.`,
    );
    print.log(`URL: ${draft.url} (${absoluteUrl(ctx.deploy, draft.url)} once published)`);
    print.log("It is a draft: previews show it and its email; remove `draft: true` to publish it.");
  });
}

function newGroup(
  io: CommandIo,
  name: string | undefined,
  extra: string[],
  options: { date?: string; seeking?: boolean; event?: boolean; [option: string]: unknown },
): number {
  const print = printers(io);
  const { date, seeking, event, ...others } = options;
  const wrong = [...Object.keys(others), ...(event ? ["event"] : [])];
  if (name === undefined || extra.length || wrong.length) {
    print.error(
      `${
        wrong.length
          ? `--${wrong[0]}: expected only --date and --seeking with group, got --${wrong.join(", --")}`
          : name === undefined
            ? "Expected the group's name in quotes."
            : `Unexpected ${JSON.stringify(extra.join(" "))}: put the name in quotes.`
      }\n${USAGE}`,
    );
    return 1;
  }
  return write(io, (ctx) => {
    const draft = createGroup(ctx, { name, date, seeking });
    print.log(`Wrote ${draft.shownFile}: write each ${PLACEHOLDER}, then run npm run check.`);
    print.log(`URL: ${draft.url} (${absoluteUrl(ctx.deploy, draft.url)} once published)`);
    print.log("It is a draft: previews show it; remove `draft: true` to publish it.");
  });
}

/** Runs `make` with the site's context; a bad setting or a refusal is one line, and nothing is written. */
function write(io: CommandIo, make: (ctx: SiteContext) => void): number {
  const print = printers(io);
  let ctx: SiteContext;
  try {
    ctx = loadSiteContext(siteEnv(io));
  } catch (error) {
    print.error(`Nothing was written: ${(error as Error).message}`);
    return 1;
  }
  try {
    make(ctx);
    return 0;
  } catch (error) {
    if (!(error instanceof ScaffoldError)) throw error;
    print.error(`Nothing was written: ${error.message}`);
    return 1;
  }
}

export const main = command("new", newCommand);
await runIfEntry(import.meta, main);
