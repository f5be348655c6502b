// The Schedules tab: the config's time zone and its schedules in order (the higher one wins), each active on dates
// (optionally between two times), every week on some days between two times (optionally in a season), in a window,
// or on the days of a shared calendar; and what each sets.
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Checkbox from '@cloudscape-design/components/checkbox';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import DatePicker from '@cloudscape-design/components/date-picker';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Multiselect from '@cloudscape-design/components/multiselect';
import RadioGroup from '@cloudscape-design/components/radio-group';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Textarea from '@cloudscape-design/components/textarea';
import TimeInput from '@cloudscape-design/components/time-input';
import { useEffect, useState } from 'react';
import { getCalendar, listCalendars, type CalendarSummary } from '../calendars/calendarApi';
import { errorMessage } from '../logic/errors';
import type { CalendarWhen, DatesWhen, Schedule, WeeklyWhen, WindowWhen } from '../logic/model';
import { addDates, crossesMidnight, DAY_NAMES, DAYS, describeSet, describeWhen, KIND_LABELS, kindOf, move, newWhen,
  parseDates, parseYears, type ScheduleKind } from '../logic/schedules';
import { ssmlProblem } from '../logic/ssml';
import { localDateTime, offsetLabel } from '../logic/time';
import type { Editing } from './editing';
import { ValueEditor } from './ValueEditor';
import { ZoneInput } from './ZoneInput';

/** Focuses an element once React has drawn it (after a change that moves controls). */
export function focusSoon(selector: string): void {
  requestAnimationFrame(() => requestAnimationFrame(() => {
    const target = document.querySelector<HTMLElement>(selector);
    if (target) target.focus();
  }));
}

const zoneNote = (zone: string) => offsetLabel(zone) ? `In ${zone} (${offsetLabel(zone)} now).`
  : `'${zone}' is not a time zone this browser knows.`;

export function SchedulesTab({ editing }: { editing: Editing }) {
  const { draft, update, canEdit, errorOf } = editing;
  const schedules = draft.schedules || [];
  const configZone = draft.timeZone || 'UTC';
  const add = () => {
    const n = schedules.length;
    update(d => {
      d.schedules = d.schedules || [];
      d.schedules.push({ name: `schedule${n + 1}`, when: newWhen('dates', localDateTime(configZone).slice(0, 10)),
        set: {} });
    });
    focusSoon(`input[name="schedules[${n}].name"]`);
  };
  return <SpaceBetween size="l">
    <Container header={<Header variant="h2" description={'While a schedule is active, contact flows get what it sets'
      + ' instead of the values. When several are active, the one higher in the list wins.'}>Scheduled changes</Header>}>
      {canEdit ? <FormField label="The config's time zone"
        description="Its schedules are read in this zone unless they name their own. Empty: UTC."
        errorText={errorOf('timeZone')}>
        <ZoneInput name="timeZone" label="The config's time zone" value={draft.timeZone ?? ''} placeholder="UTC"
          onChange={zone => update(d => { if (zone.trim()) d.timeZone = zone.trim(); else delete d.timeZone; })} />
      </FormField> : <Box>Time zone: {configZone}</Box>}
    </Container>
    {schedules.length ? <ol className="config-schedules" aria-label="Schedules, the first wins">
      {schedules.map((schedule, i) => <li key={i}>
        <ScheduleEditor editing={editing} schedule={schedule} index={i} count={schedules.length} />
      </li>)}
    </ol> : <Box>No schedules.</Box>}
    {canEdit ? <Button onClick={add} iconName="add-plus">Add a schedule</Button> : null}
  </SpaceBetween>;
}

