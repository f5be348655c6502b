// What a contact flow gets: GetConfig's result for a language and channel, now or at a chosen moment, for the saved
// config or the unsaved draft; its size against Amazon Connect's limit and the prompts no language fits.
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import DatePicker from '@cloudscape-design/components/date-picker';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import ProgressBar from '@cloudscape-design/components/progress-bar';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import TimeInput from '@cloudscape-design/components/time-input';
import { useState } from 'react';
import { apiRequest, configPath } from '../api/client';
import { describeField, errorMessage, type FieldError } from '../logic/errors';
import type { FlowConfig } from '../logic/model';
import { CONNECT_LIMIT_BYTES, resultSize, sizeSummary } from '../logic/size';
import { formatInstant, instantOf, isKnownZone } from '../logic/time';
import { ZoneInput } from './ZoneInput';

const CHANNELS = ['voice', 'chat', 'task', 'email'];
// Keys GetConfig adds beside the config's own values (ResultKeys): shown in the advanced part only.
const STATUS_KEYS = new Set(['error', 'errorMessage', 'missingPrompts', 'language', 'servedLanguage',
  'fallbackPrompts', 'configVersion', 'stale', 'activeSchedules', 'calendarEntries']);

interface PreviewAnswer {
  at: string;
  result: Record<string, string>;
  sizeBytes?: number;
  missingPrompts?: string[];
  problems?: FieldError[];
}

export function PreviewPanel({ id, draft, dirty, headingLevel = 'h2' }:
  { id: string; draft: FlowConfig; dirty: boolean; headingLevel?: 'h2' | 'h3' }) {
  const languages = new Set([draft.defaultLanguage || 'en-US']);
  Object.values(draft.prompts || {}).forEach(p => Object.keys(p).forEach(l => languages.add(l)));
  const [language, setLanguage] = useState(draft.defaultLanguage || 'en-US');
  const [channel, setChannel] = useState('voice');
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [zone, setZone] = useState(draft.timeZone || 'UTC');
  const [answer, setAnswer] = useState<{ data?: PreviewAnswer; unsaved: boolean; error?: string; zone: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    const body: Record<string, unknown> = { lang: language, channel };
    const shownZone = zone.trim() || 'UTC';
    if (date) {
      if (!isKnownZone(shownZone)) {
        setAnswer({ unsaved: dirty, error: `'${zone}' is not a time zone this browser knows.`, zone: shownZone });
        return;
      }
      body.at = instantOf(`${date}T${time || '00:00'}`, shownZone);
    }
    if (dirty) body.config = draft;
    setBusy(true);
    try {
      const { body: data } = await apiRequest<PreviewAnswer>('POST', configPath(id, '/preview'), { body });
      setAnswer({ data, unsaved: dirty, zone: shownZone });
    } catch (e) {
      setAnswer({ unsaved: dirty, error: errorMessage(e), zone: shownZone });
    } finally {
      setBusy(false);
    }
  };

  return <SpaceBetween size="m">
    <Header variant={headingLevel} description="Exactly what GetConfig returns to a contact flow.">Preview</Header>
    <ColumnLayout columns={2} minColumnWidth={150}>
      <FormField label="Language">
        <Select name="preview-language" ariaLabel="Preview language" selectedOption={{ value: language, label: language }}
          options={[...languages].sort().map(l => ({ value: l, label: l }))}
          onChange={e => setLanguage(e.detail.selectedOption.value ?? 'en-US')} />
      </FormField>
      <FormField label="Channel">
        <Select name="preview-channel" ariaLabel="Preview channel" selectedOption={{ value: channel, label: channel }}
          options={CHANNELS.map(c => ({ value: c, label: c }))}
          onChange={e => setChannel(e.detail.selectedOption.value ?? 'voice')} />
      </FormField>
      <FormField label="At date (optional)" description="Empty: now.">
        <DatePicker name="preview-at" value={date} placeholder="YYYY/MM/DD"
          openCalendarAriaLabel={selected => 'Choose the preview date' + (selected ? `, selected ${selected}` : '')}
          onChange={e => setDate(e.detail.value)} />
      </FormField>
      <FormField label="At time" description="24-hour clock.">
        <TimeInput name="preview-at-time" ariaLabel="Preview at time" format="hh:mm" placeholder="hh:mm" value={time}
          onChange={e => setTime(e.detail.value)} />
      </FormField>
      <FormField label="In time zone">
        <ZoneInput name="preview-zone" label="Preview time zone" value={zone} onChange={setZone} />
      </FormField>
    </ColumnLayout>
    <Button onClick={run} loading={busy}>Preview</Button>
    <div id="preview-result" aria-live="polite">
      {answer ? <PreviewResult answer={answer} /> : null}
    </div>
  </SpaceBetween>;
}

