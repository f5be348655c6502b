// The API's errors where a person looks: each field error at the field it names (the API's own path, such as
// 'schedules[1].when.to'), the rest listed with the field described in words.

export interface FieldError {
  field: string;
  message: string;
}

export type ConfigTab = 'values' | 'prompts' | 'schedules';

/** The field errors an error carries: ApiError.fields, or the API body's details. */
export function fieldErrorsOf(error: unknown): FieldError[] {
  if (!error || typeof error !== 'object') return [];
  const e = error as { fields?: unknown; details?: unknown; body?: { details?: unknown } };
  const list = Array.isArray(e.fields) ? e.fields : Array.isArray(e.details) ? e.details
    : Array.isArray(e.body?.details) ? e.body?.details : [];
  return (list as unknown[]).filter((d): d is FieldError => Boolean(d) && typeof (d as FieldError).field === 'string'
    && typeof (d as FieldError).message === 'string');
}

/**
 * Field errors split into those a shown field takes (all messages for one field joined) and those no field on the
 * page names, which the page lists.
 */
export function placeFieldErrors(errors: FieldError[], shown: (field: string) => boolean):
  { byField: Record<string, string>; unplaced: FieldError[] } {
  const byField: Record<string, string> = {};
  const unplaced: FieldError[] = [];
  for (const error of errors) {
    if (shown(error.field)) byField[error.field] = byField[error.field] ? `${byField[error.field]} ${error.message}`
      : error.message;
    else unplaced.push(error);
  }
  return { byField, unplaced };
}

/** The tab that holds a field: where the page goes to show the first error. */
export function tabOfField(field: string): ConfigTab {
  if (field.startsWith('prompts')) return 'prompts';
  if (field.startsWith('schedules') || field === 'timeZone') return 'schedules';
  return 'values';
}

/** A field path in words: 'schedules[1].when.to' → 'Schedule 2, to'; 'prompts.Greeting.en-US.voice' → … */
export function describeField(field: string): string {
  const schedule = /^schedules\[(\d+)\](?:\.(.*))?$/.exec(field);
  if (schedule) {
    const rest = schedule[2] ? `, ${schedule[2].replace(/^when\./, '').replace(/^set\./, 'sets ').replace(/\./g, ' › ')}` : '';
    return `Schedule ${Number(schedule[1]) + 1}${rest}`;
  }
  const prompt = /^prompts\.([^.]+)\.([^.]+)\.(voice|chat)$/.exec(field);
  if (prompt) return `${prompt[3] === 'voice' ? 'Voice' : 'Chat'} text of ${prompt[1]} in ${prompt[2]}`;
  const variable = /^variables\.(.+)$/.exec(field);
  if (variable) return `Variable ${variable[1]}`;
  const schema = /^schema\.(.+)$/.exec(field);
  if (schema) return `Type of ${schema[1]}`;
  const names: Record<string, string> = { description: 'Description', defaultLanguage: 'Default language',
    timeZone: "The config's time zone", '': 'The config' };
  return names[field] ?? field;
}

/** What went wrong, for a notification: the API's message, or one for a failure with no answer. */
export function errorMessage(error: unknown): string {
  if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string'
    && (error as { message: string }).message) {
    return (error as { message: string }).message;
  }
  return 'Something went wrong; try again.';
}