function ScheduleEditor({ editing, schedule, index: i, count }:
  { editing: Editing; schedule: Schedule; index: number; count: number }) {
  const { draft, update, canEdit, errorOf } = editing;
  const field = `schedules[${i}]`;
  const title = schedule.name || `Schedule ${i + 1}`;
  const configZone = draft.timeZone || 'UTC';
  const zone = schedule.timeZone || configZone;
  const edit = (change: (s: Schedule) => void) => update(d => change(d.schedules![i]));
  const header = <Header variant="h3" description={describeWhen(schedule.when, zone)} actions={canEdit
    ? <SpaceBetween size="xs" direction="horizontal">
      <Button ariaLabel={`Move ${title} up`} disabled={i === 0} onClick={() => {
        update(d => { d.schedules = move(d.schedules!, i, i - 1); });
        focusSoon(`button[aria-label="Move ${CSS.escape(title)} up"]`);
      }}>Move up</Button>
      <Button ariaLabel={`Move ${title} down`} disabled={i === count - 1} onClick={() => {
        update(d => { d.schedules = move(d.schedules!, i, i + 1); });
        focusSoon(`button[aria-label="Move ${CSS.escape(title)} down"]`);
      }}>Move down</Button>
      <Button ariaLabel={`Remove schedule ${title}`} onClick={() => update(d => {
        d.schedules!.splice(i, 1);
        if (d.schedules!.length === 0) delete d.schedules;
      })}>Remove</Button>
    </SpaceBetween> : undefined}>{`${i + 1}. ${title}`}</Header>;

  if (!canEdit) {
    return <Container header={header}>
      <SpaceBetween size="xs">
        {schedule.description ? <Box>{schedule.description}</Box> : null}
        <Box>Sets {describeSet(schedule.set)}.</Box>
      </SpaceBetween>
    </Container>;
  }
  const kind = kindOf(schedule.when);
  return <Container header={header}>
    <SpaceBetween size="l">
      <ColumnLayout columns={4}>
        <FormField label="Name" description="Letters, digits and underscores." errorText={errorOf(`${field}.name`)}>
          <Input name={`${field}.name`} value={schedule.name} onChange={e => edit(s => { s.name = e.detail.value; })} />
        </FormField>
        <FormField label="Description" errorText={errorOf(`${field}.description`)}>
          <Input name={`${field}.description`} value={schedule.description ?? ''} onChange={e => edit(s => {
            if (e.detail.value) s.description = e.detail.value; else delete s.description;
          })} />
        </FormField>
        <FormField label="Time zone" description={`Empty: the config's zone (${configZone}).`}
          errorText={errorOf(`${field}.timeZone`)}>
          <ZoneInput name={`${field}.timeZone`} label={`Time zone of ${title}`} value={schedule.timeZone ?? ''}
            placeholder={configZone} onChange={value => edit(s => {
              if (value.trim()) s.timeZone = value.trim(); else delete s.timeZone;
            })} />
        </FormField>
        <FormField label="Active">
          <Select name={`${field}.kind`} ariaLabel={`When ${title} is active`}
            selectedOption={{ value: kind, label: KIND_LABELS[kind] }}
            options={(Object.keys(KIND_LABELS) as ScheduleKind[]).map(k => ({ value: k, label: KIND_LABELS[k] }))}
            onChange={e => edit(s => {
              s.when = newWhen(e.detail.selectedOption.value as ScheduleKind, localDateTime(zone).slice(0, 10));
            })} />
        </FormField>
      </ColumnLayout>
      {kind === 'window' ? <WindowEditor editing={editing} index={i} zone={zone} />
        : kind === 'weekly' ? <WeeklyEditor editing={editing} index={i} zone={zone} />
          : kind === 'calendar' ? <CalendarEditor editing={editing} index={i} title={title} zone={zone} />
            : <DatesEditor editing={editing} index={i} zone={zone} />}
      <SetEditor editing={editing} index={i} title={title} />
    </SpaceBetween>
  </Container>;
}

