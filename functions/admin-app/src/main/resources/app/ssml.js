// Whether a voice text is well-formed: plain text always is; text starting with '<' must be one XML element,
// <speak>…</speak>, as Amazon Connect and Polly require. The server's validation stays the authority.
export function ssmlProblem(text) {
  const trimmed = (text || '').trim();
  if (!trimmed.startsWith('<')) return null;
  const parsed = new DOMParser().parseFromString(trimmed, 'application/xml');
  const error = parsed.getElementsByTagName('parsererror')[0];
  if (error) {
    const detail = (error.textContent || '').split('\n').map(line => line.trim()).find(line => /line|column|error/i.test(line));
    return 'The SSML is not well-formed' + (detail ? `: ${detail}` : '.');
  }
  if (parsed.documentElement.nodeName !== 'speak') return 'SSML must be wrapped in <speak>…</speak>.';
  return null;
}