function PreviewResult({ answer }: { answer: { data?: PreviewAnswer; unsaved: boolean; error?: string; zone: string } }) {
  if (answer.error) return <StatusIndicator type="error">{answer.error}</StatusIndicator>;
  const data = answer.data!;
  const result = data.result || {};
  const size = sizeSummary(data.sizeBytes ?? resultSize(result));
  const missing = data.missingPrompts ?? (result.missingPrompts ? result.missingPrompts.split(',').filter(Boolean) : []);
  const own = Object.entries(result).filter(([key]) => !STATUS_KEYS.has(key));
  const when = formatInstant(data.at, { timeZone: answer.zone });
  return <SpaceBetween size="s">
    {answer.unsaved ? <Box>Preview of your unsaved changes.</Box> : null}
    {/* A result too large carries no activeSchedules: then nothing is said about schedules. */}
    {'activeSchedules' in result ? <div id="active-schedules">{result.activeSchedules
      ? `Schedules active at ${when}: ${result.activeSchedules.split(',').join(', ')}`
        + (result.calendarEntries ? ` (calendar: ${result.calendarEntries.split(',').join(', ')}).` : '.')
      : `No schedule is active at ${when}.`}</div> : null}
    {result.error ? <StatusIndicator type="error">{result.errorMessage || result.error}</StatusIndicator> : null}
    {(data.problems || []).map(p => <StatusIndicator key={p.field + p.message} type="warning">
      {`${describeField(p.field)}: ${p.message}`}</StatusIndicator>)}
    <div id="preview-size">
      <ProgressBar value={Math.min(100, Math.round(size.bytes * 100 / CONNECT_LIMIT_BYTES))} label="Size"
        description={size.text} status={size.level === 'error' ? 'error' : 'in-progress'}
        additionalInfo={size.level === 'warning' ? 'Close to the limit.' : undefined} />
    </div>
    <div id="missing-prompts">{missing.length
      ? <StatusIndicator type="warning">{`Missing prompts: ${missing.join(', ')}`}</StatusIndicator>
      : <StatusIndicator type="success">No missing prompts.</StatusIndicator>}</div>
    <div className="config-preview">
      <Table variant="embedded" header={<Header variant="h3">What the flow gets</Header>}
        ariaLabels={{ tableLabel: 'What the flow gets' }} items={own} trackBy={([key]) => key} wrapLines
        empty={<Box>Nothing.</Box>}
        columnDefinitions={[
          { id: 'key', header: 'Name', cell: ([key]) => key, isRowHeader: true },
          { id: 'value', header: 'Value', cell: ([, value]) => <pre>{value}</pre> },
        ]} />
    </div>
    <ExpandableSection headerText="Advanced: every key exactly as the flow reads it">
      <div className="config-preview">
        <Table variant="embedded" ariaLabels={{ tableLabel: '$.External values' }} items={Object.entries(result)}
          trackBy={([key]) => key} wrapLines
          columnDefinitions={[
            { id: 'key', header: 'Key', cell: ([key]) => `$.External.${key}`, isRowHeader: true },
            { id: 'value', header: 'Value', cell: ([, value]) => <pre>{value}</pre> },
          ]} />
      </div>
    </ExpandableSection>
  </SpaceBetween>;
}
