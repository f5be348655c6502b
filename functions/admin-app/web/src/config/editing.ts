// What every tab of the config page gets: the draft, a way to change it, what the user may do and the API's
// field errors.
import type { FlowConfig } from '../logic/model';

export interface Editing {
  draft: FlowConfig;
  /** Changes the draft: the function edits a copy in place. */
  update: (change: (draft: FlowConfig) => void) => void;
  canEdit: boolean;
  full: boolean;
  /** Why edits are not offered (read-only region or level), or null. */
  editReason: string | null;
  /** Why structural edits are not offered, or null. */
  structureReason: string | null;
  /** The API's message for a field (its own path, such as 'schedules[1].when.to'), if any. */
  errorOf: (field: string) => string | undefined;
}

export const VARIABLE_TYPES = ['text', 'number', 'boolean', 'select'] as const;
