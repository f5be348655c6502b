// The calendars' requests (docs/api-users.md#calendars): every level reads them, Full on the id changes them.
import { apiRequest } from '../api/client';
import type { Calendar, CalendarDate } from '../logic/calendars';

export interface CalendarSummary {
  id: string;
  description?: string;
  version?: number;
  updatedAt?: string;
  updatedBy?: string;
}

export const calendarPath = (id: string, rest = ''): string => `calendars/${encodeURIComponent(id)}${rest}`;

/** Every calendar the API lists, page by page (a calendar list is short: a few per country or line of business). */
export async function listCalendars(): Promise<CalendarSummary[]> {
  let all: CalendarSummary[] = [];
  let nextToken: string | undefined;
  do {
    const { body } = await apiRequest<{ items: CalendarSummary[]; nextToken?: string }>('GET', 'calendars',
      { query: { limit: '100', nextToken } });
    all = all.concat(body.items);
    nextToken = body.nextToken || undefined;
  } while (nextToken && all.length < 2000);
  return all;
}

export function getCalendar(id: string) {
  return apiRequest<Calendar>('GET', calendarPath(id));
}

export function calendarDates(id: string, from: string, to: string) {
  return apiRequest<{ dates: CalendarDate[] }>('GET', calendarPath(id, '/dates'), { query: { from, to } })
    .then(answer => answer.body.dates);
}
