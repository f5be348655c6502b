// The configs table's filter: the id prefix goes to the server; every other token looks through what is loaded.
import type { PropertyFilterProps } from '@cloudscape-design/components/property-filter';
import type { ConfigSummary } from './configList';

export const PREFIX_KEY = 'prefix';

/** The id prefix the server is asked for (the last "Id starts with" token), or ''. */
export function prefixOf(query: PropertyFilterProps.Query): string {
  const tokens = query.tokens.filter(token => token.propertyKey === PREFIX_KEY);
  return tokens.length ? String(tokens[tokens.length - 1].value ?? '').trim() : '';
}

function yes(value: unknown): boolean | null {
  const text = String(value ?? '').trim().toLowerCase();
  if (['yes', 'true', 'y'].includes(text)) return true;
  if (['no', 'false', 'n'].includes(text)) return false;
  return null;
}

function tokenMatches(item: ConfigSummary, token: PropertyFilterProps.Token): boolean {
  const value = String(token.value ?? '').toLowerCase();
  const negated = token.operator.startsWith('!');
  let matches: boolean;
  switch (token.propertyKey) {
    case PREFIX_KEY:
      return true;
    case 'id':
      matches = token.operator === '=' ? item.id.toLowerCase() === value : item.id.toLowerCase().includes(value);
      break;
    case 'description':
      matches = (item.description ?? '').toLowerCase().includes(value);
      break;
    case 'hasSchedules':
      matches = item.status ? item.status.hasSchedules === yes(token.value) : false;
      break;
    case 'inEmergency':
      matches = item.status ? (item.status.emergency !== null) === yes(token.value) : false;
      break;
    default:
      matches = item.id.toLowerCase().includes(value) || (item.description ?? '').toLowerCase().includes(value);
  }
  return negated ? !matches : matches;
}

export function matchesFilter(item: ConfigSummary, query: PropertyFilterProps.Query): boolean {
  const tokens = query.tokens.filter(token => token.propertyKey !== PREFIX_KEY);
  if (!tokens.length) return true;
  return query.operation === 'or' ? tokens.some(token => tokenMatches(item, token))
    : tokens.every(token => tokenMatches(item, token));
}
