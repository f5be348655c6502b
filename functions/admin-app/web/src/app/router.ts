// Hash routes (contract C4): #/configs, #/configs/<id>, #/emergency, #/transfer; later #/calendars[/<id>].
import { useEffect, useState } from 'react';
import { mayLeave } from './unsaved';

export type Route =
  | { page: 'configs' }
  | { page: 'config'; id: string; rest: string[] }
  | { page: 'emergency' }
  | { page: 'transfer' }
  | { page: 'calendars' }
  | { page: 'calendar'; id: string }
  | { page: 'unknown'; hash: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('?')[0].split('/').filter(Boolean).map(safeDecode);
  switch (parts[0] ?? 'configs') {
    case 'configs':
      return parts[1] ? { page: 'config', id: parts[1], rest: parts.slice(2) } : { page: 'configs' };
    case 'emergency':
      return { page: 'emergency' };
    case 'transfer':
    case 'import':
      return { page: 'transfer' };
    case 'calendars':
      return parts[1] ? { page: 'calendar', id: parts[1] } : { page: 'calendars' };
    default:
      return { page: 'unknown', hash };
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

export const configHref = (id: string): string => `#/configs/${encodeURIComponent(id)}`;

let shownHash = window.location.hash;

/** Goes to a hash route, asking first when a page holds unsaved changes; false when the user stays. */
export function navigate(hash: string): boolean {
  if (hash === window.location.hash) return true;
  if (!mayLeave()) return false;
  shownHash = hash;
  window.location.hash = hash;
  return true;
}

/** The route shown now; follows links and the back button, and asks before leaving unsaved changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const changed = () => {
      if (window.location.hash !== shownHash && !mayLeave()) {
        window.history.replaceState(null, '', shownHash || '#/configs');
        return;
      }
      shownHash = window.location.hash;
      setRoute(parseRoute(window.location.hash));
    };
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return route;
}

/** For Cloudscape's onFollow: an in-app link followed through navigate(), a plain link left to the browser. */
export function followLink(event: CustomEvent<{ href?: string; external?: boolean }>): void {
  const href = event.detail.href;
  if (!href || event.detail.external || !href.startsWith('#')) return;
  event.preventDefault();
  navigate(href);
}
