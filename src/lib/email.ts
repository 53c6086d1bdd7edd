import juice from "juice";
import TurndownService from "turndown";
import type { Item } from "./content.ts";
import type { EditionView } from "./editions.ts";
import { describeEvent, isEvent } from "./events.ts";
import { escapeHtml, readableDate } from "./format.ts";
import { routes } from "./routes.ts";
import type { SiteSettings } from "./settings.ts";

/** Gmail clips a message over 102 KB; what the build allows leaves room for the mailing tool's own additions. */
export const EMAIL_LIMIT_BYTES = 90 * 1024;

export interface EmailContext {
  settings: SiteSettings;
  /** A site-relative URL made absolute (site address and path prefix). */
  absolute: (url: string) => string;
  /** The item's body as HTML with absolute links and sized images. */
  bodyHtml: (item: Item) => string;
  /** The item's picture at its largest, absolute, or null when it has none. */
  image: (item: Item) => { url: string; width: number; height: number } | null;
}

/** "rtl" for Arabic, Hebrew, Persian, Urdu…: https://developer.mozilla.org/docs/Web/JavaScript/Reference/Global_Objects/Intl/Locale/getTextInfo */
export function textDirection(language: string): "ltr" | "rtl" {
  try {
    const locale = new Intl.Locale(language) as Intl.Locale & {
      textInfo?: { direction?: string };
      getTextInfo?: () => { direction?: string };
    };
    const info = locale.getTextInfo?.() ?? locale.textInfo;
    return info?.direction === "rtl" ? "rtl" : "ltr";
  } catch {
    return "ltr";
  }
}

/** What a card says above its title: the kind of item, and an action's state. */
function kicker(item: Item, locale: string): string {
  if (item.section === "actions") {
    if (item.closed && item.cta?.deadline)
      return `Action · closed on ${readableDate(item.cta.deadline, locale)}`;
    if (item.cta?.deadline) return `Action · open until ${readableDate(item.cta.deadline, locale)}`;
    return "Action";
  }
  return `${readableDate(item.date, locale)}`;
}

function when(item: Item, locale: string): string | null {
  if (!isEvent(item)) return null;
  const ev = describeEvent(item, locale);
  const start = ev.allDay ? ev.start.date : `${ev.start.date}, ${ev.start.time}`;
  return `${start} · ${ev.location}`;
}

const CSS = `
body { margin: 0; padding: 0; background: #f2f2ef; color: #1a1a1a; font-family: Helvetica, Arial, sans-serif; font-size: 16px; line-height: 1.5; }
.outer { width: 100%; background: #f2f2ef; }
.container { width: 600px; max-width: 600px; background: #ffffff; }
.pad { padding: 16px 24px; }
.masthead { padding: 20px 24px 8px; border-bottom: 4px solid #b3261e; }
.brand { color: #1a1a1a; text-decoration: none; font-weight: bold; font-size: 20px; }
.meta { color: #555555; font-size: 14px; margin: 4px 0 0; }
.meta a { color: #555555; }
h1 { font-size: 26px; line-height: 1.25; margin: 16px 0 8px; }
h2 { font-size: 20px; line-height: 1.3; margin: 24px 0 4px; border-top: 1px solid #dddddd; padding-top: 16px; }
h3 { font-size: 17px; line-height: 1.3; margin: 0 0 4px; }
a { color: #b3261e; }
h3 a { color: #1a1a1a; }
p { margin: 0 0 12px; }
img { max-width: 100%; height: auto; border: 0; }
.hero img { display: block; width: 100%; }
.card { width: 100%; margin: 12px 0; border-left: 4px solid #dddddd; }
.card td { padding: 4px 0 4px 12px; }
.card--action { border-left-color: #b3261e; }
.card--closed { border-left-color: #888888; }
.kicker { color: #555555; font-size: 13px; margin: 0 0 2px; text-transform: uppercase; letter-spacing: 0.03em; }
.summary { margin: 0 0 6px; }
.note { margin: 0 0 6px; font-style: italic; color: #333333; }
.button { display: inline-block; background: #b3261e; color: #ffffff; padding: 8px 14px; border-radius: 4px; text-decoration: none; font-weight: bold; }
.closed { color: #555555; font-weight: bold; }
.footer { padding: 16px 24px 24px; color: #555555; font-size: 13px; border-top: 1px solid #dddddd; }
.footer a { color: #555555; }
.preheader { display: none; max-height: 0; overflow: hidden; mso-hide: all; font-size: 1px; line-height: 1px; color: #f2f2ef; opacity: 0; }
@media only screen and (max-width: 620px) {
  .container { width: 100% !important; }
  .pad, .masthead, .footer { padding-left: 16px !important; padding-right: 16px !important; }
  h1 { font-size: 22px !important; }
}
@media (prefers-color-scheme: dark) {
  body, .outer { background: #121212 !important; color: #eeeeee !important; }
  .container { background: #1e1e1e !important; }
  .brand, h1, h2, h3 a, .note { color: #eeeeee !important; }
  .meta, .meta a, .kicker, .footer, .footer a, .closed { color: #bbbbbb !important; }
  a { color: #ff8a80 !important; }
  .button { background: #ff8a80 !important; color: #121212 !important; }
}
`;

