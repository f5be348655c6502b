// Whether a voice text is well-formed, with one sentence saying what is wrong and where. Plain text always is; text
// starting with '<' must be one XML element, <speak>…</speak>, as Amazon Connect and Polly require. The server's
// validation stays the authority.
//
// A small tokenizer instead of DOMParser: Chromium builds its XML error report as a <parsererror> element with inline
// style attributes, which a style-src policy without 'unsafe-inline' refuses — the old app logged two CSP violations
// per keystroke for a malformed tag, and the report's text is the parser's, not a person's.

export interface SsmlProblem {
  message: string;
  line: number;
  column: number;
}

const NAME = /[\p{L}_:][\p{L}\p{N}_.:-]*/uy;
const SPACE = /[ \t\r\n]+/y;
const ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const PREFIX = 'The SSML is not well-formed: ';

interface OpenTag { name: string; at: number }

export function ssmlProblem(text: string | null | undefined): SsmlProblem | null {
  const source = text || '';
  const start = source.length - source.trimStart().length;
  if (!source.trim().startsWith('<')) return null;

  const position = (offset: number) => {
    const before = source.slice(0, offset).split('\n');
    return { line: before.length, column: before[before.length - 1].length + 1 };
  };
  const where = (offset: number) => {
    const { line, column } = position(offset);
    return `line ${line}, column ${column}`;
  };
  const problem = (offset: number, message: string, prefixed = true): SsmlProblem =>
    ({ message: (prefixed ? PREFIX : '') + message, ...position(offset) });
  const match = (pattern: RegExp, at: number): string | null => {
    pattern.lastIndex = at;
    const found = pattern.exec(source);
    return found ? found[0] : null;
  };

  // Entities in text and attribute values: the five XML names or a character number.
  const checkEntities = (from: number, to: number): SsmlProblem | null => {
    for (let k = source.indexOf('&', from); k !== -1 && k < to; k = source.indexOf('&', k + 1)) {
      const end = source.indexOf(';', k);
      const name = end !== -1 && end < to ? source.slice(k + 1, end) : null;
      if (name === null || name === '' || /\s/.test(name)) {
        return problem(k, `a bare & at ${where(k)}; write it as &amp;.`);
      }
      if (!ENTITIES.has(name) && !/^#([0-9]+|x[0-9a-fA-F]+)$/.test(name)) {
        return problem(k, `&${name}; at ${where(k)} is not an XML entity; use &amp;, &lt;, &gt;, &quot;, &apos;`
          + ' or a number such as &#160;.');
      }
    }
    return null;
  };

  const open: OpenTag[] = [];
  let root: string | null = null;
  let rootClosed = false;
  let i = start;
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const textEnd = lt === -1 ? source.length : lt;
    if (textEnd > i) {
      const textProblem = checkEntities(i, textEnd);
      if (textProblem) return textProblem;
      if (source.slice(i, textEnd).trim() !== '' && open.length === 0) {
        const at = i + (source.slice(i, textEnd).length - source.slice(i, textEnd).trimStart().length);
        return problem(at, `text at ${where(at)} is outside <${root ?? 'speak'}>…</${root ?? 'speak'}>;`
          + ' everything must be inside it.');
      }
    }
    if (lt === -1) break;
    i = lt;
    if (source.startsWith('<!--', i)) {
      const end = source.indexOf('-->', i + 4);
      if (end === -1) return problem(i, `the comment at ${where(i)} is never closed with -->.`);
      i = end + 3;
      continue;
    }
    if (source.startsWith('<![CDATA[', i)) {
      const end = source.indexOf(']]>', i);
      if (end === -1) return problem(i, `the CDATA section at ${where(i)} is never closed with ]]>.`);
      if (open.length === 0) return problem(i, `the CDATA section at ${where(i)} is outside <speak>…</speak>.`);
      i = end + 3;
      continue;
    }
    if (source.startsWith('<?', i)) {
      const end = source.indexOf('?>', i);
      if (end === -1) return problem(i, `the declaration at ${where(i)} is never closed with ?>.`);
      i = end + 2;
      continue;
    }
    if (source.startsWith('<!', i)) {
      return problem(i, `<! at ${where(i)} starts nothing SSML allows here (only comments <!-- … -->).`);
    }
    if (source.startsWith('</', i)) {
      const name = match(NAME, i + 2);
      if (!name) return problem(i, `</ at ${where(i)} is not followed by a tag name.`);
      let k = i + 2 + name.length;
      k += (match(SPACE, k) || '').length;
      if (source[k] !== '>') return problem(i, `</${name} at ${where(i)} is not ended with >.`);
      const top = open[open.length - 1];
      if (!top) return problem(i, `</${name}> at ${where(i)} closes nothing that is open.`);
      if (top.name !== name) {
        return problem(i, `</${name}> at ${where(i)} comes while <${top.name}> (${where(top.at)}) is still open;`
          + ` close it first with </${top.name}>, or write it as <${top.name} … /> if it holds nothing.`);
      }
      open.pop();
      if (open.length === 0) rootClosed = true;
      i = k + 1;
      continue;
    }
    // A start tag: <name attr="value" …> or <name … />
    const name = match(NAME, i + 1);
    if (!name) return problem(i, `< at ${where(i)} starts no tag; write &lt; for a less-than sign.`);
    if (rootClosed || (open.length === 0 && root !== null)) {
      return problem(i, `<${name}> at ${where(i)} is after </${root}>; everything must be inside one`
        + ` <${root}>…</${root}>.`);
    }
    let k = i + 1 + name.length;
    const seen = new Set<string>();
    let selfClosing = false;
    for (;;) {
      const space = match(SPACE, k) || '';
      k += space.length;
      if (k >= source.length) return problem(i, `<${name} at ${where(i)} is not ended with >.`);
      if (source[k] === '>') { k += 1; break; }
      if (source.startsWith('/>', k)) { k += 2; selfClosing = true; break; }
      const attribute = match(NAME, k);
      if (!attribute) {
        return problem(k, `${JSON.stringify(source[k])} at ${where(k)} does not belong in <${name}>;`
          + ' a tag holds attributes such as time="1s", then > or />.');
      }
      if (!space) return problem(k, `in <${name}> at ${where(k)}: put a space before ${attribute}.`);
      if (seen.has(attribute)) return problem(k, `<${name}> at ${where(i)} names ${attribute} twice.`);
      seen.add(attribute);
      k += attribute.length;
      k += (match(SPACE, k) || '').length;
      if (source[k] !== '=') {
        return problem(k, `the attribute ${attribute} in <${name}> at ${where(i)} needs a value in quotes,`
          + ` such as ${attribute}="…".`);
      }
      k += 1;
      k += (match(SPACE, k) || '').length;
      const quote = source[k];
      if (quote !== '"' && quote !== "'") {
        return problem(k, `the value of ${attribute} in <${name}> at ${where(k)} must be in quotes,`
          + ` such as ${attribute}="…".`);
      }
      const close = source.indexOf(quote, k + 1);
      const lessThan = source.indexOf('<', k + 1);
      if (lessThan !== -1 && (close === -1 || lessThan < close)) {
        return problem(lessThan, `the value of ${attribute} at ${where(k)} holds a <; write &lt;, or close the quote.`);
      }
      if (close === -1) return problem(k, `the value of ${attribute} at ${where(k)} has no closing ${quote}.`);
      const valueProblem = checkEntities(k + 1, close);
      if (valueProblem) return valueProblem;
      k = close + 1;
    }
    if (root === null) root = name;
    if (selfClosing) {
      if (open.length === 0) rootClosed = true;
    } else {
      open.push({ name, at: i });
    }
    i = k;
  }
  if (open.length) {
    const top = open[open.length - 1];
    return problem(top.at, `<${top.name}> at ${where(top.at)} is never closed; add </${top.name}>`
      + (top.name === 'speak' ? ' at the end.' : `, or write it as <${top.name} … /> if it holds nothing.`));
  }
  if (root !== 'speak') {
    return problem(start, 'SSML must be wrapped in <speak>…</speak>.', false);
  }
  return null;
}

/** The line under a voice field: what the text is when nothing is wrong. */
export function ssmlNote(text: string | null | undefined): string {
  const problem = ssmlProblem(text);
  if (problem) return problem.message;
  return (text || '').trim().startsWith('<') ? 'Well-formed SSML.' : 'Plain text.';
}