function WindowEditor({ editing, index: i, zone }: { editing: Editing; index: number; zone: string }) {
  const when = editing.draft.schedules![i].when as WindowWhen;
  const at = `schedules[${i}].when`;
  // A time being typed is kept here until it is a whole hh:mm, so the stored value never rewrites the field mid-typing.
  const [typing, setTyping] = useState<{ from?: string; to?: string }>({});
  const set = (key: 'from' | 'to', date: string, time: string) => editing.update(d => {
    const w = d.schedules![i].when as WindowWhen;
    if (key === 'to' && !date) delete w.to;
    else w[key] = `${date}T${/^\d{2}:\d{2}$/.test(time) ? time : '00:00'}`;
  });
  const part = (key: 'from' | 'to', label: string) => {
    const value = when[key] ?? '';
    const date = value.slice(0, 10);
    const time = typing[key] ?? value.slice(11, 16);
    return <SpaceBetween size="xs" direction="horizontal">
      <FormField label={`${label} date`} description={zoneNote(zone)} errorText={editing.errorOf(`${at}.${key}`)}>
        <DatePicker name={`${at}.${key}`} value={date} placeholder="YYYY/MM/DD" openCalendarAriaLabel={
          selected => `Choose the ${label.toLowerCase()} date` + (selected ? `, selected ${selected}` : '')}
          onChange={e => set(key, e.detail.value, time)} />
      </FormField>
      <FormField label={`${label} time`} description="24-hour clock.">
        <TimeInput name={`${at}.${key}-time`} ariaLabel={`${label} time`} format="hh:mm" placeholder="hh:mm"
          value={time} onChange={e => {
            const typed = e.detail.value;
            setTyping(t => ({ ...t, [key]: typed }));
            if (/^\d{2}:\d{2}$/.test(typed) && date) set(key, date, typed);
          }} />
      </FormField>
    </SpaceBetween>;
  };
  return <ColumnLayout columns={2}>
    {part('from', 'From')}
    <SpaceBetween size="xxs">{part('to', 'To')}<Box variant="small">Empty date: no end.</Box></SpaceBetween>
  </ColumnLayout>;
}

function WeeklyEditor({ editing, index: i, zone }: { editing: Editing; index: number; zone: string }) {
  const when = editing.draft.schedules![i].when as WeeklyWhen;
  const at = `schedules[${i}].when`;
  const days = (when.days || []).map(d => String(d).toUpperCase().slice(0, 3));
  const edit = (change: (w: WeeklyWhen) => void) => editing.update(d => change(d.schedules![i].when as WeeklyWhen));
  return <SpaceBetween size="s">
    <FormField label="Days" errorText={editing.errorOf(`${at}.days`)}>
      <div role="group" aria-label="Days">
        <SpaceBetween size="m" direction="horizontal">
          {DAYS.map(day => <Checkbox key={day} name={`${at}.days.${day}`} checked={days.includes(day)}
            onChange={e => edit(w => {
              const ticked = new Set(days);
              if (e.detail.checked) ticked.add(day); else ticked.delete(day);
              w.days = DAYS.filter(d => ticked.has(d));
            })}>{DAY_NAMES[day]}</Checkbox>)}
        </SpaceBetween>
      </div>
    </FormField>
    <SpaceBetween size="m" direction="horizontal">
      <FormField label="From" description={zoneNote(zone)} errorText={editing.errorOf(`${at}.start`)}>
        <TimeInput name={`${at}.start`} format="hh:mm" placeholder="hh:mm" value={when.start ?? ''}
          onChange={e => edit(w => { w.start = e.detail.value; })} />
      </FormField>
      <FormField label="To" description="24-hour clock." errorText={editing.errorOf(`${at}.end`)}>
        <TimeInput name={`${at}.end`} format="hh:mm" placeholder="hh:mm" value={when.end ?? ''}
          onChange={e => edit(w => { w.end = e.detail.value; })} />
      </FormField>
    </SpaceBetween>
    <div aria-live="polite">{crossesMidnight(when) ? <Box>Crosses midnight: each stretch starts at {when.start} on a
      ticked day and ends at {when.end} the next morning.</Box> : null}</div>
    <SeasonEditor editing={editing} index={i} />
  </SpaceBetween>;
}

const MONTH_DAY = /^\d{2}-\d{2}$/;

