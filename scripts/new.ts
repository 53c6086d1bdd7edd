// `npm run new -- <article|action|page> "Title" [--category slug] [--date YYYY-MM-DD] [--event] [--url URL] [--label text]`
import { parseCli, run } from "./lib/cli.ts";
import { absoluteUrl } from "../src/lib/deploy.ts";
import { createItem, KINDS, ScaffoldError, type Kind } from "../src/lib/scaffold.ts";
import { loadSiteContext } from "../src/lib/site-context.ts";

const USAGE = `Usage: npm run new -- <article|action|page> "Title" [--category slug] [--date YYYY-MM-DD] [--event] [--url https://…] [--label "Button text"]
  Actions need --url: the link people act on (petition, tickets, letter).`;

function main(): number {
  const parsed = parseCli(
    {
      category: { type: "string" },
      date: { type: "string" },
      event: { type: "boolean", default: false },
      url: { type: "string" },
      label: { type: "string" },
    },
    USAGE,
  );
  if (!parsed) return 1;
  const [kind, title, ...rest] = parsed.positionals;
  if (!kind || !(kind in KINDS) || title === undefined || rest.length > 0) {
    console.error(
      rest.length
        ? `Unexpected ${JSON.stringify(rest.join(" "))}: put the title in quotes.\n${USAGE}`
        : USAGE,
    );
    return 1;
  }
  let ctx;
  try {
    ctx = loadSiteContext();
  } catch (error) {
    console.error(`Nothing was written: ${(error as Error).message}`);
    return 1;
  }
  try {
    const result = createItem(ctx, { kind: kind as Kind, title, ...parsed.values });
    console.log(`Wrote ${result.shownFile}`);
    console.log(`URL: ${result.url} (${absoluteUrl(ctx.deploy, result.url)} once published)`);
    console.log("It is a draft: previews show it; remove `draft: true` to publish it.");
    return 0;
  } catch (error) {
    if (!(error instanceof ScaffoldError)) throw error;
    console.error(`Nothing was written: ${error.message}`);
    return 1;
  }
}

await run("new", main);
