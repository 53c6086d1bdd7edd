// `npm run changed -- OLD_SITE NEW_SITE [--json | --markdown] [--base-url URL]`: pages added, removed, with changed content, and changed only in lists, between two builds.
import { command, parseCli, printers, runIfEntry, userPath, type CommandIo } from "./lib/cli.ts";
import { diffMarkdown, diffSites, diffText } from "../src/lib/site-diff.ts";

const USAGE =
  "Usage: npm run changed -- OLD_SITE NEW_SITE [--json | --markdown] [--base-url https://…/pr-7/]";

function changed(argv: string[], io: CommandIo): number {
  const print = printers(io);
  const parsed = parseCli(
    {
      json: { type: "boolean", default: false },
      markdown: { type: "boolean", default: false },
      "base-url": { type: "string" },
    },
    USAGE,
    argv,
    io,
  );
  if (parsed === "help") return 0;
  if (!parsed) return 1;
  const [oldSite, newSite, ...rest] = parsed.positionals;
  const { json, markdown } = parsed.values;
  const baseUrl = parsed.values["base-url"];
  if (!oldSite || !newSite || rest.length || (json && markdown)) {
    print.error(USAGE);
    return 1;
  }
  if (baseUrl && !URL.canParse(baseUrl)) {
    print.error(
      `--base-url: expected an absolute URL such as https://example.org/pr-7/, got ${JSON.stringify(baseUrl)}`,
    );
    return 1;
  }
  let diff: ReturnType<typeof diffSites>;
  try {
    diff = diffSites(userPath(io, oldSite), userPath(io, newSite));
  } catch (error) {
    print.error((error as Error).message);
    return 1;
  }
  print.log(
    json ? JSON.stringify(diff, null, 2) : markdown ? diffMarkdown(diff, baseUrl) : diffText(diff),
  );
  return 0;
}

export const main = command("changed", changed);
await runIfEntry(import.meta, main);
