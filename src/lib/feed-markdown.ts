import type TurndownService from "turndown";

type Node = TurndownService.Node;
const named = (node: globalThis.Node | null, ...names: string[]) =>
  Boolean(node && names.includes(node.nodeName));
const children = (node: globalThis.Node, ...names: string[]) =>
  Array.from(node.childNodes).filter((c) => named(c, ...names)) as HTMLElement[];

/** The rows of a table, not of tables nested in its cells (the DOM's `rows` includes those). */
function ownRows(table: HTMLElement): HTMLElement[] {
  return Array.from(table.childNodes).flatMap((child) =>
    named(child, "TR")
      ? [child as HTMLElement]
      : named(child, "THEAD", "TBODY", "TFOOT")
        ? children(child, "TR")
        : [],
  );
}

const inCell = (node: globalThis.Node) => {
  for (let up = node.parentNode; up; up = up.parentNode) if (named(up, "TD", "TH")) return true;
  return false;
};

/**
 * HTML tables as Markdown (GFM) tables: each cell on one line, pipes escaped, spanned columns
 * kept as empty cells; the first row is the header (Markdown tables need one). A table inside a
 * cell becomes its cells' text. The GFM plugins keep any table they cannot express as raw HTML, which
 * our Markdown (HTML off) would print as text.
 */
export function addTableRule(service: TurndownService): void {
  service.addRule("tables", {
    filter: "table",
    replacement: (content, node) => {
      const table = node as unknown as HTMLElement;
      if (inCell(table)) return ` ${content.replace(/\s+/g, " ").trim()} `;
      const rows = ownRows(table).map((tr) =>
        children(tr, "TD", "TH").flatMap((cell) => {
          const text = service
            .turndown(cell as unknown as Node)
            .replace(/\s*\n+\s*/g, " ")
            .replace(/\|/g, "\\|")
            .trim();
          const span = Math.min(Math.max(Number(cell.getAttribute("colspan")) || 1, 1), 50);
          return [text, ...Array<string>(span - 1).fill("")];
        }),
      );
      const width = Math.max(0, ...rows.map((r) => r.length));
      if (!width) return "";
      const line = (cells: string[]) =>
        `| ${[...cells, ...Array<string>(width - cells.length).fill("")].join(" | ")} |`;
      const caption = children(table, "CAPTION")[0];
      const title = caption ? service.turndown(caption as unknown as Node).trim() : "";
      const [head, ...body] = rows;
      const lines = [line(head!), line(Array<string>(width).fill("---")), ...body.map(line)];
      return `\n\n${title ? `${title}\n\n` : ""}${lines.join("\n")}\n\n`;
    },
  });
}

const VIDEO_HOSTS =
  /(^|\.)(youtube\.com|youtube-nocookie\.com|youtu\.be|vimeo\.com|dailymotion\.com|tiktok\.com|facebook\.com|rumble\.com|peertube\.[a-z.]+)$/;
const AUDIO_HOSTS =
  /(^|\.)(soundcloud\.com|spotify\.com|anchor\.fm|podbean\.com|buzzsprout\.com|acast\.com|mixcloud\.com|bandcamp\.com)$/;

/** A player's address as the page a reader can open: YouTube and Vimeo embeds point at their watch pages. */
export function watchUrl(src: string): string {
  const url = new URL(src);
  const host = url.hostname.replace(/^www\./, "");
  const youtube = /^(youtube\.com|youtube-nocookie\.com)$/.test(host)
    ? /^\/embed\/([\w-]+)/.exec(url.pathname)
    : null;
  if (youtube) return `https://www.youtube.com/watch?v=${youtube[1]}`;
  const vimeo = host === "player.vimeo.com" ? /^\/video\/(\d+)/.exec(url.pathname) : null;
  if (vimeo) return `https://vimeo.com/${vimeo[1]}`;
  return src;
}

/**
 * Embedded video, audio and frames as a link with their title ("[Video: Rally in Leeds](…)"), so a
 * reader can still reach what the feed embedded; the player itself never runs on our pages.
 */
export function addMediaRule(
  service: TurndownService,
  safeUrl: (raw: string | null) => string | null,
): void {
  service.addRule("embeddedMedia", {
    filter: ["iframe", "video", "audio"],
    replacement: (_content, node) => {
      const element = node as unknown as HTMLElement;
      const source = children(element, "SOURCE").find((s) => s.getAttribute("src"));
      const raw = element.getAttribute("src") ?? source?.getAttribute("src") ?? null;
      const src = safeUrl(raw);
      if (!src || !/^https?:/.test(src)) return "";
      const host = new URL(src).hostname.replace(/^www\./, "");
      const kind =
        element.nodeName === "VIDEO" || VIDEO_HOSTS.test(host)
          ? "Video"
          : element.nodeName === "AUDIO" || AUDIO_HOSTS.test(host)
            ? "Audio"
            : "Embedded page";
      const title = (element.getAttribute("title") ?? element.getAttribute("aria-label") ?? "")
        .replace(/[[\]\s]+/g, " ")
        .trim();
      return `\n\n[${kind}: ${service.escape(title || host)}](${watchUrl(src)})\n\n`;
    },
  });
}
