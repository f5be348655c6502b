import type { CalendarWhen, DateEntry, DatesWhen, Schedule, ScheduleSet, When, WeeklyWhen, WindowWhen } from './model';
import { readableDate, wallClock } from './time';

// Schedules in words: when each is active (the four kinds), in which zone, and what it sets.

export type ScheduleKind = 'dates' | 'weekly' | 'window' | 'calendar';

export const DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
export const DAY_NAMES: Record<string, string> = { MON: 'Monday', TUE: 'Tuesday', WED: 'Wednesday',
  THU: 'Thursday', FRI: 'Friday', SAT: 'Saturday', SUN: 'Sunday' };
export const KIND_LABELS: Record<ScheduleKind, string> = {
  dates: 'On dates, all day or between two times',
  weekly: 'Every week, on days between two times',
  window: 'In a window, from a date and time to another',
  calendar: 'On a calendar',
};
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function kindOf(when: When | null | undefined): ScheduleKind {
  if (when && 'dates' in when) return 'dates';
  if (when && 'days' in when) return 'weekly';
  if (when && 'calendar' in when) return 'calendar';
  return 'window';
}

export function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** A fresh 'when' of a kind, starting from today (a date in the schedule's zone). */
export function newWhen(kind: ScheduleKind, today: string): When {
  if (kind === 'weekly') return { days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], start: '18:00', end: '08:00' };
  if (kind === 'dates') return { dates: [] };
  if (kind === 'calendar') return { calendar: '' };
  return { from: `${today}T17:00`, to: `${nextDay(today)}T08:00` };
}

/** A weekly range that ends at or before it starts runs into the next day. */
export const crossesMidnight = (when: Partial<WeeklyWhen>): boolean =>
  Boolean(when.start && when.end && when.end <= when.start);

const list = (items: string[]): string => items.length <= 1 ? items.join('')
  : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

/** Ticked days as people say them: 'Monday to Friday', 'Saturday and Sunday', 'every day'. */
export function describeDays(days: string[]): string {
  const ticked = DAYS.filter(day => days.map(d => String(d).toUpperCase().slice(0, 3)).includes(day));
  if (ticked.length === 7) return 'every day';
  if (ticked.length === 0) return 'no day';
  const indexes = ticked.map(day => DAYS.indexOf(day));
  const consecutive = indexes.every((n, k) => k === 0 || n === indexes[k - 1] + 1);
  if (consecutive && ticked.length >= 3) return `${DAY_NAMES[ticked[0]]} to ${DAY_NAMES[ticked[ticked.length - 1]]}`;
  return list(ticked.map(day => DAY_NAMES[day]));
}

function describeDate(entry: DateEntry): string {
  if (typeof entry === 'string') return readableDate(entry);
  const range = entry.start || entry.end ? ` ${entry.start || '00:00'}–${entry.end || '24:00'}` : '';
  return readableDate(entry.date) + range;
}

/** One sentence: when a schedule is active, in its zone ('Every Monday to Friday, 18:00 to 08:00 the next day (UTC)'). */
export function describeWhen(when: When, zone: string): string {
  const kind = kindOf(when);
  let sentence: string;
  if (kind === 'window') {
    const window = when as WindowWhen;
    sentence = `From ${window.from ? wallClock(window.from) : '?'} ` + (window.to ? `to ${wallClock(window.to)}` : 'with no end');
  } else if (kind === 'weekly') {
    const weekly = when as WeeklyWhen;
    const days = describeDays(weekly.days || []);
    sentence = `Every ${days === 'every day' ? 'day' : days}, ${weekly.start || '?'} to ${weekly.end || '?'}`
      + (crossesMidnight(weekly) ? ' the next day' : '') + describeSeason(weekly);
  } else if (kind === 'calendar') {
    const calendar = when as CalendarWhen;
    const entries = calendar.entries || [];
    sentence = !calendar.calendar ? 'On a calendar not chosen yet'
      : entries.length ? `On ${list(entries)} of calendar ${calendar.calendar}`
        : `On every day of calendar ${calendar.calendar}`;
  } else {
    const dates = (when as DatesWhen).dates || [];
    sentence = dates.length ? `On ${list(dates.map(describeDate))}` : 'On no date yet';
  }
  return `${sentence} (${zone || 'UTC'})`;
}

/** '06-01' as people say it: 'June 1'. */
export function monthDay(value: string): string {
  const match = /^(\d{2})-(\d{2})$/.exec(value || '');
  const month = match ? MONTH_NAMES[Number(match[1]) - 1] : undefined;
  return month ? `${month} ${Number(match![2])}` : value || '?';
}

/** A weekly schedule's season and years, as the end of its sentence: ', from June 1 to August 31, in 2027'. */
export function describeSeason(weekly: Partial<WeeklyWhen>): string {
  const season = weekly.season ? `, from ${monthDay(weekly.season.from)} to ${monthDay(weekly.season.to)}`
    + (weekly.season.to < weekly.season.from ? ' (over New Year)' : '') : '';
  const years = weekly.years?.length ? `, in ${list(weekly.years.map(String))} only` : '';
  return season + years;
}

/** Years typed in one field ('2026, 2027'): the years, or null when something typed is not a year. */
export function parseYears(typed: string): number[] | null {
  const parts = typed.split(/[\s,;]+/).filter(Boolean);
  if (parts.some(part => !/^\d{4}$/.test(part))) return null;
  return [...new Set(parts.map(Number))].sort((a, b) => a - b);
}

/** What a schedule sets, in words: 'closed = true; the Greeting prompt in en-US'. */
export function describeSet(set: ScheduleSet | undefined): string {
  const variables = Object.entries(set?.variables || {}).map(([name, value]) => `${name} = ${value}`);
  const prompts = Object.entries(set?.prompts || {}).flatMap(([name, languages]) =>
    Object.keys(languages).map(language => `the ${name} prompt in ${language}`));
  return [...variables, ...prompts].join('; ') || 'nothing';
}

/** A schedule's zone: its own, else the config's, else UTC. */
export const zoneOf = (schedule: Schedule, configZone: string | undefined): string =>
  schedule.timeZone || configZone || 'UTC';

/** Dates typed in one field ('2026-12-24, 2026-12-25'): the good ones and what is not a date. */
export function parseDates(typed: string): { dates: string[]; wrong: string[] } {
  const parts = typed.split(/[\s,;]+/).filter(Boolean);
  return { dates: parts.filter(d => DATE.test(d) && !Number.isNaN(Date.parse(d))),
    wrong: parts.filter(d => !DATE.test(d) || Number.isNaN(Date.parse(d))) };
}

/** Adds dates to a dates schedule, each once, with a time range when one is given. */
export function addDates(entries: DateEntry[], dates: string[], start?: string, end?: string): DateEntry[] {
  const listed = new Set(entries.map(d => typeof d === 'string' ? d : d.date));
  const result = [...entries];
  for (const date of dates) {
    if (listed.has(date)) continue;
    listed.add(date);
    if (start || end) {
      const entry: { date: string; start?: string; end?: string } = { date };
      if (start) entry.start = start;
      if (end) entry.end = end;
      result.push(entry);
    } else {
      result.push(date);
    }
  }
  return result;
}

/** Moves the item at `from` to `to`: a schedule's place in the list (the higher one wins). */
export function move<T>(items: T[], from: number, to: number): T[] {
  const result = [...items];
  if (to < 0 || to >= result.length) return result;
  result.splice(to, 0, result.splice(from, 1)[0]);
  return result;
}
