// Instants shown in the viewer's locale with the zone named, local date-times read in a zone other than the
// browser's own, and the IANA zones the browser knows (for suggestions).

export const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

let zones: string[] | null = null;
/** Every IANA zone this browser knows, UTC first. */
export function allZones(): string[] {
  if (!zones) {
    const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
    const known = typeof intl.supportedValuesOf === 'function' ? intl.supportedValuesOf('timeZone') : [];
    zones = [...new Set(['UTC', ...known])];
  }
  return zones;
}

/** Whether the browser knows a zone by this name (what a schedule or the preview may use). */
export function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.trim() !== '';
  } catch {
    return false;
  }
}

/**
 * Zones whose name contains what was typed, those with a part starting with it first, at most `limit`. Spaces and
 * underscores are ignored on both sides: 'new york', 'newyork' and 'new_york' all find America/New_York.
 */
export function zoneSuggestions(typed: string, limit = 50): string[] {
  const plain = (text: string) => text.toLowerCase().replace(/[\s_]+/g, '');
  const wanted = plain(typed);
  if (!wanted) return allZones().slice(0, limit);
  const matching = allZones().filter(zone => plain(zone).includes(wanted));
  const starts = (zone: string) => zone.split('/').some(part => plain(part).startsWith(wanted));
  return [...matching.filter(starts), ...matching.filter(zone => !starts(zone))].slice(0, limit);
}

/** An API instant ('2026-12-07T19:17:33.123456789Z') as a Date; nanoseconds cut to milliseconds. */
export function parseInstant(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const trimmed = iso.replace(/(\.\d{3})\d+/, '$1');
  const date = new Date(trimmed);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * An instant as the viewer reads it: 'Dec 7, 2026, 7:17 PM UTC' in their locale and zone (or the ones given), never
 * the raw ISO text.
 */
export function formatInstant(iso: string | null | undefined,
  options: { locale?: string; timeZone?: string; seconds?: boolean } = {}): string {
  const date = parseInstant(iso);
  if (!date) return iso ? String(iso) : '—';
  // A zone being typed may not be one yet: then the viewer's own.
  const timeZone = options.timeZone && isKnownZone(options.timeZone) ? options.timeZone : undefined;
  return new Intl.DateTimeFormat(options.locale, { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric',
    minute: '2-digit', second: options.seconds ? '2-digit' : undefined, timeZoneName: 'short',
    timeZone }).format(date);
}

function partsAt(zone: string, millis: number): Record<string, string> {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit',
    day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(millis));
  return Object.fromEntries(parts.map(p => [p.type, p.value]));
}

function offsetAt(zone: string, millis: number): number {
  const p = partsAt(zone, millis);
  return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour % 24, +p.minute, +p.second) - Math.floor(millis / 1000) * 1000;
}

/** '2026-12-24T12:00' read in zone → an ISO instant ('2026-12-24T17:00:00.000Z'); null for an empty or bad value. */
export function instantOf(local: string | null | undefined, zone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local || '');
  if (!match) return null;
  const [y, mo, d, hh, mm] = match.slice(1).map(Number);
  const guess = Date.UTC(y, mo - 1, d, hh, mm);
  const first = guess - offsetAt(zone, guess);
  return new Date(guess - offsetAt(zone, first)).toISOString();
}

/** Now (or an instant) as a local date-time in zone ('2026-12-01T09:30'). */
export function localDateTime(zone: string, millis: number = Date.now()): string {
  const p = partsAt(isKnownZone(zone) ? zone : 'UTC', millis);
  return `${p.year}-${p.month}-${p.day}T${String(Number(p.hour) % 24).padStart(2, '0')}:${p.minute}`;
}

/** The zone's offset at an instant as people write it: 'UTC−05:00', 'UTC+01:00', 'UTC'; '' for an unknown zone. */
export function offsetLabel(zone: string, millis: number = Date.now()): string {
  if (!isKnownZone(zone)) return '';
  const minutes = Math.round(offsetAt(zone, millis) / 60000);
  if (minutes === 0) return 'UTC';
  const sign = minutes < 0 ? '−' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** '2026-12-24' → 'Dec 24, 2026'. */
export function readableDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date || '');
  return match ? `${MONTHS[Number(match[2]) - 1]} ${Number(match[3])}, ${match[1]}` : String(date);
}

/**
 * A local date-time with or without an offset ('2026-12-24T17:00-05:00', as the timeline answers, or
 * '2026-12-24T17:00' as a schedule stores it) → 'Dec 24, 2026 17:00': the wall clock of the zone it was given in,
 * with the year.
 */
export function wallClock(local: string | null | undefined): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(local || '');
  return match ? `${readableDate(match[1])} ${match[2]}` : String(local);
}
