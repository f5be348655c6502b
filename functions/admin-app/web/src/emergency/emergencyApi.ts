// The emergency switch's requests: the same body or query, with ?dryRun=true for the server's exact count first.
import { apiRequest } from '../api/client';

export interface EmergencyReport {
  dryRun?: boolean;
  complete: boolean;
  counts: { changed: number; unchanged: number; refused: number; notDone?: number };
  changed: { id: string; version?: number }[];
  unchanged: string[];
  refused: { id: string; code: string; message: string }[];
  notDone: string[];
  /** Starting: the end (computed when none was asked), and whether it is the default maximum's. */
  until?: string | null;
  defaultEnd?: boolean;
}

/** A config in emergency now, with its end (GET /flow-configs/emergency). */
export interface InEmergency {
  id: string;
  description?: string | null;
  until?: string | null;
  noEnd?: boolean;
}

/** Which configs: the ticked ids or every config whose id starts with a prefix. */
export type Selection = { ids: string[] } | { prefix: string };

export interface StartRequest {
  set: { variables?: Record<string, string>; prompts?: Record<string, Record<string, { voice?: string; chat?: string }>> };
  until?: string;
  /** No end at all (Full only); without it and without until, the emergency ends after the default maximum. */
  noEnd?: boolean;
  description?: string;
}

export function startEmergency(selection: Selection, request: StartRequest, dryRun: boolean) {
  return apiRequest<EmergencyReport>('POST', 'flow-configs/emergency', { body: { ...selection, ...request },
    query: { dryRun: dryRun ? 'true' : undefined } }).then(answer => answer.body);
}

/** Every config in emergency now that the caller may read, page by page (the server's list, not the loaded one). */
export async function listInEmergency(): Promise<InEmergency[]> {
  let all: InEmergency[] = [];
  let nextToken: string | undefined;
  do {
    const { body } = await apiRequest<{ items: InEmergency[]; nextToken?: string }>('GET', 'flow-configs/emergency',
      { query: { limit: '100', nextToken } });
    all = all.concat(body.items);
    nextToken = body.nextToken || undefined;
  } while (nextToken && all.length < 10000);
  return all;
}

export function endEmergency(selection: Selection, dryRun: boolean) {
  const query = 'ids' in selection ? { ids: selection.ids.join(',') } : { prefix: selection.prefix };
  return apiRequest<EmergencyReport>('DELETE', 'flow-configs/emergency', {
    query: { ...query, dryRun: dryRun ? 'true' : undefined } }).then(answer => answer.body);
}

export function describeSelection(selection: Selection): string {
  if ('prefix' in selection) return `every config whose id starts with '${selection.prefix}'`;
  const n = selection.ids.length;
  return `${n} ticked config${n === 1 ? '' : 's'}: ${selection.ids.join(', ')}`;
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
