// `npm run import -- <feed file or URL> [--source "Name"] [--category slug] [--lang code] [--strict]`: one draft per new feed item.
import {
  command,
  parseCli,
  printers,
  runIfEntry,
  siteEnv,
  userPath,
  type CommandIo,
} from "./lib/cli.ts";
import { FeedError, importFeed, parseFeedText, readFeedText } from "../src/lib/feed-import.ts";
import { loadSiteContext } from "../src/lib/site-context.ts";

const USAGE =
  'Usage: npm run import -- <feed file or https:// URL> [--source "Name"] [--category slug] [--lang code] [--strict]\n' +
  "--lang ar writes lang: ar into every draft (a feed in another of site.yml's languages).\n" +
  "Exits 0 when every item it could import was imported (refused items are listed with why); with --strict, a refused item makes it exit 1.";

/** IMPORT_TIMEOUT_SECONDS and IMPORT_MAX_MB override the defaults (30 seconds, 10 MB). */
function fetchLimits(env: NodeJS.ProcessEnv) {
  const number = (name: string) => {
    const raw = env[name]?.trim();
    if (!raw) return undefined;
    const value = Number(raw);
    if (!(value > 0))
      throw new FeedError(`${name}: expected a positive number, got ${JSON.stringify(raw)}`);
    return value;
  };
  const mb = number("IMPORT_MAX_MB");
  return {
    timeoutSeconds: number("IMPORT_TIMEOUT_SECONDS"),
    maxBytes: mb === undefined ? undefined : mb * 1024 * 1024,
  };
}

/** A feed's address: a URL as given, a file from the command's folder. */
const feedAt = (io: CommandIo, location: string) =>
  /^https?:\/\//i.test(location) ? location : userPath(io, location);

async function importCommand(argv: string[], io: CommandIo): Promise<number> {
  const print = printers(io);
  const parsed = parseCli(
    {
      source: { type: "string" },
      category: { type: "string" },
      lang: { type: "string" },
      strict: { type: "boolean" },
    },
    USAGE,
    argv,
    io,
  );
  if (parsed === "help") return 0;
  if (!parsed) return 1;
  const [location, ...rest] = parsed.positionals;
  if (!location || rest.length) {
    print.error(USAGE);
    return 1;
  }
  try {
    let ctx: ReturnType<typeof loadSiteContext>;
    try {
      ctx = loadSiteContext(siteEnv(io));
    } catch (error) {
      throw new FeedError((error as Error).message);
    }
    const limits = fetchLimits(io.env);
    const feed = parseFeedText(await readFeedText(feedAt(io, location), limits), location);
    const { strict, ...options } = parsed.values;
    const outcomes = await importFeed(ctx, feed, { ...options, limits });
    for (const o of outcomes) {
      if (o.kind === "written")
        print.log(`Wrote ${o.file} (from ${o.url}${o.note ? `; ${o.note}` : ""})`);
      else if (o.kind === "skipped") print.log(`Skipped ${o.url}: ${o.reason}`);
      else print.error(`Refused ${o.label}: ${o.reason}; nothing was written for it`);
    }
    const count = (kind: string) => outcomes.filter((o) => o.kind === kind).length;
    print.log(
      `${count("written")} written as drafts, ${count("skipped")} skipped, ${count("refused")} refused (${feed.items.length} items in the feed).`,
    );
    // A feed keeps a refused item for weeks; only --strict lets it fail every scheduled run.
    return strict && count("refused") > 0 ? 1 : 0;
  } catch (error) {
    if (!(error instanceof FeedError)) throw error;
    print.error(`Nothing was imported: ${error.message}`);
    return 1;
  }
}

export const main = command("import", importCommand);
await runIfEntry(import.meta, main);