/** The edition as an email: one table 600 px wide (full width on phones), CSS inlined, every URL absolute, no script. */
export function renderEmailHtml(view: EditionView, ctx: EmailContext): string {
  const { settings, absolute } = ctx;
  const { edition } = view;
  const locale = settings.language;
  const pageUrl = absolute(edition.url as string);
  const picture = (item: Item, alt: string) => {
    const image = ctx.image(item);
    if (!image) return "";
    const height = Math.round((image.height * 552) / image.width);
    return `<img src="${escapeHtml(image.url)}" alt="${escapeHtml(alt)}" width="552" height="${height}">`;
  };
  const card = (item: Item, note?: string) => {
    const url = absolute(item.url as string);
    const classes = `card card--${item.section === "actions" ? "action" : "article"}${item.closed ? " card--closed" : ""}`;
    const eventLine = when(item, locale);
    const cta =
      item.section === "actions" && item.cta
        ? item.closed
          ? `<p class="closed">Closed: this action has ended.</p>`
          : `<p><a class="button" href="${escapeHtml(item.cta.url)}">${escapeHtml(item.cta.label)}</a></p>`
        : "";
    return `<table role="presentation" class="${classes}" cellpadding="0" cellspacing="0"><tbody><tr><td>
<p class="kicker">${escapeHtml(kicker(item, locale))}</p>
<h3><a href="${escapeHtml(url)}">${escapeHtml(item.title)}</a></h3>
${eventLine ? `<p class="summary">${escapeHtml(eventLine)}</p>` : ""}${item.summary ? `<p class="summary">${escapeHtml(item.summary)}</p>` : ""}${note ? `<p class="note">${escapeHtml(note)}</p>` : ""}${cta}
</td></tr></tbody></table>`;
  };
  const block = (heading: string, intro: string | undefined, cards: string[]) =>
    cards.length
      ? `<h2>${escapeHtml(heading)}</h2>${intro ? `<p>${escapeHtml(intro)}</p>` : ""}${cards.join("\n")}`
      : "";
  const sections = view.sections
    .map((s) =>
      block(
        s.heading,
        s.intro,
        s.entries.map((e) => card(e.item, e.note)),
      ),
    )
    .join("\n");
  const more = [
    block(
      "Still open",
      "Calls to action still open when this edition went out.",
      view.openActions.map((i) => card(i)),
    ),
    block(
      "Coming up",
      "Events in the weeks after this edition.",
      view.events.map((i) => card(i)),
    ),
  ].join("\n");
  const signup = settings.newsletter.signup;
  const html = `<!DOCTYPE html>
<html lang="${escapeHtml(locale)}" dir="${textDirection(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<title>${escapeHtml(edition.title)} · ${escapeHtml(settings.title)}</title>
<style>${CSS}</style>
</head>
<body>
<div class="preheader">${escapeHtml(edition.summary ?? "")}</div>
<table role="presentation" class="outer" cellpadding="0" cellspacing="0"><tbody><tr><td align="center">
<table role="presentation" class="container" cellpadding="0" cellspacing="0"><tbody>
<tr><td class="masthead">
<a class="brand" href="${escapeHtml(absolute("/"))}">${escapeHtml(settings.title)}</a>
<p class="meta">Edition ${edition.number} · ${escapeHtml(readableDate(edition.date, locale))} · <a href="${escapeHtml(pageUrl)}">View in your browser</a></p>
</td></tr>
<tr><td class="pad">
<h1>${escapeHtml(edition.title)}</h1>
${edition.image ? `<p class="hero">${picture(edition, edition.image.alt)}</p>` : ""}
${ctx.bodyHtml(edition)}
${sections}
${more}
</td></tr>
<tr><td class="footer">
<p>You get this email because you signed up to ${escapeHtml(settings.title)}.${signup ? ` Forwarded to you? <a href="${escapeHtml(signup)}">Sign up</a>.` : ""}</p>
<p><a href="${escapeHtml(settings.newsletter.unsubscribe)}">Unsubscribe</a> · <a href="${escapeHtml(absolute(routes.digest))}">Past editions</a> · <a href="${escapeHtml(absolute("/"))}">${escapeHtml(new URL(absolute("/")).host)}</a></p>
</td></tr>
</tbody></table>
</td></tr></tbody></table>
</body>
</html>
`;
  return juice(html, {
    preserveMediaQueries: true,
    removeStyleTags: true,
    applyWidthAttributes: true,
  });
}