/** A weekly schedule's season (from and to month-days, every year; over New Year when 'to' comes first) and years. */
function SeasonEditor({ editing, index: i }: { editing: Editing; index: number }) {
  const when = editing.draft.schedules![i].when as WeeklyWhen;
  const at = `schedules[${i}].when`;
  const [years, setYears] = useState((when.years ?? []).join(', '));
  const [yearsProblem, setYearsProblem] = useState('');
  const edit = (change: (w: WeeklyWhen) => void) => editing.update(d => change(d.schedules![i].when as WeeklyWhen));
  const seasonal = Boolean(when.season);
  const setSeason = (key: 'from' | 'to', value: string) => edit(w => {
    w.season = { ...(w.season ?? { from: '06-01', to: '08-31' }), [key]: value };
  });
  return <SpaceBetween size="s">
    <Checkbox name={`${at}.seasonal`} checked={seasonal} onChange={e => edit(w => {
      if (e.detail.checked) w.season = { from: '06-01', to: '08-31' }; else delete w.season;
    })} description="Such as summer hours from June 1 to August 31, every year.">Only in a season</Checkbox>
    {seasonal ? <SpaceBetween size="m" direction="horizontal">
      <FormField label="Season from" description="Month-day, such as 06-01." errorText={(when.season!.from
        && !MONTH_DAY.test(when.season!.from) ? 'Write it as MM-DD, such as 06-01.' : undefined)
        ?? editing.errorOf(`${at}.season.from`) ?? editing.errorOf(`${at}.season`)}>
        <Input name={`${at}.season.from`} value={when.season!.from} placeholder="MM-DD"
          onChange={e => setSeason('from', e.detail.value)} />
      </FormField>
      <FormField label="Season to" description="Included; before 'from' runs over New Year."
        errorText={(when.season!.to && !MONTH_DAY.test(when.season!.to) ? 'Write it as MM-DD, such as 08-31.'
          : undefined) ?? editing.errorOf(`${at}.season.to`)}>
        <Input name={`${at}.season.to`} value={when.season!.to} placeholder="MM-DD"
          onChange={e => setSeason('to', e.detail.value)} />
      </FormField>
    </SpaceBetween> : null}
    <FormField label="Only in these years (optional)" description="Such as 2026, 2027. Empty: every year."
      errorText={yearsProblem || editing.errorOf(`${at}.years`)}>
      <Input name={`${at}.years`} value={years} placeholder="2026, 2027" onChange={e => {
        const typed = e.detail.value;
        setYears(typed);
        const parsed = parseYears(typed);
        setYearsProblem(parsed ? '' : 'Write years of four digits, separated by commas.');
        if (parsed) edit(w => { if (parsed.length) w.years = parsed; else delete w.years; });
      }} />
    </FormField>
  </SpaceBetween>;
}

// The calendars every schedule editor offers, asked for once per page view.
let calendarList: Promise<CalendarSummary[]> | null = null;

/** A schedule on a shared calendar: every entry of it, or only the named ones. */
function CalendarEditor({ editing, index: i, title, zone }: { editing: Editing; index: number; title: string;
  zone: string }) {
  const when = editing.draft.schedules![i].when as CalendarWhen;
  const at = `schedules[${i}].when`;
  const [calendars, setCalendars] = useState<CalendarSummary[] | null>(null);
  const [entries, setEntries] = useState<string[] | null>(null);
  const [problem, setProblem] = useState('');
  const edit = (change: (w: CalendarWhen) => void) => editing.update(d => change(d.schedules![i].when as CalendarWhen));
  useEffect(() => {
    let live = true;
    calendarList = calendarList ?? listCalendars();
    calendarList.then(list => { if (live) setCalendars(list); }, e => {
      calendarList = null;
      if (live) setProblem(errorMessage(e));
    });
    return () => { live = false; };
  }, []);
  useEffect(() => {
    let live = true;
    setEntries(null);
    if (when.calendar) {
      getCalendar(when.calendar).then(answer => { if (live) setEntries(answer.body.entries.map(e => e.name)); },
        () => { if (live) setEntries([]); });
    }
    return () => { live = false; };
  }, [when.calendar]);
  const options = (calendars ?? []).map(c => ({ value: c.id, label: c.id, description: c.description }));
  const some = when.entries !== undefined;
  return <SpaceBetween size="s">
    <FormField label="Calendar" description={`Its days are read in ${zone}.`}
      errorText={problem || editing.errorOf(`${at}.calendar`)}>
      <Select name={`${at}.calendar`} ariaLabel={`Calendar of ${title}`} placeholder="Choose a calendar"
        statusType={calendars === null && !problem ? 'loading' : 'finished'} loadingText="Loading calendars"
        empty="No calendar yet: make one on the Calendars page."
        selectedOption={when.calendar ? options.find(o => o.value === when.calendar) ?? { value: when.calendar,
          label: when.calendar } : null}
        options={options} onChange={e => edit(w => {
          w.calendar = e.detail.selectedOption.value ?? '';
          delete w.entries;
        })} />
    </FormField>
    {when.calendar ? <RadioGroup ariaLabel={`Which days of ${when.calendar}`} value={some ? 'some' : 'all'}
      onChange={e => edit(w => { if (e.detail.value === 'some') w.entries = []; else delete w.entries; })}
      items={[{ value: 'all', label: 'Every entry of the calendar' }, { value: 'some', label: 'Only some entries' }]} />
      : null}
    {when.calendar && some ? <FormField label="Entries" errorText={editing.errorOf(`${at}.entries`)
      ?? (when.entries ?? []).map((_, j) => editing.errorOf(`${at}.entries[${j}]`)).find(Boolean)}>
      <Multiselect name={`${at}.entries`} ariaLabel={`Entries of ${when.calendar} for ${title}`}
        placeholder="Choose entries" deselectAriaLabel={o => `Remove ${o.label ?? o.value}`}
        statusType={entries === null ? 'loading' : 'finished'}
        loadingText="Loading the entries" empty="This calendar has no entries."
        selectedOptions={(when.entries ?? []).map(name => ({ value: name, label: name }))}
        options={(entries ?? []).map(name => ({ value: name, label: name }))}
        onChange={e => edit(w => { w.entries = e.detail.selectedOptions.map(o => o.value ?? ''); })} />
    </FormField> : null}
  </SpaceBetween>;
}

