import { DateTime, IANAZone } from "luxon";
import { remember } from "./cache.ts";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const HAS_OFFSET = /(Z|[+-]\d{2}(:?\d{2})?)$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/i;

export type ParsedTime =
  | { ok: true; value: DateTime; dateOnly: boolean }
  | { ok: false; expected: string };

/**
 * Reads a front-matter date or date-time in the site's zone. A time without an offset is a
 * wall-clock time there; one that falls in a skipped or repeated hour is refused.
 */
export function parseSiteTime(input: string, zone: string): ParsedTime {
  // Many items share a date, and each zone offset is asked of Intl, which is slow; DateTimes are immutable.
  const key = `${zone}\u0000${input}`;
  return remember(parsedTimes, key, () => parseUncached(input.trim(), quickOffsets(zone)));
}

const DAY_MS = 24 * 3600 * 1000;
const quickZones = new Set<string>();

/**
 * Lets luxon ask Intl for `zone`'s offset twice per UTC day instead of at every instant (the
 * slowest part of reading 10,000 dates): a day whose first and last moments share an offset has
 * that offset throughout, as no zone changes its clocks twice within a day and back. Every
 * DateTime in the zone (luxon keeps one IANAZone per name) gets the same offsets as before.
 */
export function quickOffsets(zone: string): string {
  if (quickZones.has(zone)) return zone;
  quickZones.add(zone);
  const tz = IANAZone.create(zone);
  if (!tz.isValid) return zone;
  const exact = tz.offset.bind(tz);
  // The offset of each day asked about, or NaN for a day on which the clocks change.
  const days = new Map<number, number>();
  (tz as { offset: (ts: number) => number }).offset = (ts) => {
    const day = Math.floor(ts / DAY_MS);
    let offset = days.get(day);
    if (offset === undefined) {
      const first = exact(day * DAY_MS);
      offset = first === exact((day + 1) * DAY_MS - 1) ? first : Number.NaN;
      days.set(day, offset);
    }
    return Number.isNaN(offset) ? exact(ts) : offset;
  };
  return zone;
}

const parsedTimes = new Map<string, ParsedTime>();

// startOf and endOf "day" in a named zone ask Intl for offsets, and many items share a day.
const dayEdges = new Map<string, DateTime>();
const dayKey = (at: DateTime) => `${at.zoneName}|${at.year}-${at.month}-${at.day}`;

/** The first moment of `at`'s day, in its zone. */
export function startOfDay(at: DateTime): DateTime {
  return remember(dayEdges, `start|${dayKey(at)}`, () => at.startOf("day"));
}

/** The last moment of `at`'s day, in its zone. */
export function endOfDay(at: DateTime): DateTime {
  return remember(dayEdges, `end|${dayKey(at)}`, () => at.endOf("day"));
}

// A date, or a date and time to the minute or second: the fields luxon's ISO parser would find.
const ISO_FIELDS = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** DateTime.fromISO(iso, { zone }), without luxon's general ISO parser for the common forms (the same fromObject it ends in). */
function fromIso(iso: string, zone: string): DateTime {
  const m = ISO_FIELDS.exec(iso);
  if (!m) return DateTime.fromISO(iso, { zone });
  const [year, month, day, hour = "0", minute = "0", second = "0"] = m.slice(1);
  return DateTime.fromObject(
    { year: +year!, month: +month!, day: +day!, hour: +hour, minute: +minute, second: +second },
    { zone },
  );
}

function parseUncached(text: string, zone: string): ParsedTime {
  if (DATE_ONLY.test(text)) {
    const value = fromIso(text, zone);
    return value.isValid
      ? { ok: true, value: value.startOf("day"), dateOnly: true }
      : { ok: false, expected: "a real date (YYYY-MM-DD)" };
  }
  if (!DATE_TIME.test(text)) {
    return {
      ok: false,
      expected: "a date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM)",
    };
  }
  const iso = text.replace(" ", "T");
  if (HAS_OFFSET.test(iso)) {
    const value = DateTime.fromISO(iso, { setZone: true });
    return value.isValid
      ? { ok: true, value: value.setZone(zone), dateOnly: false }
      : { ok: false, expected: "a real date-time" };
  }
  const wall = fromIso(iso, "utc");
  if (!wall.isValid) return { ok: false, expected: "a real date-time" };
  const instants = wallTimeInstants(wall.toMillis(), zone);
  if (instants.length === 0) {
    return {
      ok: false,
      expected: `a time that exists in ${zone} (clocks go forward then; add an offset such as +01:00)`,
    };
  }
  if (instants.length > 1) {
    return {
      ok: false,
      expected: `an unambiguous time (this hour happens twice in ${zone} when clocks go back; add an offset such as +01:00 or +00:00)`,
    };
  }
  return { ok: true, value: DateTime.fromMillis(instants[0]!, { zone }), dateOnly: false };
}

/** Every instant whose wall-clock reading in `zone` is `wallMs` (read as if UTC): 0, 1 or 2 of them. */
export function wallTimeInstants(wallMs: number, zone: string): number[] {
  const tz = IANAZone.create(zone);
  const day = 24 * 3600 * 1000;
  const offsets = new Set([tz.offset(wallMs - day), tz.offset(wallMs), tz.offset(wallMs + day)]);
  const found = new Set<number>();
  for (const offset of offsets) {
    const instant = wallMs - offset * 60_000;
    if (tz.offset(instant) === offset) found.add(instant);
  }
  return [...found].sort((a, b) => a - b);
}

/** The build's "now": BUILD_DATE (a date or ISO date-time in the site zone) or the clock. */
export function buildNow(zone: string, env: NodeJS.ProcessEnv = process.env): DateTime {
  const raw = env.BUILD_DATE?.trim();
  if (!raw) return DateTime.now().setZone(quickOffsets(zone));
  const parsed = parseSiteTime(raw, zone);
  if (!parsed.ok) throw new Error(`BUILD_DATE: expected ${parsed.expected}, got "${raw}"`);
  return parsed.value;
}
