// Flashbar notifications for the whole console (contract C4): useNotify() → notify({type, header?, content}).
import Flashbar, { type FlashbarProps } from '@cloudscape-design/components/flashbar';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export type NoticeType = 'success' | 'error' | 'warning' | 'info';

export interface Notice {
  type: NoticeType;
  header?: ReactNode;
  content: ReactNode;
  /** Replaces an earlier notice with the same id (a save's progress, then its outcome). */
  id?: string;
}

export type Notify = (notice: Notice) => void;

const NotifyContext = createContext<Notify>(() => {});
const MAX_SHOWN = 5;
let counter = 0;

export function useNotify(): Notify {
  return useContext(NotifyContext);
}

/** The notices and the function that adds one; the shell shows them in its Flashbar. */
export function useNotices(): { items: FlashbarProps.MessageDefinition[]; notify: Notify; clear: () => void } {
  const [items, setItems] = useState<FlashbarProps.MessageDefinition[]>([]);
  const notify = useCallback<Notify>(notice => {
    counter += 1;
    const id = notice.id ?? `notice-${counter}`;
    const dismiss = () => setItems(shown => shown.filter(item => item.id !== id));
    const item: FlashbarProps.MessageDefinition = {
      id, type: notice.type, header: notice.header, content: notice.content, dismissible: true,
      dismissLabel: 'Dismiss message', onDismiss: dismiss,
      // Screen readers hear errors at once, the rest politely.
      ariaRole: notice.type === 'error' ? 'alert' : 'status',
    };
    setItems(shown => [item, ...shown.filter(other => other.id !== id)].slice(0, MAX_SHOWN));
  }, []);
  const clear = useCallback(() => setItems([]), []);
  return { items, notify, clear };
}

export function NotifyProvider({ notify, children }: { notify: Notify; children: ReactNode }) {
  return <NotifyContext.Provider value={notify}>{children}</NotifyContext.Provider>;
}

export function Notices({ items }: { items: FlashbarProps.MessageDefinition[] }) {
  const stack = useMemo(() => items.length > 2, [items.length]);
  return <Flashbar items={items} stackItems={stack} i18nStrings={{ ariaLabel: 'Notifications',
    notificationBarText: 'Notifications', notificationBarAriaLabel: 'View all notifications',
    errorIconAriaLabel: 'Error', warningIconAriaLabel: 'Warning', successIconAriaLabel: 'Success',
    infoIconAriaLabel: 'Info', inProgressIconAriaLabel: 'In progress' }} />;
}
