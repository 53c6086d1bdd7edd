import { DateTime } from "luxon";

/** A front-matter time as the schema returns it, or a bare DateTime. */
export type TimeLike = { at: DateTime; dateOnly: boolean } | DateTime;

const unwrap = (t: TimeLike): { at: DateTime; dateOnly: boolean } =>
  DateTime.isDateTime(t) ? { at: t, dateOnly: false } : t;

/** "20 April 2021", in the site zone. */
export function readableDate(t: TimeLike, locale = "en-GB"): string {
  return unwrap(t).at.setLocale(locale).toFormat("d MMMM yyyy");
}

/** "2021-04-20" for dates, full ISO 8601 with offset for date-times: for <time datetime>. */
export function isoDate(t: TimeLike): string {
  const { at, dateOnly } = unwrap(t);
  return dateOnly ? at.toISODate()! : at.toISO({ suppressMilliseconds: true })!;
}

/** A path prefix as "/", or "/pr-7/": with a leading and a trailing slash, however it was given. */
export function normalisePrefix(pathPrefix = "/"): string {
  return pathPrefix.replace(/^\/?/, "/").replace(/\/?$/, "/");
}

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
