/**
 * Start times for video embeds: what authors write (`2:12:30`, `12:30`, `90`) and what video
 * URLs carry (`t=7950`, `t=2h12m30s`, `#t=7950s`).
 */

const MAX_SECONDS = 100 * 3600;

function bounded(seconds: number): number | null {
  return Number.isSafeInteger(seconds) && seconds >= 0 && seconds < MAX_SECONDS ? seconds : null;
}

/**
 * Parses an author-written start time: `H:MM:SS`, `M:SS` or plain seconds (also `2h12m30s`).
 * Returns whole seconds, or null when the value is not a time.
 */
export function parseStartTime(value: string): number | null {
  const text = value.trim();
  if (/^\d+$/.test(text)) return bounded(Number(text));
  const clock = /^(?:(\d+):([0-5]\d)|(\d+)):([0-5]\d)$/.exec(text);
  if (clock !== null) {
    const [, hours, minutesAfterHours, minutesOnly, seconds] = clock;
    if (hours !== undefined && minutesAfterHours !== undefined) {
      return bounded(Number(hours) * 3600 + Number(minutesAfterHours) * 60 + Number(seconds));
    }
    return bounded(Number(minutesOnly) * 60 + Number(seconds));
  }
  return parseUnitTime(text);
}

/** `2h12m30s`, `12m`, `45s` (at least one part), or null. */
function parseUnitTime(text: string): number | null {
  const units = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/i.exec(text);
  if (units === null || text === '') return null;
  const [, hours = '0', minutes = '0', seconds = '0'] = units;
  return bounded(Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds));
}

/**
 * Parses a start time as found in a video URL (`t=`/`start=` query or `#t=` fragment):
 * seconds with or without `s`, `2h12m30s`, a media-fragment `npt:120` or range `120,200`.
 */
export function parseUrlTime(value: string): number | null {
  let text = value.trim().replace(/^npt:/i, '');
  const comma = text.indexOf(',');
  if (comma >= 0) text = text.slice(0, comma);
  if (/^\d+(?:\.\d+)?$/.test(text)) return bounded(Math.floor(Number(text)));
  return parseStartTime(text);
}

/** Formats seconds the way authors write them: `2:12:30`, `12:30`, `0:05`. */
export function formatTime(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}
