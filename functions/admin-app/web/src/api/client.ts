// The one way the console talks to the API: same origin, one level up from the page (…/v1/app → …/v1/flow-configs),
// the ID token as Authorization, JSON in and out, every refusal as an ApiError with the API's stable code.
import { currentToken, tokenExpired } from '../app/token';

export interface FieldProblem {
  field: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields?: FieldProblem[];
  readonly body: unknown;

  constructor(status: number, body: unknown) {
    const object = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    super(typeof object.message === 'string' && object.message ? object.message : defaultMessage(status));
    this.name = 'ApiError';
    this.status = status;
    this.code = typeof object.code === 'string' && object.code ? object.code : `HTTP_${status}`;
    const details = Array.isArray(object.details) ? object.details : Array.isArray(object.fields) ? object.fields : [];
    const fields = details.filter((d): d is FieldProblem => !!d && typeof d === 'object'
      && typeof (d as FieldProblem).field === 'string' && typeof (d as FieldProblem).message === 'string');
    if (fields.length) this.fields = fields;
    this.body = body;
  }
}

function defaultMessage(status: number): string {
  if (status === 0) return 'The API could not be reached. Check your connection and retry.';
  if (status === 401) return 'Your sign-in has expired. Sign in again.';
  if (status === 403) return 'You may not do this.';
  if (status >= 500) return 'The API had a problem answering. Retry in a moment.';
  return `The API answered ${status}.`;
}

export interface RequestOptions {
  body?: unknown;
  ifMatch?: string;
  ifNoneMatch?: string;
  query?: Record<string, string | undefined>;
  signal?: AbortSignal;
}

export interface ApiAnswer<T> {
  status: number;
  body: T;
  etag?: string;
}

/** The API's base address: the page's folder (the page is …/v1/app, the API …/v1/). */
export function apiBase(): URL {
  return new URL('.', document.baseURI);
}

export async function apiRequest<T>(method: string, path: string, opts: RequestOptions = {}): Promise<ApiAnswer<T>> {
  const url = new URL(path.replace(/^\//, ''), apiBase());
  for (const [name, value] of Object.entries(opts.query ?? {})) {
    if (value !== undefined && value !== '') url.searchParams.set(name, value);
  }
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = currentToken();
  if (token) headers.Authorization = token;
  if (opts.ifMatch) headers['If-Match'] = opts.ifMatch;
  if (opts.ifNoneMatch) headers['If-None-Match'] = opts.ifNoneMatch;
  const init: RequestInit = { method, headers, signal: opts.signal };
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(opts.body);
  }
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, { code: 'NETWORK', message: defaultMessage(0) });
  }
  const text = await response.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = { message: text.slice(0, 200) };
    }
  }
  if (response.status === 401) {
    tokenExpired();
    throw new ApiError(401, { code: 'UNAUTHORIZED', message: defaultMessage(401) });
  }
  if (!response.ok) throw new ApiError(response.status, body);
  return { status: response.status, body: body as T, etag: response.headers.get('ETag') ?? undefined };
}

export const configPath = (id: string, rest = ''): string => `flow-configs/${encodeURIComponent(id)}${rest}`;

/** An error's words for a notification: the message, and each field's problem. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = error.fields?.map(f => `${f.field}: ${f.message}`).join(' ') ?? '';
    return fields ? `${error.message} ${fields}` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