function DatesEditor({ editing, index: i, zone }: { editing: Editing; index: number; zone: string }) {
  const when = editing.draft.schedules![i].when as DatesWhen;
  const at = `schedules[${i}].when`;
  const [typed, setTyped] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [problem, setProblem] = useState('');
  const edit = (change: (w: DatesWhen) => void) => editing.update(d => change(d.schedules![i].when as DatesWhen));
  const setEntry = (j: number, date: string, from: string, to: string) => edit(w => {
    if (from || to) {
      const entry: { date: string; start?: string; end?: string } = { date };
      if (from) entry.start = from;
      if (to) entry.end = to;
      w.dates[j] = entry;
    } else {
      w.dates[j] = date;
    }
  });
  const add = () => {
    const { dates, wrong } = parseDates(typed);
    if (wrong.length || dates.length === 0) {
      setProblem(dates.length || wrong.length ? `Not a date: ${wrong.join(', ')}. Write dates as 2026-12-25.`
        : 'Type one or more dates such as 2026-12-25.');
      return;
    }
    setProblem('');
    edit(w => { w.dates = addDates(w.dates, dates, start, end); });
    setTyped('');
  };
  return <SpaceBetween size="s">
    <Box variant="h4">Dates</Box>
    {(when.dates || []).length === 0 ? <Box>No dates yet.</Box> : null}
    {(when.dates || []).map((entry, j) => {
      const value = typeof entry === 'string' ? { date: entry, start: '', end: '' }
        : { date: entry.date, start: entry.start ?? '', end: entry.end ?? '' };
      return <div role="group" aria-label={`Date ${j + 1}`} key={j}>
        <SpaceBetween size="m" direction="horizontal" alignItems="end">
          <FormField label={`Date ${j + 1}`} description={zoneNote(zone)}
            errorText={editing.errorOf(`${at}.dates[${j}]`) ?? editing.errorOf(`${at}.dates[${j}].date`)}>
            <DatePicker name={`${at}.dates[${j}]`} value={value.date} placeholder="YYYY/MM/DD"
              openCalendarAriaLabel={selected => `Choose date ${j + 1}` + (selected ? `, selected ${selected}` : '')}
              onChange={e => setEntry(j, e.detail.value, value.start, value.end)} />
          </FormField>
          <FormField label="From (optional)" errorText={editing.errorOf(`${at}.dates[${j}].start`)}>
            <TimeInput name={`${at}.dates[${j}].start`} ariaLabel={`Date ${j + 1} from`} format="hh:mm"
              placeholder="hh:mm" value={value.start} onChange={e => setEntry(j, value.date, e.detail.value, value.end)} />
          </FormField>
          <FormField label="To (optional)" errorText={editing.errorOf(`${at}.dates[${j}].end`)}>
            <TimeInput name={`${at}.dates[${j}].end`} ariaLabel={`Date ${j + 1} to`} format="hh:mm"
              placeholder="hh:mm" value={value.end} onChange={e => setEntry(j, value.date, value.start, e.detail.value)} />
          </FormField>
          <Button ariaLabel={`Remove date ${j + 1}`} onClick={() => edit(w => { w.dates.splice(j, 1); })}>Remove</Button>
        </SpaceBetween>
      </div>;
    })}
    <SpaceBetween size="m" direction="horizontal" alignItems="end">
      <FormField label="Dates to add" description="One or more, separated by commas or spaces." errorText={problem
        || editing.errorOf(`${at}.dates`)}>
        <Input name={`schedules[${i}].new-dates`} value={typed} placeholder="2026-12-24, 2026-12-25"
          onChange={e => setTyped(e.detail.value)} onKeyDown={e => { if (e.detail.key === 'Enter') add(); }} />
      </FormField>
      <FormField label="From (optional)" description={zoneNote(zone)}>
        <TimeInput name={`schedules[${i}].new-dates-start`} ariaLabel="New dates from" format="hh:mm"
          placeholder="hh:mm" value={start} onChange={e => setStart(e.detail.value)} />
      </FormField>
      <FormField label="To (optional)">
        <TimeInput name={`schedules[${i}].new-dates-end`} ariaLabel="New dates to" format="hh:mm" placeholder="hh:mm"
          value={end} onChange={e => setEnd(e.detail.value)} />
      </FormField>
      <Button onClick={add}>Add dates</Button>
    </SpaceBetween>
  </SpaceBetween>;
}

