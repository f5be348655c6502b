import type { FlowConfig } from './model';

// GetConfig's result against Amazon Connect's limit: a Lambda answer to a flow must be under 32 KB of JSON.

export const CONNECT_LIMIT_BYTES = 32 * 1024;
/** Room GetConfig keeps for status keys it may still add (RenderedConfig.HEADROOM_BYTES). */
export const HEADROOM_BYTES = 64;

export const byteLength = (text: string): number => new TextEncoder().encode(text).length;

/** The size of a result map as Connect counts it: the bytes of its JSON. */
export const resultSize = (result: Record<string, string>): number => byteLength(JSON.stringify(result));

export interface SizeSummary {
  bytes: number;
  text: string;
  level: 'ok' | 'warning' | 'error';
}

/** '1,234 bytes of Amazon Connect's 32,768-byte limit.', with a level: warning above 80 %, error at the limit. */
export function sizeSummary(bytes: number, locale = 'en-US'): SizeSummary {
  const level = bytes + HEADROOM_BYTES >= CONNECT_LIMIT_BYTES ? 'error'
    : bytes >= CONNECT_LIMIT_BYTES * 0.8 ? 'warning' : 'ok';
  return { bytes, level, text: `${bytes.toLocaleString(locale)} bytes of Amazon Connect's `
    + `${CONNECT_LIMIT_BYTES.toLocaleString(locale)}-byte limit.` };
}

/**
 * An estimate of the largest result a draft gives, before any preview: its variables and, for each language its
 * prompts have, every prompt's longer text (voice or chat) in that language, plus the keys GetConfig adds. The
 * preview's figure is the server's and stays the authority.
 */
export function estimateLargestResult(config: FlowConfig): { bytes: number; language: string } {
  const languages = new Set<string>([config.defaultLanguage || 'en-US']);
  Object.values(config.prompts || {}).forEach(p => Object.keys(p).forEach(l => languages.add(l)));
  let largest = { bytes: 0, language: config.defaultLanguage || 'en-US' };
  for (const language of languages) {
    const result: Record<string, string> = { ...(config.variables || {}) };
    for (const [name, texts] of Object.entries(config.prompts || {})) {
      const text = texts[language] || texts[config.defaultLanguage || 'en-US'] || Object.values(texts)[0];
      if (!text) continue;
      const voice = text.voice || '';
      const chat = text.chat || '';
      result[name] = byteLength(chat) > byteLength(voice) ? chat : voice;
    }
    Object.assign(result, { language, servedLanguage: language, missingPrompts: '', fallbackPrompts: '',
      configVersion: String(config.version ?? 0), activeSchedules: '' });
    const bytes = resultSize(result);
    if (bytes > largest.bytes) largest = { bytes, language };
  }
  return largest;
}
