import { session } from './session.js';

// The API lives on the app's own origin, one level up from the page (…/v1/app → …/v1/flow-configs).
const apiBase = new URL('.', document.baseURI);

class ApiError extends Error {
  constructor(status, body) {
    super(body && body.message ? body.message : `The API answered ${status}.`);
    this.status = status;
    this.code = body && body.code ? body.code : 'HTTP_' + status;
    this.details = body && Array.isArray(body.details) ? body.details : [];
    this.body = body || {};
  }
}

export async function call(method, path, { body, headers = {}, accept = 'application/json' } = {}) {
  const request = { method, headers: { Accept: accept, ...headers } };
  const token = session.token();
  if (token) request.headers.Authorization = token;
  if (body !== undefined) {
    request.headers['Content-Type'] = 'application/json';
    request.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(new URL(path, apiBase), request);
  } catch (e) {
    throw new ApiError(0, { code: 'NETWORK', message: 'The API could not be reached. Check your connection and retry.' });
  }
  if (response.status === 401) {
    session.expired();
    throw new ApiError(401, { code: 'UNAUTHORIZED', message: 'Your sign-in has expired. Sign in again.' });
  }
  if (!response.ok) {
    let error = null;
    try { error = await response.json(); } catch (e) { error = null; }
    throw new ApiError(response.status, error);
  }
  if (accept !== 'application/json') {
    return { blob: await response.blob(), headers: response.headers, status: response.status };
  }
  const text = await response.text();
  return { data: text ? JSON.parse(text) : null, etag: response.headers.get('ETag'), status: response.status };
}

export const configPath = (id, rest = '') => `flow-configs/${encodeURIComponent(id)}${rest}`;
