// When each schedule starts and ends over the coming days, on the wall clock of its own zone, with the year.
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import DatePicker from '@cloudscape-design/components/date-picker';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import TimeInput from '@cloudscape-design/components/time-input';
import { useCallback, useEffect, useState } from 'react';
import { apiRequest, configPath } from '../api/client';
import { describeField, errorMessage, fieldErrorsOf } from '../logic/errors';
import { formatInstant, instantOf, offsetLabel, wallClock } from '../logic/time';

const MAX_DAYS = 31;

interface Entry {
  schedule: string;
  description?: string;
  localStart: string;
  localEnd?: string;
  timeZone: string;
  /** For a schedule on a calendar: the entry that made the stretch active. */
  calendarEntry?: string;
}

export function TimelineTab({ id, zone, scheduleCount }: { id: string; zone: string; scheduleCount: number }) {
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [days, setDays] = useState('7');
  const [answer, setAnswer] = useState<{ from: string; to: string; entries: Entry[] } | null>(null);
  const [error, setError] = useState('');

  const load = useCallback(async (fromDate: string, fromTime: string, dayCount: string) => {
    try {
      const from = fromDate ? instantOf(`${fromDate}T${fromTime || '00:00'}`, zone) ?? undefined : undefined;
      const { body } = await apiRequest<{ from: string; to: string; entries: Entry[] }>('GET',
        configPath(id, '/timeline'), { query: { days: dayCount, from } });
      setAnswer(body);
      setError('');
    } catch (e) {
      const fields = fieldErrorsOf(e);
      setError(fields.length ? fields.map(f => `${describeField(f.field)}: ${f.message}`).join(' ') : errorMessage(e));
    }
  }, [id, zone]);
  useEffect(() => { load('', '', '7'); }, [load]);

  const daysWrong = !/^\d+$/.test(days) || Number(days) < 1 || Number(days) > MAX_DAYS;
  return <SpaceBetween size="l">
    <Header variant="h2" description={`${scheduleCount} schedule(s); the config's time zone is ${zone}.`}>Timeline</Header>
    <form aria-label="Timeline period" onSubmit={e => { e.preventDefault(); if (!daysWrong) load(date, time, days); }}>
      <SpaceBetween size="m" direction="horizontal" alignItems="end">
        <FormField label="From date (optional)" description={`In ${zone} (${offsetLabel(zone)} now); empty: now.`}>
          <DatePicker name="timeline-from" value={date} placeholder="YYYY/MM/DD"
            openCalendarAriaLabel={selected => 'Choose the first day' + (selected ? `, selected ${selected}` : '')}
            onChange={e => setDate(e.detail.value)} />
        </FormField>
        <FormField label="From time" description="24-hour clock.">
          <TimeInput name="timeline-from-time" ariaLabel="Timeline from time" format="hh:mm" placeholder="hh:mm"
            value={time} onChange={e => setTime(e.detail.value)} />
        </FormField>
        <FormField label="Days" description={`1 to ${MAX_DAYS}.`}
          errorText={daysWrong ? `Give a whole number from 1 to ${MAX_DAYS}.` : undefined}>
          <Input name="timeline-days" type="number" value={days} onChange={e => setDays(e.detail.value)} />
        </FormField>
        <Button formAction="submit" disabled={daysWrong}>Show</Button>
      </SpaceBetween>
    </form>
    <div id="timeline-result" aria-live="polite">
      {error ? <StatusIndicator type="error">{error}</StatusIndicator> : answer ? <Entries answer={answer} /> : null}
    </div>
  </SpaceBetween>;
}

function Entries({ answer }: { answer: { from: string; to: string; entries: Entry[] } }) {
  const period = `from ${formatInstant(answer.from)} to ${formatInstant(answer.to)}`;
  if (!answer.entries.length) return <Box>No schedule is active {period}.</Box>;
  return <SpaceBetween size="xs">
    <Box>{answer.entries.length} stretch(es) {period}, in start order:</Box>
    <ol id="timeline">
      {answer.entries.map((entry, k) => <li key={k} data-schedule={entry.schedule}>
        <b>{entry.description || entry.schedule}</b>
        {`: ${wallClock(entry.localStart)} → ${entry.localEnd ? wallClock(entry.localEnd) : 'open-ended (no end set)'}`
          + ` (${entry.timeZone})`}
        {entry.description ? ` — schedule ${entry.schedule}` : null}
        {entry.calendarEntry ? ` — ${entry.calendarEntry}` : null}
      </li>)}
    </ol>
  </SpaceBetween>;
}
