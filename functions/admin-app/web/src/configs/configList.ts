// The configs the caller may read, as the API pages them (one request a page, none per row), kept in one store for
// the console's lifetime: coming back from a config shows the list as it was left, filters and ticks included.
import { useSyncExternalStore } from 'react';
import { apiRequest, describeError } from '../api/client';
import { decodeToken, holdsAnywhere, scopesOf } from '../app/access';
import { currentToken } from '../app/token';

export interface ConfigStatus {
  emergency: { until: string | null } | null;
  hasSchedules: boolean;
  scheduleCount: number;
  activeSchedules: string[];
  closed: boolean;
}

export interface ConfigSummary {
  id: string;
  description?: string;
  version: number;
  updatedAt?: string;
  updatedBy?: string;
  /** Null for configs not written since the list gained its badges (contract C3). */
  status?: ConfigStatus | null;
}

interface ConfigPageAnswer {
  items: ConfigSummary[];
  nextToken?: string | null;
}

/** A small first page so the first rows show fast; then bigger pages, on their own up to AUTO_LOAD. */
export const FIRST_PAGE = 25;
export const PAGE = 100;
export const AUTO_LOAD = 200;

export interface ListState {
  prefix: string;
  items: ConfigSummary[];
  nextToken: string | null;
  loading: boolean;
  /** Whether the first page of the current prefix has answered. */
  started: boolean;
  error: string | null;
  errorCode: string | null;
  ticked: string[];
}

let state: ListState = { prefix: '', items: [], nextToken: null, loading: false, started: false, error: null,
  errorCode: null, ticked: [] };
let generation = 0;
let firstPage: Promise<ConfigPageAnswer> | null = null;
const listeners = new Set<() => void>();

function set(change: Partial<ListState>): void {
  state = { ...state, ...change };
  listeners.forEach(listener => listener());
}

export function useConfigList(): ListState {
  return useSyncExternalStore(listener => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, () => state);
}

function fetchPage(prefix: string, limit: number, nextToken: string | null): Promise<ConfigPageAnswer> {
  return apiRequest<ConfigPageAnswer>('GET', 'flow-configs', { query: { prefix: prefix || undefined,
    limit: String(limit), nextToken: nextToken ?? undefined } }).then(answer => answer.body);
}

/**
 * Called before React renders: a signed-in user's first page is on its way while the code and settings load. A token
 * that grants no level anywhere asks nothing (the console shows its no-access page instead of a 403).
 */
export function prefetchFirstPage(): void {
  const token = currentToken();
  if (token && !firstPage && holdsAnywhere(scopesOf(decodeToken(token) ?? {}), 'Read')) {
    firstPage = fetchPage('', FIRST_PAGE, null);
    firstPage.catch(() => {});
  }
}

/** Loads the list from its first page for `prefix` (the server filters by prefix); later answers of older loads drop. */
export async function loadList(prefix: string): Promise<void> {
  generation += 1;
  const asked = generation;
  set({ prefix, items: [], nextToken: null, loading: true, started: false, error: null, errorCode: null });
  const prefetched = prefix === '' ? firstPage : null;
  firstPage = null;
  await loadPages(asked, prefix, () => prefetched ?? fetchPage(prefix, FIRST_PAGE, null));
}

/** The next page (the "Load more" button). */
export async function loadMore(): Promise<void> {
  if (!state.nextToken || state.loading) return;
  const asked = generation;
  const { prefix, nextToken } = state;
  set({ loading: true, error: null });
  await loadPages(asked, prefix, () => fetchPage(prefix, PAGE, nextToken), state.items.length + PAGE);
}

async function loadPages(asked: number, prefix: string, first: () => Promise<ConfigPageAnswer>, until = AUTO_LOAD) {
  try {
    let page = await first();
    for (;;) {
      if (asked !== generation) return;
      set({ items: [...state.items, ...page.items], nextToken: page.nextToken ?? null, started: true });
      if (!page.nextToken || state.items.length >= until) break;
      page = await fetchPage(prefix, PAGE, page.nextToken);
    }
    if (asked === generation) set({ loading: false });
  } catch (e) {
    if (asked !== generation) return;
    const code = e && typeof e === 'object' && 'code' in e ? String((e as { code: unknown }).code) : null;
    set({ loading: false, started: true, error: describeError(e), errorCode: code });
  }
}

/** Loads the list if this console has not yet (the store outlives the page, so coming back does not reload). */
export function ensureListLoaded(): void {
  if (!state.started && !state.loading) void loadList(state.prefix);
}

export function setTicked(ids: string[]): void {
  set({ ticked: ids });
}

/** After a write elsewhere (save, emergency, import): the list asks the server again, keeping prefix and ticks. */
export function refreshList(): void {
  void loadList(state.prefix);
}
