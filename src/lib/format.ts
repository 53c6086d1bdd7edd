import { DateTime } from "luxon";
import { remember } from "./cache.ts";
import { localDigits, type Language } from "./languages.ts";
import { formatWithTable } from "./strings.ts";

/** How dates are spelled: a locale for luxon (English), or a language with its own table of names and digits. */
export type DateLocale = string | Language;

/** A front-matter time as the schema returns it, or a bare DateTime. */
export type TimeLike = { at: DateTime; dateOnly: boolean } | DateTime;

const unwrap = (t: TimeLike): { at: DateTime; dateOnly: boolean } =>
  DateTime.isDateTime(t) ? { at: t, dateOnly: false } : t;

// Names of days and months come from Intl, the slow part of luxon: each day is spelled once per format and locale.
const spelled = new Map<string, string>();

/** `at` spelled with luxon's `format` tokens: by luxon in English, from the language's table otherwise. */
export function spell(at: DateTime, format: string, locale: DateLocale = "en-GB"): string {
  if (typeof locale === "string") return at.setLocale(locale).toFormat(format);
  if (locale.strings.code === "en") return at.setLocale(locale.tag).toFormat(format);
  return localDigits(formatWithTable(at, format, locale.strings), locale.digits);
}

/** A locale as a cache key: a language's table and digits too (two builds in one process may differ). */
export const localeKey = (locale: DateLocale) =>
  typeof locale === "string" ? locale : `${locale.code}#${locale.strings.id}|${locale.digits}`;

/** `at`'s calendar day spelled with `format` (luxon tokens of the day only, such as "cccc d MMMM yyyy"). */
export function formatDay(at: DateTime, format: string, locale: DateLocale = "en-GB"): string {
  const key = `${format}|${localeKey(locale)}|${at.year}-${at.month}-${at.day}`;
  return remember(spelled, key, () => spell(at, format, locale));
}

/** "20 April 2021", in the site zone. */
export function readableDate(t: TimeLike, locale: DateLocale = "en-GB"): string {
  return formatDay(unwrap(t).at, "d MMMM yyyy", locale);
}

/** "2021-04-20" for dates, full ISO 8601 with offset for date-times: for <time datetime>. */
export function isoDate(t: TimeLike): string {
  const { at, dateOnly } = unwrap(t);
  return dateOnly ? at.toISODate()! : at.toISO({ suppressMilliseconds: true })!;
}

export { normalisePrefix } from "./site-paths.ts";

/** JSON for a <script type="application/ld+json"> block: "<" escaped so no text can close it. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** Text made safe inside HTML or XML, in an element or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"]/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!,
  );
}
