// Shared calendars in words: what each entry's rule says, a fresh entry of each kind, and the computed dates grouped
// by year for the year view.

export type EntryKind = 'fixed' | 'yearly' | 'nthWeekday' | 'easter';
export type Observed = 'none' | 'nearestWeekday' | 'sundayToMonday' | 'nextMonday';

export interface CalendarEntry {
  name: string;
  kind: EntryKind;
  date?: string;
  month?: number;
  day?: number;
  weekday?: string;
  nth?: number;
  offset?: number;
  computus?: 'western' | 'orthodox';
  start?: string;
  end?: string;
  observed?: Observed;
}

export interface Calendar {
  id?: string;
  description?: string;
  entries: CalendarEntry[];
  version?: number;
  updatedAt?: string;
  updatedBy?: string;
  usedBy?: string[];
  usedByOthers?: number;
}

export interface CalendarDate {
  date: string;
  entry: string;
  dayOfWeek?: string;
  start?: string;
  end?: string;
  observedFor?: string;
}

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];
export const WEEKDAYS: Record<string, string> = { MON: 'Monday', TUE: 'Tuesday', WED: 'Wednesday', THU: 'Thursday',
  FRI: 'Friday', SAT: 'Saturday', SUN: 'Sunday' };
export const ENTRY_KINDS: Record<EntryKind, string> = {
  fixed: 'One date',
  yearly: 'Every year on a date',
  nthWeekday: 'Every year on a weekday of a month',
  easter: 'Every year, days from Easter',
};
export const OBSERVED: Record<Observed, string> = {
  none: 'Not moved',
  nearestWeekday: 'Saturday observed Friday, Sunday observed Monday',
  sundayToMonday: 'Sunday observed Monday',
  nextMonday: 'Saturday or Sunday observed Monday',
};
const ORDINALS: Record<number, string> = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', 5: 'fifth', [-1]: 'last' };

/** The fields of the calendar's own entries, as the API names them ('entries[2].nth'). */
export const ENTRY_FIELDS = ['name', 'kind', 'date', 'month', 'day', 'weekday', 'nth', 'offset', 'computus', 'start',
  'end', 'observed'] as const;

/** A fresh entry of a kind, keeping the name and the time range and observed rule already chosen. */
export function entryOfKind(kind: EntryKind, from: Partial<CalendarEntry> = {}, today = '2026-01-01'): CalendarEntry {
  const entry: CalendarEntry = { name: from.name ?? '', kind };
  if (kind === 'fixed') entry.date = today;
  if (kind === 'yearly') Object.assign(entry, { month: 12, day: 25 });
  if (kind === 'nthWeekday') Object.assign(entry, { month: 11, weekday: 'THU', nth: 4 });
  if (kind === 'easter') Object.assign(entry, { offset: 0 });
  if (from.start) entry.start = from.start;
  if (from.end) entry.end = from.end;
  if (from.observed && from.observed !== 'none' && kind !== 'easter') entry.observed = from.observed;
  return entry;
}

function dayOffset(offset: number): string {
  if (offset === 0) return 'Easter Sunday';
  const days = Math.abs(offset) === 1 ? '1 day' : `${Math.abs(offset)} days`;
  return `${days} ${offset < 0 ? 'before' : 'after'} Easter Sunday`;
}

/** One entry's rule in words: 'The fourth Thursday of November', 'December 25 every year, Sunday observed Monday'. */
export function describeEntry(entry: CalendarEntry): string {
  let rule: string;
  switch (entry.kind) {
    case 'fixed':
      rule = `On ${entry.date || '?'}`;
      break;
    case 'yearly':
      rule = `${MONTHS[(entry.month ?? 0) - 1] ?? '?'} ${entry.day ?? '?'} every year`;
      break;
    case 'nthWeekday':
      rule = `The ${ORDINALS[entry.nth ?? 0] ?? '?'} ${WEEKDAYS[entry.weekday ?? ''] ?? '?'} of `
        + `${MONTHS[(entry.month ?? 0) - 1] ?? '?'} every year`;
      break;
    case 'easter':
      rule = `${dayOffset(entry.offset ?? 0)} every year`
        + (entry.computus === 'orthodox' ? ' (Orthodox Easter)' : ' (Western Easter)');
      break;
    default:
      rule = 'An unknown rule';
  }
  const hours = entry.start && entry.end ? `, ${entry.start} to ${entry.end}` : ', all day';
  const observed = entry.observed && entry.observed !== 'none' ? `; ${OBSERVED[entry.observed]}` : '';
  return rule + hours + observed;
}

/** The computed dates grouped by year, each year's in date order. */
export function datesByYear(dates: CalendarDate[]): { year: string; dates: CalendarDate[] }[] {
  const years = new Map<string, CalendarDate[]>();
  for (const date of [...dates].sort((a, b) => a.date.localeCompare(b.date) || a.entry.localeCompare(b.entry))) {
    const year = date.date.slice(0, 4);
    years.set(year, [...(years.get(year) ?? []), date]);
  }
  return [...years.entries()].map(([year, list]) => ({ year, dates: list }));
}

/** The period of the year view: January 1 this year to December 31 two years on. */
export function yearViewPeriod(today: string): { from: string; to: string } {
  const year = Number(today.slice(0, 4));
  return { from: `${year}-01-01`, to: `${year + 2}-12-31` };
}

/** What the calendar page sends: the calendar without what the API answers but does not read. */
export function calendarBody(calendar: Calendar): Calendar {
  const body: Calendar = { entries: calendar.entries };
  if (calendar.description) body.description = calendar.description;
  return body;
}
