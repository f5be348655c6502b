// A prompt's saved text spoken through PreviewSpeech: audio, not JSON, so this is the one call that reads the answer
// as a blob; it sends the same token the API client does.
import { ApiError, apiBase } from '../api/client';
import { currentToken } from '../app/token';

export interface Spoken {
  url: string;
  voice: string;
  engine: string | null;
}

export async function speak(flowConfigId: string, prompt: string, languageCode: string): Promise<Spoken> {
  const headers: Record<string, string> = { Accept: 'audio/mpeg', 'Content-Type': 'application/json' };
  const token = currentToken();
  if (token) headers.Authorization = token;
  let response: Response;
  try {
    response = await fetch(new URL('preview-speech', apiBase()), { method: 'POST', headers,
      body: JSON.stringify({ flowConfigId, prompt, languageCode }) });
  } catch {
    throw new ApiError(0, { code: 'NETWORK', message: 'The API could not be reached. Check your connection and retry.' });
  }
  if (!response.ok) {
    let body: unknown = null;
    try { body = await response.json(); } catch { body = null; }
    throw new ApiError(response.status, body);
  }
  return { url: URL.createObjectURL(await response.blob()), voice: response.headers.get('X-Voice-Id') ?? '',
    engine: response.headers.get('X-Local-Speech-Engine') };
}
