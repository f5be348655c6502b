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
}

/** Which configs: the ticked ids or every config whose id starts with a prefix. */
export type Selection = { ids: string[] } | { prefix: string };

export interface StartRequest {
  set: { variables?: Record<string, string>; prompts?: Record<string, Record<string, { voice?: string; chat?: string }>> };
  until?: string;
  description?: string;
}

export function startEmergency(selection: Selection, request: StartRequest, dryRun: boolean) {
  return apiRequest<EmergencyReport>('POST', 'flow-configs/emergency', { body: { ...selection, ...request },
    query: { dryRun: dryRun ? 'true' : undefined } }).then(answer => answer.body);
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
