// The shapes the FlowConfig API reads and writes (see app/openapi.json), as the config page edits them.

export type VariableType = 'text' | 'number' | 'boolean' | 'select';

export interface VariableSchema {
  type: VariableType;
  options?: string[];
}

export interface PromptText {
  voice: string;
  chat?: string;
}

/** A plain date ('2026-12-25') or a date with a time range on it. */
export type DateEntry = string | { date: string; start?: string; end?: string };

export interface WindowWhen { from: string; to?: string }
/** A weekly schedule may hold only in a season (month-days, both included, every year) and/or in given years. */
export interface WeeklyWhen { days: string[]; start: string; end: string; season?: { from: string; to: string };
  years?: number[] }
export interface DatesWhen { dates: DateEntry[] }
/** Every day of a shared calendar, or only its named entries. */
export interface CalendarWhen { calendar: string; entries?: string[] }
export type When = WindowWhen | WeeklyWhen | DatesWhen | CalendarWhen;

export interface ScheduleSet {
  variables?: Record<string, string>;
  prompts?: Record<string, Record<string, Partial<PromptText>>>;
}

export interface Schedule {
  name: string;
  description?: string;
  timeZone?: string;
  when: When;
  set?: ScheduleSet;
}

export interface FlowConfig {
  id: string;
  description?: string;
  defaultLanguage?: string;
  variables: Record<string, string>;
  schema?: Record<string, VariableSchema>;
  prompts: Record<string, Record<string, PromptText>>;
  timeZone?: string;
  schedules?: Schedule[];
  version?: number;
  updatedAt?: string;
  updatedBy?: string;
}

export const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Whether two configs hold the same content (what Save would send differs from what was loaded). */
export const sameConfig = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