function SetEditor({ editing, index: i, title }: { editing: Editing; index: number; title: string }) {
  const { draft, update, errorOf } = editing;
  const schedule = draft.schedules![i];
  const set = schedule.set || {};
  const at = `schedules[${i}].set`;
  const setVariables = Object.keys(set.variables || {});
  const free = Object.keys(draft.variables || {}).filter(name => !setVariables.includes(name)).sort();
  const [pickedVariable, setPickedVariable] = useState('');
  const variable = free.includes(pickedVariable) ? pickedVariable : free[0] ?? '';
  const texts = Object.entries(set.prompts || {}).flatMap(([prompt, languages]) =>
    Object.keys(languages).map(language => [prompt, language] as const));
  const taken = new Set(texts.map(([p, l]) => `${p}|${l}`));
  const offered = Object.keys(draft.prompts || {}).sort().flatMap(prompt => Object.keys(draft.prompts[prompt]).sort()
    .map(language => `${prompt}|${language}`)).filter(key => !taken.has(key));
  const [pickedPrompt, setPickedPrompt] = useState('');
  const promptKey = offered.includes(pickedPrompt) ? pickedPrompt : offered[0] ?? '';
  const edit = (change: (s: NonNullable<Schedule['set']>) => void) => update(d => {
    const s = d.schedules![i];
    s.set = s.set || {};
    change(s.set);
    if (s.set.variables && Object.keys(s.set.variables).length === 0) delete s.set.variables;
    if (s.set.prompts) {
      for (const p of Object.keys(s.set.prompts)) if (Object.keys(s.set.prompts[p]).length === 0) delete s.set.prompts[p];
      if (Object.keys(s.set.prompts).length === 0) delete s.set.prompts;
    }
  });
  const problem = errorOf(at) ?? errorOf(`schedules[${i}]`);
  return <section aria-label={`What ${title} sets`}>
    <SpaceBetween size="s">
      <Box variant="h4">What it sets</Box>
      {problem ? <Alert type="error">{problem}</Alert> : null}
      {setVariables.map(name => <SpaceBetween key={name} size="m" direction="horizontal" alignItems="end">
        <FormField label={`${name} while ${title} is active`} errorText={errorOf(`${at}.variables.${name}`)}>
          <ValueEditor schema={draft.schema?.[name]} value={set.variables![name]} name={`${at}.variables.${name}`}
            label={`${name} while ${title} is active`}
            onChange={value => edit(s => { s.variables![name] = value; })} />
        </FormField>
        <Button ariaLabel={`Stop setting ${name} in ${title}`}
          onClick={() => edit(s => { delete s.variables![name]; })}>Remove</Button>
      </SpaceBetween>)}
      {free.length ? <SpaceBetween size="m" direction="horizontal" alignItems="end">
        <FormField label="Variable">
          <Select name={`${at}.add-variable`} ariaLabel={`Variable for ${title} to set`}
            selectedOption={{ value: variable, label: variable }} options={free.map(v => ({ value: v, label: v }))}
            onChange={e => setPickedVariable(e.detail.selectedOption.value ?? '')} />
        </FormField>
        <Button onClick={() => {
          edit(s => { s.variables = { ...(s.variables || {}), [variable]: draft.variables[variable] }; });
          focusSoon(`[name="${CSS.escape(`${at}.variables.${variable}`)}"]`);
        }}>Set this variable</Button>
      </SpaceBetween> : null}
      {texts.map(([prompt, language]) => {
        const text = set.prompts![prompt][language];
        const base = `${at}.prompts.${prompt}.${language}`;
        const ssml = ssmlProblem(text.voice);
        return <div role="group" aria-label={`${prompt} in ${language} while ${title} is active`} key={`${prompt}|${language}`}>
          <SpaceBetween size="xs">
            <Box variant="h5">{`${prompt} in ${language}`}</Box>
            <ColumnLayout columns={2}>
              <FormField label="Voice text (SSML)" errorText={ssml?.message ?? errorOf(`${base}.voice`)}>
                <Textarea name={`${base}.voice`} value={text.voice ?? ''} rows={2}
                  ariaLabel={`Voice text (SSML) for ${prompt} in ${language} while ${title} is active`}
                  onChange={e => edit(s => {
                    const t = s.prompts![prompt][language];
                    if (e.detail.value === '') delete t.voice; else t.voice = e.detail.value;
                  })} />
              </FormField>
              <FormField label="Chat text" description="Empty: the config's own chat text."
                errorText={errorOf(`${base}.chat`)}>
                <Textarea name={`${base}.chat`} value={text.chat ?? ''} rows={2}
                  ariaLabel={`Chat text for ${prompt} in ${language} while ${title} is active`}
                  onChange={e => edit(s => {
                    const t = s.prompts![prompt][language];
                    if (e.detail.value === '') delete t.chat; else t.chat = e.detail.value;
                  })} />
              </FormField>
            </ColumnLayout>
            <Button ariaLabel={`Stop setting ${prompt} in ${language} in ${title}`}
              onClick={() => edit(s => { delete s.prompts![prompt][language]; })}>Remove</Button>
          </SpaceBetween>
        </div>;
      })}
      {offered.length ? <SpaceBetween size="m" direction="horizontal" alignItems="end">
        <FormField label="Prompt text">
          <Select name={`${at}.add-prompt`} ariaLabel={`Prompt text for ${title} to set`}
            selectedOption={{ value: promptKey, label: promptKey.replace('|', ' in ') }}
            options={offered.map(key => ({ value: key, label: key.replace('|', ' in ') }))}
            onChange={e => setPickedPrompt(e.detail.selectedOption.value ?? '')} />
        </FormField>
        <Button onClick={() => {
          const [prompt, language] = promptKey.split('|');
          edit(s => {
            s.prompts = s.prompts || {};
            s.prompts[prompt] = { ...(s.prompts[prompt] || {}), [language]: { voice: draft.prompts[prompt][language].voice } };
          });
          focusSoon(`[name="${CSS.escape(`${at}.prompts.${prompt}.${language}.voice`)}"]`);
        }}>Set this prompt text</Button>
      </SpaceBetween> : null}
      <Box variant="small">A schedule sets only variables and prompt texts the config has.</Box>
    </SpaceBetween>
  </section>;
}