const turndown = new TurndownService({ headingStyle: "atx", bulletListMarker: "-" });

/** The same edition as plain text, from the same data: titles, notes and absolute URLs, readable in any client. */
export function renderEmailText(view: EditionView, ctx: EmailContext): string {
  const { settings, absolute } = ctx;
  const { edition } = view;
  const locale = settings.language;
  const lines: string[] = [
    `${settings.title}: ${edition.title}`,
    `Edition ${edition.number} · ${readableDate(edition.date, locale)}`,
    `View in your browser: ${absolute(edition.url as string)}`,
    "",
  ];
  const intro = turndown.turndown(ctx.bodyHtml(edition)).trim();
  if (intro) lines.push(intro, "");
  const entry = (item: Item, note?: string) => {
    lines.push(`- ${item.title}`);
    const eventLine = when(item, locale);
    if (item.section === "actions") lines.push(`  ${kicker(item, locale)}`);
    if (eventLine) lines.push(`  ${eventLine}`);
    if (item.summary) lines.push(`  ${item.summary}`);
    if (note) lines.push(`  Note: ${note}`);
    if (item.section === "actions" && item.cta && !item.closed)
      lines.push(`  ${item.cta.label}: ${item.cta.url}`);
    lines.push(`  ${absolute(item.url as string)}`, "");
  };
  const heading = (text: string) => lines.push(text.toUpperCase(), "=".repeat(text.length), "");
  for (const section of view.sections) {
    if (!section.entries.length) continue;
    heading(section.heading);
    if (section.intro) lines.push(section.intro, "");
    for (const e of section.entries) entry(e.item, e.note);
  }
  if (view.openActions.length) {
    heading("Still open");
    for (const item of view.openActions) entry(item);
  }
  if (view.events.length) {
    heading("Coming up");
    for (const item of view.events) entry(item);
  }
  lines.push("--");
  if (settings.newsletter.signup) lines.push(`Sign up: ${settings.newsletter.signup}`);
  lines.push(
    `Unsubscribe: ${settings.newsletter.unsubscribe}`,
    `Past editions: ${absolute(routes.digest)}`,
    "",
  );
  return lines.join("\n");
}

/** The email's size in bytes, and the refusal when it is over the limit. */
export function emailSizeError(html: string): string | null {
  const bytes = Buffer.byteLength(html, "utf8");
  if (bytes <= EMAIL_LIMIT_BYTES) return null;
  return `expected email.html of at most ${EMAIL_LIMIT_BYTES / 1024} KB (Gmail clips at 102 KB), got ${(bytes / 1024).toFixed(1)} KB: take out items or shorten notes and the introduction`;
}

/** The edition as feeds carry it (whole content, plain HTML that feed readers and mailing tools restyle). */
export function renderEditionFeedHtml(view: EditionView, ctx: EmailContext): string {
  const { absolute, settings } = ctx;
  const locale = settings.language;
  const entry = (item: Item, note?: string) => {
    const parts = [
      `<a href="${escapeHtml(absolute(item.url as string))}">${escapeHtml(item.title)}</a>`,
    ];
    if (item.section === "actions") parts.push(` (${escapeHtml(kicker(item, locale))})`);
    const eventLine = when(item, locale);
    if (eventLine) parts.push(`<br>${escapeHtml(eventLine)}`);
    if (item.summary) parts.push(`<br>${escapeHtml(item.summary)}`);
    if (note) parts.push(`<br><em>${escapeHtml(note)}</em>`);
    return `<li>${parts.join("")}</li>`;
  };
  const list = (heading: string, intro: string | undefined, items: string[]) =>
    items.length
      ? `<h2>${escapeHtml(heading)}</h2>\n${intro ? `<p>${escapeHtml(intro)}</p>\n` : ""}<ul>\n${items.join("\n")}\n</ul>\n`
      : "";
  return [
    ctx.bodyHtml(view.edition),
    ...view.sections.map((s) =>
      list(
        s.heading,
        s.intro,
        s.entries.map((e) => entry(e.item, e.note)),
      ),
    ),
    list(
      "Still open",
      undefined,
      view.openActions.map((i) => entry(i)),
    ),
    list(
      "Coming up",
      undefined,
      view.events.map((i) => entry(i)),
    ),
  ].join("");
}
