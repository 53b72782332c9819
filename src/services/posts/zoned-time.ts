/**
 * Wall-clock times in a person's time zone ↔ instants (UTC), for the publish-at field.
 *
 * Node 20 has no `Temporal`, so the conversion asks `Intl.DateTimeFormat` (the ICU time-zone
 * database, never a table of our own) what the wall clock reads at an instant, and derives the
 * zone's offset from that. A wall time that happens twice (the hour repeated when summer time
 * ends) is the earlier instant; one that never happens (the hour skipped when it begins) is
 * moved forward by the gap — `Temporal`'s "compatible" disambiguation, as calendars do.
 */

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const DAY_MS = 86_400_000;

const partFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormats.set(timeZone, format);
  }
  return format;
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    partsFormat(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone to use for a person: theirs when valid, else UTC. */
export function effectiveTimeZone(timeZone: string | null | undefined): string {
  return timeZone && isKnownTimeZone(timeZone) ? timeZone : 'UTC';
}

/** The wall clock in `timeZone` at instant `ms`, as if it were a UTC instant (ms). */
function wallClock(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of partsFormat(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
}

/** The zone's offset from UTC at instant `ms`, in ms (east positive). */
function offsetAt(ms: number, timeZone: string): number {
  return wallClock(ms, timeZone) - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant at which the wall clock in `timeZone` reads `local` (`YYYY-MM-DDTHH:mm`, as a
 * `datetime-local` input sends it, seconds optional). Returns null for text that is not such
 * a time or an unknown zone.
 */
export function zonedToInstant(local: string, timeZone: string): Date | null {
  const m = LOCAL_PATTERN.exec(local.trim());
  if (!m || !isKnownTimeZone(timeZone)) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59)
    return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null; // 31 April
  // The offsets in force a day either side bracket any transition near this wall time.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const candidates = [...new Set([wall - before, wall - after])]
    .filter((ms) => wallClock(ms, timeZone) === wall)
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first !== undefined) return new Date(first); // the earlier of a repeated hour
  // Skipped by a transition: read with the offset before it, i.e. moved forward by the gap.
  return new Date(wall - before);
}

/** The wall clock in `timeZone` at `instant`, as a `datetime-local` value (`YYYY-MM-DDTHH:mm`). */
export function instantToZoned(instant: Date | string, timeZone: string): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(wallClock(ms, effectiveTimeZone(timeZone))).toISOString().slice(0, 16);
}

const labelFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant for people: date and time in the interface language `lang`, in `timeZone`, with
 * the zone's short name ("29 Mar 2027, 03:30 CEST"); callers add the IANA name when useful.
 */
export function formatZoned(instant: Date | string, lang: string, timeZone: string): string {
  const zone = effectiveTimeZone(timeZone);
  const key = `${lang}\u0000${zone}`;
  let format = labelFormats.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(lang, {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: zone,
      });
    } catch {
      format = new Intl.DateTimeFormat('en', {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: zone,
      });
    }
    labelFormats.set(key, format);
  }
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const name =
    new Intl.DateTimeFormat(lang, { timeZone: zone, timeZoneName: 'short' })
      .formatToParts(date)
      .find((p) => p.type === 'timeZoneName')?.value ?? zone;
  return `${format.format(date)} ${name}`;
}
