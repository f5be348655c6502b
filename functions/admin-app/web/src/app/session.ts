// Who is signed in and what they may do, for every page: useSession() (contract C4).
import { createContext, createElement, useContext, type ReactNode } from 'react';
import { atLeast, holdsAnywhere, levelFor, type Level, type Scopes } from './access';
import type { Settings } from './settings';

export interface Session {
  username: string;
  levelFor(id: string): Level | null;
  holdsAnywhere(level: Level): boolean;
  /** The primary region when this region is a read-only replica; empty otherwise. */
  readOnlyRegion: string;
  settings: Settings;
  signOut(): void;
}

const SessionContext = createContext<Session | null>(null);

export function makeSession(username: string, scopes: Scopes, settings: Settings, signOut: () => void): Session {
  return {
    username,
    levelFor: id => levelFor(scopes, id),
    holdsAnywhere: level => holdsAnywhere(scopes, level),
    readOnlyRegion: settings.readOnlyRegion,
    settings,
    signOut,
  };
}

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return createElement(SessionContext.Provider, { value: session }, children);
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside the signed-in console');
  return session;
}

/**
 * Why a write at `wanted` on `id` (or anywhere, without an id) is not offered, in plain words; null when it is.
 * The read-only region comes first: there nobody writes.
 */
export function whyNot(session: Session, wanted: Level, id?: string): string | null {
  if (session.readOnlyRegion) {
    return `This region is a read-only replica; make changes in ${session.readOnlyRegion}.`;
  }
  const allowed = id === undefined ? session.holdsAnywhere(wanted) : atLeast(session.levelFor(id), wanted);
  if (allowed) return null;
  return id === undefined ? `This needs ${wanted} access, which you do not have.`
    : `This needs ${wanted} access to '${id}'; you have ${session.levelFor(id) ?? 'no'} access.`;
}
