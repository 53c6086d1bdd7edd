import { createRequire } from "node:module";
import type Juice from "juice";
import type TurndownService from "turndown";
import type { Item } from "./content.ts";
import type { EditionView } from "./editions.ts";
import { describeEvent, isEvent } from "./events.ts";
import { escapeHtml, readableDate, type DateLocale } from "./format.ts";
import { localDigits, type Language, type Languages } from "./languages.ts";
import type { SiteSettings } from "./settings.ts";

// juice (with cheerio) and turndown take a quarter of a second to load: required with the first email (the
// CommonJS builds an import would load), so a build without editions does not spend it. juice/client is juice
// without its inlining of linked files (web-resource-inliner), which inlining a string never uses.
const load = createRequire(import.meta.url);

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
  /** The site's languages: an edition's email is in its own. */
  languages: Languages;
}

/** How an edition's email speaks: its language's strings, dates and digits. */
interface Voice {
  language: Language;
  /** The default language's dates are spelled as they always were (luxon, the site's locale). */
  locale: DateLocale;
  say: (key: string, params?: Record<string, string | number>) => string;
  digits: (n: number) => string;
}

function voiceOf(item: Item, ctx: EmailContext): Voice {
  const language = ctx.languages.get(item.lang) ?? ctx.languages.default;
  const digits = (n: number) => localDigits(String(n), language.digits);
  return {
    language,
    locale: language.isDefault ? ctx.settings.language : language,
    digits,
    say: (key, params) =>
      language.strings.text(
        `digest.email.${key}`,
        params &&
          Object.fromEntries(
            Object.entries(params).map(([k, v]) => [k, typeof v === "number" ? digits(v) : v]),
          ),
      ),
  };
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
function kicker(item: Item, voice: Voice): string {
  const { locale, say } = voice;
  if (item.section === "actions") {
    if (item.closed && item.cta?.deadline)
      return say("closedOn", { date: readableDate(item.cta.deadline, locale) });
    if (item.cta?.deadline)
      return say("openUntil", { date: readableDate(item.cta.deadline, locale) });
    return say("action");
  }
  return `${readableDate(item.date, locale)}`;
}

function when(item: Item, voice: Voice): string | null {
  if (!isEvent(item)) return null;
  const ev = describeEvent(item, voice.locale);
  const start = ev.allDay
    ? ev.start.date
    : `${ev.start.date}${voice.language.strings.text("event.comma")}${ev.start.time}`;
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

/** The stylesheet for a right-to-left email: email clients know few logical properties, so left and right swap. */
const mirrored = (css: string) =>
  css
    .replace(/\b(left|right)\b/g, (side) => (side === "left" ? "right" : "left"))
    .replace("padding: 4px 0 4px 12px", "padding: 4px 12px 4px 0");

/** The edition as an email: one table 600 px wide (full width on phones), CSS inlined, every URL absolute, no script. */
export function renderEmailHtml(view: EditionView, ctx: EmailContext): string {
  const { settings, absolute } = ctx;
  const { edition } = view;
  const voice = voiceOf(edition, ctx);
  const { language, locale, say } = voice;
  const title = language.title;
  const home = language.routes.home;
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
    const eventLine = when(item, voice);
    const cta =
      item.section === "actions" && item.cta
        ? item.closed
          ? `<p class="closed">${escapeHtml(say("closed"))}</p>`
          : `<p><a class="button" href="${escapeHtml(item.cta.url)}">${escapeHtml(item.cta.label)}</a></p>`
        : "";
    return `<table role="presentation" class="${classes}" cellpadding="0" cellspacing="0"><tbody><tr><td>
<p class="kicker">${escapeHtml(kicker(item, voice))}</p>
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
      say("stillOpen"),
      say("stillOpenIntro"),
      view.openActions.map((i) => card(i)),
    ),
    block(
      say("comingUp"),
      say("comingUpIntro"),
      view.events.map((i) => card(i)),
    ),
  ].join("\n");
  const signup = settings.newsletter.signup;
  const html = `<!DOCTYPE html>
<html lang="${escapeHtml(language.tag)}" dir="${language.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<title>${escapeHtml(edition.title)} · ${escapeHtml(title)}</title>
<style>${language.dir === "rtl" ? mirrored(CSS) : CSS}</style>
</head>
<body>
<div class="preheader">${escapeHtml(edition.summary ?? "")}</div>
<table role="presentation" class="outer" cellpadding="0" cellspacing="0"><tbody><tr><td align="center">
<table role="presentation" class="container" cellpadding="0" cellspacing="0"><tbody>
<tr><td class="masthead">
<a class="brand" href="${escapeHtml(absolute(home))}">${escapeHtml(title)}</a>
<p class="meta">${escapeHtml(say("edition", { n: edition.number! }))} · ${escapeHtml(readableDate(edition.date, locale))} · <a href="${escapeHtml(pageUrl)}">${escapeHtml(say("viewInBrowser"))}</a></p>
</td></tr>
<tr><td class="pad">
<h1>${escapeHtml(edition.title)}</h1>
${edition.image ? `<p class="hero">${picture(edition, edition.image.alt)}</p>` : ""}
${ctx.bodyHtml(edition)}
${sections}
${more}
</td></tr>
<tr><td class="footer">
<p>${escapeHtml(say("signedUp", { title }))}${signup ? ` ${escapeHtml(say("forwarded"))} <a href="${escapeHtml(signup)}">${escapeHtml(say("signUp"))}</a>.` : ""}</p>
<p><a href="${escapeHtml(settings.newsletter.unsubscribe)}">${escapeHtml(say("unsubscribe"))}</a> · <a href="${escapeHtml(absolute(language.routes.digest))}">${escapeHtml(say("pastEditions"))}</a> · <a href="${escapeHtml(absolute(home))}">${escapeHtml(new URL(absolute("/")).host)}</a></p>
</td></tr>
</tbody></table>
</td></tr></tbody></table>
</body>
</html>
`;
  return (load("juice/client") as typeof Juice)(html, {
    preserveMediaQueries: true,
    removeStyleTags: true,
    applyWidthAttributes: true,
  });
}

let turndown: TurndownService | undefined;

/** The same edition as plain text, from the same data: titles, notes and absolute URLs, readable in any client. */
export function renderEmailText(view: EditionView, ctx: EmailContext): string {
  const { settings, absolute } = ctx;
  const { edition } = view;
  const voice = voiceOf(edition, ctx);
  const { language, locale, say } = voice;
  const lines: string[] = [
    `${language.title}: ${edition.title}`,
    `${say("edition", { n: edition.number! })} · ${readableDate(edition.date, locale)}`,
    `${say("viewInBrowser")}: ${absolute(edition.url as string)}`,
    "",
  ];
  turndown ??= new (load("turndown") as typeof TurndownService)({
    headingStyle: "atx",
    bulletListMarker: "-",
  });
  const intro = turndown.turndown(ctx.bodyHtml(edition)).trim();
  if (intro) lines.push(intro, "");
  const entry = (item: Item, note?: string) => {
    lines.push(`- ${item.title}`);
    const eventLine = when(item, voice);
    if (item.section === "actions") lines.push(`  ${kicker(item, voice)}`);
    if (eventLine) lines.push(`  ${eventLine}`);
    if (item.summary) lines.push(`  ${item.summary}`);
    if (note) lines.push(`  ${say("note")}: ${note}`);
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
    heading(say("stillOpen"));
    for (const item of view.openActions) entry(item);
  }
  if (view.events.length) {
    heading(say("comingUp"));
    for (const item of view.events) entry(item);
  }
  lines.push("--");
  if (settings.newsletter.signup) lines.push(`${say("signUp")}: ${settings.newsletter.signup}`);
  lines.push(
    `${say("unsubscribe")}: ${settings.newsletter.unsubscribe}`,
    `${say("pastEditions")}: ${absolute(language.routes.digest)}`,
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
  const { absolute } = ctx;
  const voice = voiceOf(view.edition, ctx);
  const { say } = voice;
  const entry = (item: Item, note?: string) => {
    const parts = [
      `<a href="${escapeHtml(absolute(item.url as string))}">${escapeHtml(item.title)}</a>`,
    ];
    if (item.section === "actions") parts.push(` (${escapeHtml(kicker(item, voice))})`);
    const eventLine = when(item, voice);
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
      say("stillOpen"),
      undefined,
      view.openActions.map((i) => entry(i)),
    ),
    list(
      say("comingUp"),
      undefined,
      view.events.map((i) => entry(i)),
    ),
  ].join("");
}
