// What a refused save shows, the same on every page that saves a versioned item (a config, a calendar).
import { ApiError } from '../api/client';
import { errorMessage, fieldErrorsOf, placeFieldErrors, type FieldError } from '../logic/errors';
import type { Notify } from './notifications';

export interface SaveErrors {
  byField: Record<string, string>;
  unplaced: FieldError[];
  message: string;
}

/**
 * A 412 loads the version saved meanwhile, for the page to compare with, and keeps the edits; any other error goes
 * to the fields the page shows, the rest listed. Returns the first field with an error, for the page to go to it.
 */
export async function showSaveRefused<T extends { version?: number }>(error: unknown, page: {
  notify: Notify;
  shown: RegExp;
  latest: () => Promise<{ body: T; etag?: string }>;
  savedMeanwhile: (version: number | undefined) => string;
  setConflict: (conflict: { theirs: T; etag?: string }) => void;
  setErrors: (errors: SaveErrors) => void;
}): Promise<string | undefined> {
  if (error instanceof ApiError && error.status === 412) {
    try {
      const latest = await page.latest();
      page.setConflict({ theirs: latest.body, etag: latest.etag });
      page.notify({ type: 'warning', header: 'Not saved: someone else saved first',
        content: page.savedMeanwhile(latest.body.version) });
    } catch (reload) {
      page.notify({ type: 'error', header: 'Not saved', content: errorMessage(reload) });
    }
    return undefined;
  }
  const placed = placeFieldErrors(fieldErrorsOf(error), field => page.shown.test(field));
  page.setErrors({ ...placed, message: errorMessage(error) });
  page.notify({ type: 'error', header: 'Not saved', content: errorMessage(error) });
  return Object.keys(placed.byField)[0];
}
