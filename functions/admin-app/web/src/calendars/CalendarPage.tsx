// One calendar: its entries (every rule kind, an optional time range and observed rule), Save with If-Match and the
// 412 path, the computed dates of this year and the next two, the configs that use it, its versions with restore,
// and delete. Changing needs Full access on the calendar's id (a change reaches every config that uses it).
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import DatePicker from '@cloudscape-design/components/date-picker';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Link from '@cloudscape-design/components/link';
import Modal from '@cloudscape-design/components/modal';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import TimeInput from '@cloudscape-design/components/time-input';
import { useCallback, useEffect, useState } from 'react';
import { apiRequest } from '../api/client';
import { atLeast } from '../app/access';
import { useNotify } from '../app/notifications';
import { showSaveRefused, type SaveErrors } from '../app/saveRefused';
import { configHref, followLink, navigate } from '../app/router';
import { useSession } from '../app/session';
import { useUnsavedChanges } from '../app/unsaved';
import { calendarBody, datesByYear, describeEntry, ENTRY_KINDS, entryOfKind, MONTHS, OBSERVED, WEEKDAYS,
  yearViewPeriod, type Calendar, type CalendarDate, type CalendarEntry, type EntryKind, type Observed }
  from '../logic/calendars';
import { errorMessage } from '../logic/errors';
import { clone, sameConfig } from '../logic/model';
import { formatInstant, readableDate } from '../logic/time';
import { calendarDates, calendarPath, getCalendar } from './calendarApi';
import { RestoreVersionModal } from '../app/RestoreVersionModal';

const SHOWN_FIELD = /^(description|entries\[\d+\]\.(name|kind|date|month|day|weekday|nth|offset|computus|start|end|observed))$/;
const NTH: Record<string, string> = { 1: 'First', 2: 'Second', 3: 'Third', 4: 'Fourth', 5: 'Fifth', [-1]: 'Last' };

interface Loaded { base: Calendar; etag?: string; draft: Calendar; created: boolean }

const localToday = (): string => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

