import type { FlowConfig, Schedule } from './model';

// A config as flat entries, one per thing a person edits: variables › Closure → 'true'. Keys are JSON arrays of
// path segments, so names with any character stay apart.
const ORDER = '(order)';

export interface Change {
  path: string[];
  before?: string;
  after?: string;
}

function flatten(config: FlowConfig | null | undefined): Map<string, string> {
  const entries = new Map<string, string>();
  if (!config) return entries;
  const put = (path: string[], value: string) => entries.set(JSON.stringify(path), value);
  put(['description'], config.description ?? '');
  put(['defaultLanguage'], config.defaultLanguage ?? '');
  for (const [name, value] of Object.entries(config.variables || {})) put(['variables', name], value);
  for (const [name, schema] of Object.entries(config.schema || {})) put(['schema', name], JSON.stringify(schema));
  for (const [prompt, languages] of Object.entries(config.prompts || {})) {
    for (const [language, text] of Object.entries(languages || {})) {
      put(['prompts', prompt, language, 'voice'], text.voice ?? '');
      if (text.chat !== undefined && text.chat !== null) put(['prompts', prompt, language, 'chat'], text.chat);
    }
  }
  // A schedule is one entry (its JSON) under its name, and their order one more, so a re-apply keeps every schedule.
  put(['timeZone'], config.timeZone ?? '');
  const schedules = config.schedules || [];
  if (schedules.length) put(['schedules', ORDER], schedules.map(s => s.name).join(', '));
  for (const schedule of schedules) put(['schedules', schedule.name], JSON.stringify(schedule, null, 1));
  return entries;
}

function unflatten(entries: Map<string, string>, template: FlowConfig): FlowConfig {
  const config: FlowConfig = { id: template.id, description: '', defaultLanguage: '', variables: {}, prompts: {} };
  if (template.version !== undefined) config.version = template.version;
  const schema: NonNullable<FlowConfig['schema']> = {};
  const schedules = new Map<string, Schedule>();
  let order: string[] = [];
  for (const [key, value] of entries) {
    const path = JSON.parse(key) as string[];
    if (path[0] === 'description' || path[0] === 'defaultLanguage' || path[0] === 'timeZone') config[path[0]] = value;
    else if (path[0] === 'schedules' && path[1] === ORDER) order = value.split(', ');
    else if (path[0] === 'schedules') schedules.set(path[1], JSON.parse(value) as Schedule);
    else if (path[0] === 'variables') config.variables[path[1]] = value;
    else if (path[0] === 'schema') schema[path[1]] = JSON.parse(value);
    else if (path[0] === 'prompts') {
      const languages = config.prompts[path[1]] || (config.prompts[path[1]] = {});
      const text = languages[path[2]] || (languages[path[2]] = { voice: '' });
      (text as unknown as Record<string, string>)[path[3]] = value;
    }
  }
  if (Object.keys(schema).length) config.schema = schema;
  if (!config.timeZone) delete config.timeZone;
  // In the order given, then any schedule the order does not name (added on the other side) at the end.
  const ordered = [...order.filter(name => schedules.has(name)), ...[...schedules.keys()].filter(n => !order.includes(n))];
  if (ordered.length) config.schedules = ordered.map(name => schedules.get(name) as Schedule);
  if (!config.description) delete config.description;
  if (!config.defaultLanguage) delete config.defaultLanguage;
  return config;
}

/** Every entry that differs between two configs, in path order (undefined = absent on that side). */
export function differences(before: FlowConfig | null | undefined, after: FlowConfig | null | undefined): Change[] {
  const a = flatten(before);
  const b = flatten(after);
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  return keys.filter(key => a.get(key) !== b.get(key))
    .map(key => ({ path: JSON.parse(key) as string[], before: a.get(key), after: b.get(key) }));
}

/** My edits (base → mine) applied on top of a newer version (theirs): what "Re-apply my changes" gives. */
export function reapply(base: FlowConfig, mine: FlowConfig, theirs: FlowConfig): FlowConfig {
  const result = flatten(theirs);
  for (const change of differences(base, mine)) {
    const key = JSON.stringify(change.path);
    if (change.after === undefined) result.delete(key);
    else result.set(key, change.after);
  }
  return unflatten(result, theirs);
}

/** What a changed entry is, in words a person reads: 'prompts › Greeting › en-US › voice'. */
export const describePath = (path: string[]): string => path.join(' › ');

/** How a change reads in a side-by-side table: added, removed or changed. */
export function changeKind(change: Change): 'added' | 'removed' | 'changed' {
  if (change.before === undefined) return 'added';
  if (change.after === undefined) return 'removed';
  return 'changed';
}
