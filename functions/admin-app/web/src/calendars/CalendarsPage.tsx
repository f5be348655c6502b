// The calendars: shared holiday calendars that schedules of many configs name; create one (Full).
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Link from '@cloudscape-design/components/link';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { useEffect, useState } from 'react';
import { atLeast } from '../app/access';
import { followLink, navigate } from '../app/router';
import { useSession, whyNot } from '../app/session';
import { errorMessage } from '../logic/errors';
import { formatInstant } from '../logic/time';
import { listCalendars, type CalendarSummary } from './calendarApi';

const ID = /^[A-Za-z0-9+_.:-]{1,128}$/;
export const calendarHref = (id: string, created = false): string =>
  `#/calendars/${encodeURIComponent(id)}${created ? '?new' : ''}`;

export function CalendarsPage() {
  const session = useSession();
  const [items, setItems] = useState<CalendarSummary[] | null>(null);
  const [error, setError] = useState('');
  const [creating, setCreating] = useState(false);
  const cannot = whyNot(session, 'Full');

  useEffect(() => {
    let live = true;
    listCalendars().then(list => { if (live) setItems(list); }, e => { if (live) setError(errorMessage(e)); });
    return () => { live = false; };
  }, []);

  return <SpaceBetween size="l">
    <Table
      variant="full-page"
      items={items ?? []}
      trackBy="id"
      loading={items === null && !error}
      loadingText="Loading calendars"
      ariaLabels={{ tableLabel: 'Calendars' }}
      header={<Header variant="h1" counter={items ? `(${items.length})` : undefined}
        description="Holidays and other days kept once and named by the schedules of many configs."
        actions={<Button variant="primary" disabled={!!cannot} disabledReason={cannot
          ? `${cannot} Calendars are changed with Full access, since a change reaches every config that uses them.`
          : undefined} onClick={() => setCreating(true)}>Create calendar</Button>}>Calendars</Header>}
      empty={<Box textAlign="center" color="inherit">{error || 'No calendar yet.'}</Box>}
      columnDefinitions={[
        { id: 'id', header: 'Id', isRowHeader: true, sortingField: 'id',
          cell: item => <Link href={calendarHref(item.id)} onFollow={followLink}>{item.id}</Link> },
        { id: 'description', header: 'Description', cell: item => item.description ?? '' },
        { id: 'version', header: 'Version', cell: item => item.version ?? '' },
        { id: 'updated', header: 'Last changed', cell: item => item.updatedAt
          ? `${formatInstant(item.updatedAt)} by ${item.updatedBy ?? '—'}` : '—' },
      ]} />
    {creating ? <CreateCalendarModal taken={(items ?? []).map(item => item.id)}
      onClose={() => setCreating(false)} /> : null}
  </SpaceBetween>;
}

function CreateCalendarModal({ taken, onClose }: { taken: string[]; onClose: () => void }) {
  const session = useSession();
  const [id, setId] = useState('');
  const problem = !id ? null : !ID.test(id) ? 'An id is 1 to 128 letters, digits and + _ - . :'
    : taken.includes(id) ? `'${id}' exists already.`
      : !atLeast(session.levelFor(id), 'Full') ? `You have Full access to other ids, not to '${id}'.` : null;
  const go = () => {
    if (!id || problem) return;
    onClose();
    navigate(calendarHref(id, true));
  };
  return <Modal visible onDismiss={onClose} header="Create a calendar" closeAriaLabel="Close"
    footer={<Box float="right"><SpaceBetween size="xs" direction="horizontal">
      <Button variant="link" onClick={onClose}>Cancel</Button>
      <Button variant="primary" disabled={!id || !!problem} onClick={go}>Continue</Button>
    </SpaceBetween></Box>}>
    <FormField label="Calendar id" description="Such as us-holidays. Schedules name the calendar by it; it cannot
      change later." errorText={problem ?? undefined}>
      <Input name="calendar-id" value={id} onChange={e => setId(e.detail.value.trim())}
        onKeyDown={e => { if (e.detail.key === 'Enter') go(); }} />
    </FormField>
  </Modal>;
}

export default CalendarsPage;