export function CalendarPage({ id }: { id: string }) {
  const session = useSession();
  const notify = useNotify();
  const region = session.readOnlyRegion;
  const level = session.levelFor(id);
  const full = !region && atLeast(level, 'Full');
  const reason = region ? `This region is a read-only replica; make changes in ${region}.`
    : full ? null : 'Changing a calendar needs Full access to it: a change reaches every config that uses it.';
  // Opened from 'Create calendar' (#/calendars/<id>?new): nothing to load yet.
  const [isNew] = useState(() => /\?new$/.test(window.location.hash));

  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState('');
  const [errors, setErrors] = useState<SaveErrors | null>(null);
  const [conflict, setConflict] = useState<{ theirs: Calendar; etag?: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [deleting, setDeleting] = useState<'asking' | 'busy' | null>(null);
  const [deleteProblem, setDeleteProblem] = useState('');
  const [deleted, setDeleted] = useState(false);
  const [dates, setDates] = useState<CalendarDate[] | null>(null);
  const [datesError, setDatesError] = useState('');

  const load = useCallback(async () => {
    if (isNew) {
      const draft: Calendar = { description: '', entries: [] };
      setLoaded({ base: draft, draft: clone(draft), created: false });
      return;
    }
    try {
      const { body, etag } = await getCalendar(id);
      setLoaded({ base: body, etag, draft: clone(body), created: true });
      setConflict(null);
      setErrors(null);
    } catch (e) {
      setLoadError(errorMessage(e));
    }
  }, [id, isNew]);
  useEffect(() => { load(); }, [load]);

  const version = loaded?.base.version;
  const created = loaded?.created ?? false;
  useEffect(() => {
    if (!created) return;
    let live = true;
    const { from, to } = yearViewPeriod(localToday());
    calendarDates(id, from, to).then(list => { if (live) { setDates(list); setDatesError(''); } },
      e => { if (live) setDatesError(errorMessage(e)); });
    return () => { live = false; };
  }, [id, version, created]);

  const dirty = loaded !== null && !sameConfig(calendarBody(loaded.draft), calendarBody(loaded.base));
  useUnsavedChanges(dirty && !deleted, `You have unsaved changes to the calendar '${id}'. Leave without saving?`);

  if (loadError) return <Alert type="error" header={`The calendar '${id}' could not be opened`}>{loadError}</Alert>;
  if (!loaded) return <StatusIndicator type="loading">Loading {id}…</StatusIndicator>;
  const { base, draft } = loaded;
  const errorOf = (field: string) => errors?.byField[field];
  const update = (change: (draft: Calendar) => void) => setLoaded(current => {
    if (!current) return current;
    const next = clone(current.draft);
    change(next);
    return { ...current, draft: next };
  });

  const save = async () => {
    if (!full || saving || (!dirty && created)) return;
    setSaving(true);
    try {
      const { body, etag } = await apiRequest<Calendar>('PUT', calendarPath(id), { body: calendarBody(draft),
        ...(created ? { ifMatch: loaded.etag } : { ifNoneMatch: '*' }) });
      const fresh = { ...body, usedBy: body.usedBy ?? base.usedBy, usedByOthers: body.usedByOthers ?? base.usedByOthers };
      setLoaded({ base: fresh, etag, draft: clone(fresh), created: true });
      setErrors(null);
      setConflict(null);
      // Made: its address loses '?new', so a reload opens the saved calendar.
      if (!created) window.history.replaceState(null, '', `#/calendars/${encodeURIComponent(id)}`);
      notify({ type: 'success', content: created ? `Saved the calendar '${id}': now version ${body.version}.`
        : `Created the calendar '${id}' (version ${body.version}).` });
    } catch (e) {
      const first = await showSaveRefused<Calendar>(e, { notify, shown: SHOWN_FIELD, latest: () => getCalendar(id),
        savedMeanwhile: version => `Version ${version} of '${id}' was saved meanwhile. Your changes are kept.`,
        setConflict, setErrors });
      if (first) requestAnimationFrame(() => document.querySelector<HTMLElement>(`[name="${CSS.escape(first)}"]`)?.focus());
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    setDeleting('busy');
    try {
      await apiRequest('DELETE', calendarPath(id), { ifMatch: loaded.etag });
      setDeleted(true);
      setDeleting(null);
      notify({ type: 'success', content: `Deleted the calendar '${id}'.` });
      setTimeout(() => navigate('#/calendars'), 0);
    } catch (e) {
      setDeleting('asking');
      setDeleteProblem(errorMessage(e));
      notify({ type: 'error', header: 'Not deleted', content: errorMessage(e) });
    }
  };

  const saveReason = reason ?? (!dirty && created ? 'Nothing has changed yet.'
    : draft.entries.length === 0 ? 'Add at least one entry.' : undefined);
  return <SpaceBetween size="l">
    <Header variant="h1" description={created ? `Version ${base.version}, last changed by ${base.updatedBy || '—'}`
      + (base.updatedAt ? ` on ${formatInstant(base.updatedAt)}` : '') + '.' : 'A new calendar: nothing is saved yet.'}
      actions={created && atLeast(level, 'Full') ? <Button disabled={!full} disabledReason={reason ?? undefined}
        onClick={() => { setDeleteProblem(''); setDeleting('asking'); }}>Delete calendar</Button> : undefined}>
      {id}</Header>
    {reason ? <Alert type="info" header="You can look, not change">{reason}</Alert> : null}
    <Container>
      <SpaceBetween size="m" direction="horizontal" alignItems="center">
        <Button variant="primary" disabled={!!saveReason} disabledReason={saveReason} loading={saving}
          onClick={save}>{created ? 'Save' : 'Create calendar'}</Button>
        <Button disabled={!dirty} disabledReason={dirty ? undefined : 'Nothing to discard.'} onClick={() => {
          setLoaded({ ...loaded, draft: clone(base) });
          setErrors(null);
        }}>Discard changes</Button>
        <div aria-live="polite">{dirty ? <StatusIndicator type="warning">Unsaved changes</StatusIndicator>
          : <StatusIndicator type="success">No unsaved changes</StatusIndicator>}</div>
      </SpaceBetween>
    </Container>
    {conflict ? <Alert type="warning" header={`Version ${conflict.theirs.version} was saved by `
      + `${conflict.theirs.updatedBy || 'someone'} while you were editing`} action={<SpaceBetween size="xs"
        direction="horizontal">
        <Button onClick={() => {
          setLoaded({ ...loaded, etag: conflict.etag, base: conflict.theirs, created: true });
          setConflict(null);
          notify({ type: 'info', content: `Your entries are kept on top of version ${conflict.theirs.version}; Save `
            + 'replaces it with them.' });
        }}>Keep mine</Button>
        <Button onClick={() => {
          setLoaded({ base: conflict.theirs, etag: conflict.etag, draft: clone(conflict.theirs), created: true });
          setConflict(null);
        }}>Show theirs</Button>
      </SpaceBetween>}>
      Your changes are not saved and still here. Keep yours (Save then replaces their version), or show theirs and
      lose yours.</Alert> : null}
    {errors && errors.unplaced.length ? <Alert type="error" header={`Not saved: ${errors.message}`}>
      <ul>{errors.unplaced.map(e => <li key={e.field + e.message}>{`${e.field || 'The calendar'}: ${e.message}`}</li>)}</ul>
    </Alert> : null}
    <Container header={<Header variant="h2" description={'Each entry is a day (or part of one) the calendar holds.'
      + ' Schedules on this calendar are active on these days, in their own time zone.'}>Entries</Header>}>
      <SpaceBetween size="l">
        <FormField label="Description" errorText={errorOf('description')}>
          <Input name="description" value={draft.description ?? ''} readOnly={!full} ariaLabel="Calendar description"
            onChange={e => update(d => { d.description = e.detail.value; })} />
        </FormField>
        {draft.entries.length === 0 ? <Box>No entries yet.</Box> : null}
        {full ? draft.entries.map((entry, i) => <EntryEditor key={i} entry={entry} index={i} errorOf={errorOf}
          change={change => update(d => change(d.entries[i]))}
          replace={next => update(d => { d.entries[i] = next; })}
          remove={() => update(d => { d.entries.splice(i, 1); })} />)
          : <ul aria-label="Entries">{draft.entries.map(entry => <li key={entry.name}>
            <b>{entry.name}</b>{`: ${describeEntry(entry)}`}</li>)}</ul>}
        {full ? <Button iconName="add-plus" onClick={() => {
          const n = draft.entries.length;
          update(d => { d.entries.push(entryOfKind('yearly', { name: '' })); });
          requestAnimationFrame(() => document.querySelector<HTMLElement>(`[name="entries[${n}].name"]`)?.focus());
        }}>Add an entry</Button> : null}
      </SpaceBetween>
    </Container>
    {created ? <YearView dates={dates} error={datesError} dirty={dirty} /> : null}
    {created ? <UsedBy calendar={base} /> : null}
    {created ? <Versions id={id} current={base.version} restoreReason={reason} onRestored={load} /> : null}
    <Modal visible={deleting !== null} onDismiss={() => setDeleting(null)} header={`Delete the calendar '${id}'?`}
      closeAriaLabel="Close" footer={<Box float="right"><SpaceBetween size="xs" direction="horizontal">
        <Button variant="link" onClick={() => setDeleting(null)}>Cancel</Button>
        <Button variant="primary" loading={deleting === 'busy'} onClick={remove}>{`Delete ${id}`}</Button>
      </SpaceBetween></Box>}>
      <SpaceBetween size="m">
        <Box>A calendar that a config's schedule names cannot be deleted: change those schedules first.</Box>
        <div aria-live="polite">{deleteProblem ? <Alert type="error" header="Not deleted">{deleteProblem}</Alert>
          : null}</div>
      </SpaceBetween>
    </Modal>
  </SpaceBetween>;
}

function numberOrUndefined(text: string): number | undefined {
  return /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

function EntryEditor({ entry, index: i, errorOf, change, replace, remove }: {
  entry: CalendarEntry; index: number; errorOf: (field: string) => string | undefined;
  change: (edit: (entry: CalendarEntry) => void) => void; replace: (entry: CalendarEntry) => void; remove: () => void;
}) {
  const at = `entries[${i}]`;
  const title = entry.name || `Entry ${i + 1}`;
  const monthOptions = MONTHS.map((name, m) => ({ value: String(m + 1), label: name }));
  const month = <FormField label="Month" errorText={errorOf(`${at}.month`)}>
    <Select name={`${at}.month`} ariaLabel={`Month of ${title}`} options={monthOptions}
      selectedOption={monthOptions[(entry.month ?? 1) - 1] ?? null}
      onChange={e => change(x => { x.month = Number(e.detail.selectedOption.value); })} />
  </FormField>;
  const observedOptions = (Object.keys(OBSERVED) as Observed[]).map(value => ({ value, label: OBSERVED[value] }));
  return <div role="group" aria-label={`Entry ${title}`}>
    <Container header={<Header variant="h3" description={describeEntry(entry)} actions={<Button
      ariaLabel={`Remove entry ${title}`} onClick={remove}>Remove</Button>}>{title}</Header>}>
      <SpaceBetween size="m">
        <ColumnLayout columns={3}>
          <FormField label="Name" description="What flows are told, such as Christmas Day." errorText={errorOf(`${at}.name`)}>
            <Input name={`${at}.name`} value={entry.name} onChange={e => change(x => { x.name = e.detail.value; })} />
          </FormField>
          <FormField label="Rule" errorText={errorOf(`${at}.kind`)}>
            <Select name={`${at}.kind`} ariaLabel={`Rule of ${title}`}
              selectedOption={{ value: entry.kind, label: ENTRY_KINDS[entry.kind] }}
              options={(Object.keys(ENTRY_KINDS) as EntryKind[]).map(k => ({ value: k, label: ENTRY_KINDS[k] }))}
              onChange={e => replace(entryOfKind(e.detail.selectedOption.value as EntryKind, entry, localToday()))} />
          </FormField>
          <FormField label="Observed" description="When the day falls on a weekend." errorText={errorOf(`${at}.observed`)}>
            <Select name={`${at}.observed`} ariaLabel={`Observed rule of ${title}`} options={observedOptions}
              selectedOption={observedOptions.find(o => o.value === (entry.observed ?? 'none')) ?? null}
              onChange={e => change(x => {
                if (e.detail.selectedOption.value === 'none') delete x.observed;
                else x.observed = e.detail.selectedOption.value as Observed;
              })} />
          </FormField>
        </ColumnLayout>
        <ColumnLayout columns={4}>
          {entry.kind === 'fixed' ? <FormField label="Date" errorText={errorOf(`${at}.date`)}>
            <DatePicker name={`${at}.date`} value={entry.date ?? ''} placeholder="YYYY/MM/DD"
              openCalendarAriaLabel={d => `Choose the date of ${title}` + (d ? `, selected ${d}` : '')}
              onChange={e => change(x => { x.date = e.detail.value; })} />
          </FormField> : null}
          {entry.kind === 'yearly' ? <>
            {month}
            <FormField label="Day" errorText={errorOf(`${at}.day`)}>
              <Input name={`${at}.day`} type="number" value={entry.day === undefined ? '' : String(entry.day)}
                onChange={e => change(x => { x.day = numberOrUndefined(e.detail.value); })} />
            </FormField>
          </> : null}
          {entry.kind === 'nthWeekday' ? <>
            <FormField label="Which" errorText={errorOf(`${at}.nth`)}>
              <Select name={`${at}.nth`} ariaLabel={`Which weekday of the month for ${title}`}
                selectedOption={{ value: String(entry.nth ?? 1), label: NTH[entry.nth ?? 1] ?? String(entry.nth) }}
                options={['1', '2', '3', '4', '5', '-1'].map(n => ({ value: n, label: NTH[n] }))}
                onChange={e => change(x => { x.nth = Number(e.detail.selectedOption.value); })} />
            </FormField>
            <FormField label="Weekday" errorText={errorOf(`${at}.weekday`)}>
              <Select name={`${at}.weekday`} ariaLabel={`Weekday of ${title}`}
                selectedOption={{ value: entry.weekday ?? 'MON', label: WEEKDAYS[entry.weekday ?? 'MON'] }}
                options={Object.entries(WEEKDAYS).map(([value, label]) => ({ value, label }))}
                onChange={e => change(x => { x.weekday = e.detail.selectedOption.value; })} />
            </FormField>
            {month}
          </> : null}
          {entry.kind === 'easter' ? <>
            <FormField label="Days from Easter Sunday" description="-2: Good Friday; 1: Easter Monday."
              errorText={errorOf(`${at}.offset`)}>
              <Input name={`${at}.offset`} type="number" value={entry.offset === undefined ? '' : String(entry.offset)}
                onChange={e => change(x => { x.offset = numberOrUndefined(e.detail.value); })} />
            </FormField>
            <FormField label="Easter" errorText={errorOf(`${at}.computus`)}>
              <Select name={`${at}.computus`} ariaLabel={`Which Easter for ${title}`}
                selectedOption={entry.computus === 'orthodox' ? { value: 'orthodox', label: 'Orthodox' }
                  : { value: 'western', label: 'Western' }}
                options={[{ value: 'western', label: 'Western' }, { value: 'orthodox', label: 'Orthodox' }]}
                onChange={e => change(x => {
                  if (e.detail.selectedOption.value === 'orthodox') x.computus = 'orthodox'; else delete x.computus;
                })} />
            </FormField>
          </> : null}
          <FormField label="From (optional)" description="Empty: the whole day." errorText={errorOf(`${at}.start`)}>
            <TimeInput name={`${at}.start`} ariaLabel={`${title} from`} format="hh:mm" placeholder="hh:mm"
              value={entry.start ?? ''} onChange={e => change(x => {
                if (e.detail.value) x.start = e.detail.value; else delete x.start;
              })} />
          </FormField>
          <FormField label="To (optional)" errorText={errorOf(`${at}.end`)}>
            <TimeInput name={`${at}.end`} ariaLabel={`${title} to`} format="hh:mm" placeholder="hh:mm"
              value={entry.end ?? ''} onChange={e => change(x => {
                if (e.detail.value) x.end = e.detail.value; else delete x.end;
              })} />
          </FormField>
        </ColumnLayout>
      </SpaceBetween>
    </Container>
  </div>;
}

function YearView({ dates, error, dirty }: { dates: CalendarDate[] | null; error: string; dirty: boolean }) {
  const years = datesByYear(dates ?? []);
  return <Container header={<Header variant="h2" description={'The days of this year and the next two, as the saved'
    + ' calendar computes them' + (dirty ? ' (save to see your changes here).' : '.')}>Year view</Header>}>
    {error ? <StatusIndicator type="error">{error}</StatusIndicator> : dates === null
      ? <StatusIndicator type="loading">Computing the dates…</StatusIndicator> : years.length === 0
        ? <Box>No day in these years.</Box>
        : <ColumnLayout columns={3}>{years.map(({ year, dates: list }) => <Table key={year} variant="embedded"
          items={list} trackBy={d => `${d.date}|${d.entry}`} wrapLines ariaLabels={{ tableLabel: `Days in ${year}` }}
          header={<Header variant="h3" counter={`(${list.length})`}>{year}</Header>}
          columnDefinitions={[
            { id: 'date', header: 'Date', isRowHeader: true, cell: d => <><time dateTime={d.date}>{readableDate(d.date)}</time>{d.dayOfWeek ? `, ${weekday(d.dayOfWeek)}` : ''}</> },
            { id: 'entry', header: 'Entry', cell: d => d.entry + (d.start && d.end ? ` (${d.start}–${d.end})` : '')
              + (d.observedFor ? ` (observed for ${readableDate(d.observedFor)})` : '') },
          ]} />)}</ColumnLayout>}
  </Container>;
}

const weekday = (day: string): string => day.charAt(0).toUpperCase() + day.slice(1).toLowerCase();

function UsedBy({ calendar }: { calendar: Calendar }) {
  const used = calendar.usedBy ?? [];
  const others = calendar.usedByOthers ?? 0;
  return <Container header={<Header variant="h2" description="Their schedules on this calendar follow every change
    within a minute.">Configs that use it</Header>}>
    {used.length === 0 && others === 0 ? <Box>No config uses this calendar.</Box>
      : <SpaceBetween size="xs">
        {used.length ? <ul aria-label="Configs that use it">{used.map(id => <li key={id}>
          <Link href={configHref(id)} onFollow={followLink}>{id}</Link></li>)}</ul> : null}
        {others ? <Box>{`And ${others} more config${others === 1 ? '' : 's'} you may not read.`}</Box> : null}
      </SpaceBetween>}
  </Container>;
}

interface Version { version: number; current?: boolean; updatedBy?: string; updatedAt?: string; archivedBecause?: string }

function Versions({ id, current, restoreReason, onRestored }:
  { id: string; current?: number; restoreReason: string | null; onRestored: () => void }) {
  const notify = useNotify();
  const [versions, setVersions] = useState<Version[] | null>(null);
  const [restoring, setRestoring] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    apiRequest<{ versions: Version[] }>('GET', calendarPath(id, '/versions'), { query: { limit: '50' } })
      .then(answer => { if (live) setVersions(answer.body.versions); }, () => { if (live) setVersions([]); });
    return () => { live = false; };
  }, [id, current]);
  const restore = async (n: number) => {
    setBusy(true);
    try {
      const { body } = await apiRequest<Calendar>('POST', calendarPath(id, `/versions/${n}/restore`),
        { ifMatch: `"${current}"` });
      notify({ type: 'success', content: `Restored version ${n} of the calendar '${id}': now version ${body.version}.` });
      onRestored();
    } catch (e) {
      notify({ type: 'error', header: 'Not restored', content: errorMessage(e) });
    } finally {
      setBusy(false);
      setRestoring(null);
    }
  };
  return <>
    <Table items={versions ?? []} loading={versions === null} loadingText="Loading the history" trackBy={v => String(v.version)}
      ariaLabels={{ tableLabel: 'Calendar versions' }} wrapLines
      header={<Header variant="h2" counter={versions ? `(${versions.length})` : undefined}
        description={restoreReason ?? 'Restoring a version saves it again as the newest version.'}>History</Header>}
      columnDefinitions={[
        { id: 'version', header: 'Version', isRowHeader: true, cell: v => `${v.version}${v.current ? ' (current)' : ''}` },
        { id: 'by', header: 'Saved by', cell: v => v.updatedBy || '—' },
        { id: 'at', header: 'Saved', cell: v => formatInstant(v.updatedAt) },
        ...(restoreReason ? [] : [{ id: 'restore', header: 'Restore', cell: (v: Version) => v.current ? ''
          : <Button ariaLabel={`Restore version ${v.version}`} onClick={() => setRestoring(v.version)}>Restore</Button> }]),
      ]} />
    <RestoreVersionModal version={restoring} busy={busy} onCancel={() => setRestoring(null)} onRestore={restore}
      question={`Make version ${restoring} of '${id}' current again? Every config that uses it follows.`} />
  </>;
}

export default CalendarPage;
