import { mkdirSync } from "node:fs";
import path from "node:path";
import { findContentFiles, formatError, isSeekingFile, parseContentFile } from "./content.ts";
import { reservedBy, routes } from "./routes.ts";
import { PLACEHOLDER } from "./schema.ts";
import { ScaffoldError, slugOf, writeNewFile } from "./scaffold.ts";
import type { SiteContext } from "./site-context.ts";
import { parseSiteTime } from "./time.ts";

export interface GroupDraft {
  /** Absolute path of the file written. */
  file: string;
  /** The path shown to editors, e.g. content/groups/leeds-link.md. */
  shownFile: string;
  /** Where the group will be listed: its own page, or /groups/seeking/. */
  url: string;
  text: string;
}

const quote = (value: string) => JSON.stringify(value);

/**
 * A new group's file: what only the editor knows (kind, place, region, coordinates, contact) is
 * PLACEHOLDER (TO FILL IN), which `npm run check` refuses field by field, so no made-up contact or map marker publishes.
 */
export function groupSkeleton(
  fields: { name: string; date: string; seeking: boolean },
  settings: { kinds: string[]; regions: string[] },
): string {
  const where = fields.seeking
    ? [
        "# Its governorate (or camp), and its coordinates in decimal degrees (lat about 31.2 to 32.6).",
        `governorate: ${PLACEHOLDER}`,
        `lat: ${PLACEHOLDER}`,
        `lon: ${PLACEHOLDER}`,
      ]
    : [
        `# One of: ${settings.kinds.join(", ")}.`,
        `kind: ${PLACEHOLDER}`,
        "# The UK town or city, and its region, one of:",
        `# ${settings.regions.join(", ")}.`,
        `place: ${PLACEHOLDER}`,
        `region: ${PLACEHOLDER}`,
        "# Its coordinates in decimal degrees, from any map: lat (about 50 to 60) first, then lon.",
        `lat: ${PLACEHOLDER}`,
        `lon: ${PLACEHOLDER}`,
        "# active, dormant, or seeking-partner (a group still looking for a twin).",
        "status: active",
        "# since: 2015",
        "# formal: true (a council-to-council twinning)",
        "# The Palestinian partner, if there is one:",
        "# partner:",
        "#   place: Beit Sahour",
        "#   governorate: Bethlehem",
        "#   lat: 31.701",
        "#   lon: 35.226",
      ];
  return [
    "---",
    `name: ${quote(fields.name)}`,
    `date: ${fields.date}`,
    ...where,
    fields.seeking
      ? "# How a UK group responds: a web address (https://…) or an email (mailto:…)."
      : "# How to reach the group: its web address (https://…) or an email (mailto:…); never a personal phone number.",
    `contact: ${PLACEHOLDER}`,
    "tags: []",
    "# summary: One or two sentences shown in the directory.",
    "# Remove the next line when the entry is ready to publish.",
    "draft: true",
    "---",
    fields.seeking
      ? "<!-- Say who they are and what a partner would do; this comment is not published. -->"
      : "<!-- Say what the group does and how to join in; this comment is not published. -->",
    "",
  ].join("\n");
}

/** Writes a new group (or, with `seeking`, a community asking for a partner) for `npm run new -- group`. */
export function createGroup(
  ctx: SiteContext,
  request: { name: string; date?: string; seeking?: boolean },
): GroupDraft {
  const name = request.name.trim();
  if (!name) throw new ScaffoldError("expected the group's name in quotes, got nothing");
  const slug = slugOf(name, "name");
  const seeking = Boolean(request.seeking);
  const url = seeking ? `${routes.groupsSeeking}#${slug}` : routes.item("groups", slug);
  const taken = seeking ? null : reservedBy(url, "groups");
  if (taken)
    throw new ScaffoldError(
      `a group called "${slug}" would take the URL ${url}, where the site publishes ${taken}; choose another name`,
    );

  const date = request.date ?? ctx.now.toISODate()!;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !parseSiteTime(date, ctx.settings.timezone).ok)
    throw new ScaffoldError(`--date: expected a real date (YYYY-MM-DD), got ${quote(date)}`);

  const folder = path.join(ctx.contentDir, "groups", ...(seeking ? ["seeking"] : []));
  const file = path.join(folder, `${slug}.md`);
  const same = findContentFiles(ctx.contentDir).find(
    (f) =>
      f.section === "groups" &&
      path.basename(f.file, ".md") === slug &&
      isSeekingFile(ctx.contentDir, f.file) === seeking,
  );
  if (same) {
    const other = path.relative(path.dirname(ctx.contentDir), same.file).split(path.sep).join("/");
    throw new ScaffoldError(
      `${other} already exists${seeking ? "" : ` and would publish at ${url}`} (choose another name or edit that file)`,
    );
  }

  const text = groupSkeleton(
    { name, date, seeking },
    {
      kinds: Object.keys(ctx.settings.groups.kinds),
      regions: Object.keys(ctx.settings.groups.regions),
    },
  );
  // The placeholders are written on purpose; anything else check would refuse is refused now.
  const unexpected = parseContentFile(file, "groups", text, ctx).errors.filter(
    (e) => !e.placeholder,
  );
  if (unexpected.length) throw new ScaffoldError(unexpected.map(formatError).join("\n"));

  mkdirSync(folder, { recursive: true });
  writeNewFile(file, text);
  const shownFile = path.relative(path.dirname(ctx.contentDir), file).split(path.sep).join("/");
  return { file, shownFile, url, text };
}
