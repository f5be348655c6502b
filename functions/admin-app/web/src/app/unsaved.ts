// The unsaved-changes guard (contract C4): a page with unsaved edits asks before the user leaves it, in the app
// (the router asks every guard before following a link) and when the tab is closed or reloaded.
import { useEffect } from 'react';

const guards = new Set<{ dirty: boolean; message: string }>();

export function useUnsavedChanges(dirty: boolean, message: string): void {
  useEffect(() => {
    if (!dirty) return undefined;
    const guard = { dirty, message };
    guards.add(guard);
    const beforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      guards.delete(guard);
      window.removeEventListener('beforeunload', beforeUnload);
    };
  }, [dirty, message]);
}

/** Asks the user (once per unsaved page) whether to leave; true when nothing is unsaved or the user agrees. */
export function mayLeave(): boolean {
  for (const guard of guards) {
    if (guard.dirty && !window.confirm(guard.message)) return false;
  }
  return true;
}
