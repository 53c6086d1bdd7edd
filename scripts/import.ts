// `npm run import -- <feed file or URL> [--source "Name"] [--category slug] [--lang code] [--strict]`: one draft per new feed item.
import { parseCli, run } from "./lib/cli.ts";
import { FeedError, importFeed, parseFeedText, readFeedText } from "../src/lib/feed-import.ts";
import { loadSiteContext } from "../src/lib/site-context.ts";

const USAGE =
  'Usage: npm run import -- <feed file or https:// URL> [--source "Name"] [--category slug] [--lang code] [--strict]\n' +
  "--lang ar writes lang: ar into every draft (a feed in another of site.yml's languages).\n" +
  "Exits 0 when every item it could import was imported (refused items are listed with why); with --strict, a refused item makes it exit 1.";

/** IMPORT_TIMEOUT_SECONDS and IMPORT_MAX_MB override the defaults (30 seconds, 10 MB). */
function fetchLimits() {
  const number = (name: string) => {
    const raw = process.env[name]?.trim();
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

async function main(): Promise<number> {
  const parsed = parseCli(
    {
      source: { type: "string" },
      category: { type: "string" },
      lang: { type: "string" },
      strict: { type: "boolean" },
    },
    USAGE,
  );
  if (!parsed) return 1;
  const [location, ...rest] = parsed.positionals;
  if (!location || rest.length) {
    console.error(USAGE);
    return 1;
  }
  try {
    let ctx: ReturnType<typeof loadSiteContext>;
    try {
      ctx = loadSiteContext();
    } catch (error) {
      throw new FeedError((error as Error).message);
    }
    const limits = fetchLimits();
    const feed = parseFeedText(await readFeedText(location, limits), location);
    const { strict, ...options } = parsed.values;
    const outcomes = await importFeed(ctx, feed, { ...options, limits });
    for (const o of outcomes) {
      if (o.kind === "written")
        console.log(`Wrote ${o.file} (from ${o.url}${o.note ? `; ${o.note}` : ""})`);
      else if (o.kind === "skipped") console.log(`Skipped ${o.url}: ${o.reason}`);
      else console.error(`Refused ${o.label}: ${o.reason}; nothing was written for it`);
    }
    const count = (kind: string) => outcomes.filter((o) => o.kind === kind).length;
    console.log(
      `${count("written")} written as drafts, ${count("skipped")} skipped, ${count("refused")} refused (${feed.items.length} items in the feed).`,
    );
    // A feed keeps a refused item for weeks; only --strict lets it fail every scheduled run.
    return strict && count("refused") > 0 ? 1 : 0;
  } catch (error) {
    if (!(error instanceof FeedError)) throw error;
    console.error(`Nothing was imported: ${error.message}`);
    return 1;
  }
}

await run("import", main);
