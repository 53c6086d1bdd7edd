// `npm run digest -- <number> [--lang code] [--output _site] [--open]`: where an edition's email files are, checked (size, links, images), ready for a mailing tool.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { absoluteUrl } from "../src/lib/deploy.ts";
import { loadSiteContext } from "../src/lib/site-context.ts";
import { command, parseCli, printers, runIfEntry, siteEnv, type CommandIo } from "./lib/cli.ts";

const USAGE = `Usage: npm run digest -- <number> [--lang code] [--output _site] [--pathprefix /sub/] [--open]
  --lang: the edition's language, when not the site's default (each language numbers its own).
  --pathprefix: as given to the build, if it was.
  Build first: npm run build (or npm run build:preview for a draft edition).`;

async function digest(argv: string[], io: CommandIo): Promise<number> {
  const print = printers(io);
  const parsed = parseCli(
    {
      output: { type: "string", default: "_site" },
      pathprefix: { type: "string" },
      lang: { type: "string" },
      open: { type: "boolean", default: false },
    },
    USAGE,
    argv,
    io,
  );
  if (parsed === "help") return 0;
  if (!parsed) return 1;
  const [raw, ...rest] = parsed.positionals;
  if (!raw || rest.length || !/^[1-9]\d*$/.test(raw)) {
    print.error(
      raw
        ? `expected an edition number such as 12, got ${JSON.stringify([raw, ...rest].join(" "))}\n${USAGE}`
        : USAGE,
    );
    return 1;
  }
  const ctx = loadSiteContext(siteEnv(io), { pathPrefix: parsed.values.pathprefix });
  const output = path.resolve(io.cwd, parsed.values.output!);
  const code = parsed.values.lang ?? ctx.languages.default.code;
  const language = ctx.languages.get(code);
  if (!language) {
    const codes = ctx.languages.list.map((l) => l.code);
    print.error(
      `--lang: expected one of ${codes.join(", ")} (the languages of content/_data/site.yml), got ${JSON.stringify(code)}\n${USAGE}`,
    );
    return 1;
  }
  const url = language.routes.edition(Number(raw));
  const folder = path.join(output, url);
  const htmlFile = path.join(folder, "email.html");
  const textFile = path.join(folder, "email.txt");
  if (!existsSync(htmlFile)) {
    print.error(
      `There is no edition ${raw} in ${path.relative(io.cwd, output) || "."}/ (no ${path.relative(io.cwd, htmlFile)}): run npm run build first, or npm run build:preview if it is a draft.`,
    );
    return 1;
  }
  // The email code (juice, turndown) loads only to check an edition: --help and usage errors answer at once.
  const [{ checkEmail }, { EMAIL_LIMIT_BYTES }] = await Promise.all([
    import("../src/lib/email-check.ts"),
    import("../src/lib/email.ts"),
  ]);
  const siteRoot = absoluteUrl(ctx.deploy, "/");
  const report = checkEmail(readFileSync(htmlFile, "utf8"), {
    siteRoot,
    output,
    unsubscribe: ctx.settings.newsletter.unsubscribe,
  });
  const shown = (file: string) => path.relative(io.cwd, file);
  print.log(`Edition ${raw}: ${absoluteUrl(ctx.deploy, url)}`);
  print.log(
    `  HTML: ${shown(htmlFile)} (${(report.bytes / 1024).toFixed(1)} KB of ${EMAIL_LIMIT_BYTES / 1024} KB)`,
  );
  print.log(`  Text: ${shown(textFile)}`);
  print.log(`  Links: ${report.links}, ${report.siteLinks} of them to this site's pages`);
  print.log(
    `  Unsubscribe link: ${ctx.settings.newsletter.unsubscribe} (your mailing tool fills it in)`,
  );
  if (report.problems.length) {
    print.error(
      `\n${report.problems.length} problem(s):\n${report.problems.map((p) => `  ${p}`).join("\n")}`,
    );
    return 1;
  }
  print.log(
    "All checked: paste or upload email.html (and email.txt as the plain-text part) in your mailing tool.",
  );
  if (parsed.values.open) {
    const opener =
      process.platform === "darwin"
        ? "open"
        : process.platform === "win32"
          ? "explorer"
          : "xdg-open";
    spawn(opener, [htmlFile], { stdio: "ignore", detached: true })
      .on("error", () =>
        print.error(`Could not open a browser (${opener}); open ${shown(htmlFile)} yourself.`),
      )
      .unref();
  }
  return 0;
}

export const main = command("digest", digest);
await runIfEntry(import.meta, main);
