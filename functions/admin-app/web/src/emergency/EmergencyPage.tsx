// The emergency page: pick configs (by ticking or by id prefix), say what the emergency sets and until when, confirm
// against the server's dry run; below, the configs in emergency now, each with its end, to end one, several or all.
import AttributeEditor from '@cloudscape-design/components/attribute-editor';
import Checkbox from '@cloudscape-design/components/checkbox';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import DatePicker from '@cloudscape-design/components/date-picker';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Link from '@cloudscape-design/components/link';
import RadioGroup from '@cloudscape-design/components/radio-group';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import TextFilter from '@cloudscape-design/components/text-filter';
import TimeInput from '@cloudscape-design/components/time-input';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNotify } from '../app/notifications';
import { configHref, followLink } from '../app/router';
import { useSession, whyNot } from '../app/session';
import { browserZone, formatInstant } from '../app/time';
import { ensureListLoaded, loadMore, refreshList, setTicked, useConfigList } from '../configs/configList';
import { ConfirmSwitch } from './ConfirmSwitch';
import { describeSelection, endEmergency, listInEmergency, plural, startEmergency, type EmergencyReport,
  type InEmergency, type Selection, type StartRequest } from './emergencyApi';

interface VariableRow { name: string; value: string }
interface PromptRow { prompt: string; language: string; voice: string; chat: string }
interface Pending { verb: 'Start' | 'End'; selection: Selection; lines: string[]; request?: StartRequest }

export function EmergencyPage() {
  const session = useSession();
  const notify = useNotify();
  const list = useConfigList();
  useEffect(ensureListLoaded, []);
  const [by, setBy] = useState<'ticked' | 'prefix'>('ticked');
  const [prefix, setPrefix] = useState('');
  const [text, setText] = useState('');
  const [variables, setVariables] = useState<VariableRow[]>([{ name: '', value: '' }]);
  const [prompts, setPrompts] = useState<PromptRow[]>([]);
  const [untilDate, setUntilDate] = useState('');
  const [untilTime, setUntilTime] = useState('');
  const [description, setDescription] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [result, setResult] = useState<{ verb: string; report: EmergencyReport } | null>(null);
  const [endTicked, setEndTicked] = useState<string[]>([]);
  const [noEnd, setNoEnd] = useState(false);
  const [inEmergency, setInEmergency] = useState<InEmergency[] | null>(null);
  const [inEmergencyError, setInEmergencyError] = useState('');
  const [listed, setListed] = useState(0);
  const cannot = whyNot(session, 'Edit');
  const noEndReason = whyNot(session, 'Full');

  useEffect(() => {
    let live = true;
    listInEmergency().then(items => { if (live) { setInEmergency(items); setInEmergencyError(''); } },
      e => { if (live) setInEmergencyError(e instanceof Error ? e.message : String(e)); });
    return () => { live = false; };
  }, [listed]);

  const shown = useMemo(() => list.items.filter(item => !text || item.id.toLowerCase().includes(text.toLowerCase())
    || (item.description ?? '').toLowerCase().includes(text.toLowerCase())), [list.items, text]);
  const ticked = list.items.filter(item => list.ticked.includes(item.id));

  const selection = (): Selection | null => {
    if (by === 'prefix') {
      if (!prefix.trim()) {
        setProblem('Type the id prefix of the configs.');
        return null;
      }
      return { prefix: prefix.trim() };
    }
    if (!list.ticked.length) {
      setProblem('Tick the configs first, or choose every config whose id starts with a prefix.');
      return null;
    }
    return { ids: [...list.ticked] };
  };

  const whatItSets = (): StartRequest['set'] => {
    const set: StartRequest['set'] = {};
    for (const row of variables) {
      if (!row.name.trim()) continue;
      set.variables = { ...set.variables, [row.name.trim()]: row.value };
    }
    for (const row of prompts) {
      if (!row.prompt.trim() || !row.language.trim()) continue;
      const texts: { voice?: string; chat?: string } = {};
      if (row.voice) texts.voice = row.voice;
      if (row.chat) texts.chat = row.chat;
      set.prompts = { ...set.prompts, [row.prompt.trim()]: { ...set.prompts?.[row.prompt.trim()],
        [row.language.trim()]: texts } };
    }
    return set;
  };

  const start = () => {
    setProblem(null);
    const chosen = selection();
    if (!chosen) return;
    const set = whatItSets();
    if (!set.variables && !set.prompts) {
      setProblem('Give at least one variable or prompt text to set.');
      return;
    }
    if (noEnd && untilDate) {
      setProblem('Give an end or tick "No end", not both.');
      return;
    }
    if (untilTime && !untilDate) {
      setProblem('Give the date the emergency ends, or leave the time empty too.');
      return;
    }
    const until = untilDate ? new Date(`${untilDate}T${untilTime || '00:00'}`) : null;
    if (until && until.getTime() <= Date.now()) {
      setProblem('The end is in the past: give a later date and time, or leave both empty.');
      return;
    }
    const request: StartRequest = { set };
    if (until) request.until = until.toISOString();
    if (noEnd && !until) request.noEnd = true;
    if (description.trim()) request.description = description.trim();
    const sets = [...Object.entries(set.variables ?? {}).map(([k, v]) => `${k} = ${v}`),
      ...Object.entries(set.prompts ?? {}).flatMap(([p, ls]) => Object.keys(ls).map(l => `prompt ${p} in ${l}`))];
    setPending({ verb: 'Start', selection: chosen, request, lines: [`You chose ${describeSelection(chosen)}.`,
      `It sets ${sets.join('; ')}${until ? `, until ${formatInstant(until.toISOString())}.`
        : request.noEnd ? ', with no end: until someone ends it.'
          : ', until it ends by itself after the default maximum (24 hours unless your administrator changed it).'}`,
      'Configs you may not edit are refused and named; the others change at once.'] });
  };

  const end = (chosen: Selection) => {
    setProblem(null);
    setPending({ verb: 'End', selection: chosen, lines: [`This takes the emergency away from `
      + `${describeSelection(chosen)}. They go back to their own values and schedules.`] });
  };

  const dryRun = useCallback(() => pending!.verb === 'Start'
    ? startEmergency(pending!.selection, pending!.request!, true) : endEmergency(pending!.selection, true), [pending]);

  const go = async () => {
    if (!pending) return;
    const verb = pending.verb === 'Start' ? 'started' : 'ended';
    try {
      const report = pending.verb === 'Start' ? await startEmergency(pending.selection, pending.request!, false)
        : await endEmergency(pending.selection, false);
      setResult({ verb, report });
      const notDone = report.notDone ?? [];
      const ends = pending.verb !== 'Start' ? '' : report.until
        ? ` It ends ${formatInstant(report.until)}${report.defaultEnd ? ' (the default maximum).' : '.'}`
        : ' It has no end: end it here when it is over.';
      notify({ type: report.refused.length || notDone.length ? 'warning' : 'success',
        content: `Emergency ${verb}: ${report.changed.length} changed, ${report.refused.length} refused`
          + (notDone.length ? `, ${notDone.length} not done yet.` : '.') + ends });
      setEndTicked([]);
      setListed(n => n + 1);
      refreshList();
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  };

  return <ContentLayout header={<Header variant="h1" description="Put one message or value in front of everything
    else in the configs you choose, until you end it.">Emergency</Header>}>
    <SpaceBetween size="l">
      {cannot ? <Alert type="info" header="You can look, not switch">{cannot}</Alert> : null}
      <Container header={<Header variant="h2">Which configs</Header>}>
        <SpaceBetween size="m">
          <RadioGroup value={by} onChange={e => setBy(e.detail.value as 'ticked' | 'prefix')} ariaLabel="Which configs"
            items={[{ value: 'ticked', label: 'The configs I tick' },
              { value: 'prefix', label: 'Every config whose id starts with a prefix',
                description: 'Counted by the server, loaded here or not.' }]} />
          {by === 'prefix'
            ? <FormField label="Id prefix"><Input value={prefix} onChange={e => setPrefix(e.detail.value)} /></FormField>
            : <Table
              variant="embedded"
              items={shown}
              trackBy="id"
              selectionType="multi"
              selectedItems={ticked}
              onSelectionChange={e => setTicked(e.detail.selectedItems.map(item => item.id))}
              loading={!list.started}
              loadingText="Loading configs"
              ariaLabels={{ selectionGroupLabel: 'Configs to switch', tableLabel: 'Configs to tick',
                allItemsSelectionLabel: () => 'Tick every loaded config',
                itemSelectionLabel: (_, item) => `Tick ${item.id}` }}
              header={<Header variant="h3" counter={`(${ticked.length} ticked of ${list.items.length} loaded${
                list.nextToken ? ', more available' : ''})`}>Configs</Header>}
              filter={<TextFilter filteringText={text} onChange={e => setText(e.detail.filteringText)}
                filteringPlaceholder="Find loaded configs" filteringAriaLabel="Find loaded configs" />}
              footer={list.nextToken ? <Box textAlign="center"><Button onClick={() => void loadMore()}
                loading={list.loading}>Load more</Button></Box> : null}
              columnDefinitions={[
                { id: 'id', header: 'Id', cell: item => item.id, isRowHeader: true },
                { id: 'description', header: 'Description', cell: item => item.description ?? '' },
                { id: 'emergency', header: 'In emergency', cell: item => item.status === null || item.status
                  === undefined ? '—' : item.status.emergency ? 'Yes' : 'No' },
              ]} />}
        </SpaceBetween>
      </Container>
      <Container header={<Header variant="h2" description="Names and values are checked by the server against each
        config: a config without the variable or prompt, or whose schema refuses the value, is refused and named.">
        What it sets</Header>}>
        <SpaceBetween size="l">
          <AttributeEditor
            items={variables}
            onAddButtonClick={() => setVariables([...variables, { name: '', value: '' }])}
            onRemoveButtonClick={e => setVariables(variables.filter((_, i) => i !== e.detail.itemIndex))}
            addButtonText="Add a variable"
            removeButtonText="Remove"
            empty="No variable is set."
            definition={[
              { label: 'Variable', control: (row, i) => <Input value={row.name} ariaLabel={`Variable ${i + 1}`}
                onChange={e => setVariables(variables.map((r, j) => j === i ? { ...r, name: e.detail.value } : r))} /> },
              { label: 'Value', control: (row, i) => <Input value={row.value} ariaLabel={`Value ${i + 1}`}
                onChange={e => setVariables(variables.map((r, j) => j === i ? { ...r, value: e.detail.value } : r))} /> },
            ]} />
          <AttributeEditor
            items={prompts}
            onAddButtonClick={() => setPrompts([...prompts, { prompt: '', language: '', voice: '', chat: '' }])}
            onRemoveButtonClick={e => setPrompts(prompts.filter((_, i) => i !== e.detail.itemIndex))}
            addButtonText="Add a prompt text"
            removeButtonText="Remove"
            empty="No prompt text is set."
            definition={(['prompt', 'language', 'voice', 'chat'] as const).map(key => ({
              label: { prompt: 'Prompt', language: 'Language', voice: 'Voice text', chat: 'Chat text' }[key],
              control: (row: PromptRow, i: number) => <Input value={row[key]} ariaLabel={`${{ prompt: 'Prompt',
                language: 'Language', voice: 'Voice text', chat: 'Chat text' }[key]} ${i + 1}`}
              onChange={e => setPrompts(prompts.map((r, j) => j === i ? { ...r, [key]: e.detail.value } : r))} />,
            }))} />
          <ColumnLayout columns={3}>
            <FormField label="Until (optional)" description={`Your time (${browserZone()}). Empty: it ends by itself`
              + ' after the default maximum (24 hours unless your administrator changed it).'}>
              <DatePicker value={untilDate} onChange={e => setUntilDate(e.detail.value)} placeholder="YYYY/MM/DD"
                openCalendarAriaLabel={date => `Choose the end date${date ? `, ${date}` : ''}`} ariaLabel="End date" />
            </FormField>
            <FormField label="Time" description={browserZone()}>
              <TimeInput value={untilTime} onChange={e => setUntilTime(e.detail.value)} format="hh:mm"
                placeholder="hh:mm" ariaLabel="End time" />
            </FormField>
            <FormField label="Description (optional)">
              <Input value={description} onChange={e => setDescription(e.detail.value)} ariaLabel="Description" />
            </FormField>
          </ColumnLayout>
          <Checkbox name="no-end" checked={noEnd} disabled={!!noEndReason} onChange={e => setNoEnd(e.detail.checked)}
            description={noEndReason ? `${noEndReason} An emergency with no end needs Full access.`
              : 'It stays on until someone ends it. Needs Full access on each config.'}>No end</Checkbox>
          {problem ? <Alert type="error">{problem}</Alert> : null}
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="primary" disabled={!!cannot} disabledReason={cannot ?? undefined} onClick={start}>
              Start emergency…</Button>
            <Button disabled={!!cannot} disabledReason={cannot ?? undefined} onClick={() => {
              const chosen = selection();
              if (chosen) end(chosen);
            }}>End emergency for these…</Button>
          </SpaceBetween>
        </SpaceBetween>
      </Container>
      {result ? <Report verb={result.verb} report={result.report} /> : null}
      <Table
        items={inEmergency ?? []}
        trackBy="id"
        selectionType={cannot ? undefined : 'multi'}
        selectedItems={(inEmergency ?? []).filter(item => endTicked.includes(item.id))}
        onSelectionChange={e => setEndTicked(e.detail.selectedItems.map(item => item.id))}
        loading={inEmergency === null && !inEmergencyError}
        loadingText="Loading the configs in emergency"
        ariaLabels={{ selectionGroupLabel: 'Configs in emergency', tableLabel: 'Configs in emergency now',
          allItemsSelectionLabel: () => 'Tick every config in emergency',
          itemSelectionLabel: (_, item) => `Tick ${item.id} to end its emergency` }}
        header={<Header variant="h2" counter={inEmergency ? `(${inEmergency.length})` : undefined}
          description="Every config you may read that is in an emergency now, as the server lists them." 
          actions={<SpaceBetween direction="horizontal" size="xs">
            <Button disabled={!!cannot || endTicked.length === 0} disabledReason={cannot ?? undefined}
              onClick={() => end({ ids: endTicked })}>{`End for ${plural(endTicked.length, 'ticked config')}…`}</Button>
            <Button disabled={!!cannot || !inEmergency?.length} disabledReason={cannot ?? undefined}
              onClick={() => end({ ids: (inEmergency ?? []).map(item => item.id) })}>End all…</Button>
          </SpaceBetween>}>In emergency now</Header>}
        empty={<Box textAlign="center" color="inherit">{inEmergencyError || 'No config is in an emergency.'}</Box>}
        columnDefinitions={[
          { id: 'id', header: 'Id', isRowHeader: true,
            cell: item => <Link href={configHref(item.id)} onFollow={followLink}>{item.id}</Link> },
          { id: 'until', header: 'Ends', cell: item => item.until ? formatInstant(item.until)
            : 'No end: when someone ends it' },
          { id: 'description', header: 'Description', cell: item => item.description ?? '' },
        ]} />
      {pending ? <ConfirmSwitch verb={pending.verb} lines={pending.lines} dryRun={dryRun} go={go}
        onClose={() => setPending(null)} /> : null}
    </SpaceBetween>
  </ContentLayout>;
}

function Report({ verb, report }: { verb: string; report: EmergencyReport }) {
  const notDone = report.notDone ?? [];
  const list = (items: string[], label: string) => items.length
    ? <ul aria-label={label}>{items.map(item => <li key={item}>{item}</li>)}</ul> : <Box>None.</Box>;
  return <Container header={<Header variant="h2">{`Emergency ${verb}`}</Header>}>
    <SpaceBetween size="s">
      <Box>{`${report.changed.length} changed, ${report.unchanged.length} unchanged, ${report.refused.length} refused.`
        + (notDone.length ? ` ${notDone.length} not done yet.` : '')}</Box>
      {notDone.length ? <Alert type="warning">{`Time ran out before ${plural(notDone.length, 'config')} were changed;`
        + ' nothing is wrong with them. Run the same switch again to finish: configs already switched stay as they'
        + ' are.'}</Alert> : null}
      <ColumnLayout columns={3} variant="text-grid">
        <div><Box variant="h3">Changed</Box>{list(report.changed.map(c => `${c.id}: now version ${c.version}`),
          'Changed')}</div>
        <div><Box variant="h3">Unchanged</Box>{list(report.unchanged.map(id => `${id}: already as asked`),
          'Unchanged')}</div>
        <div><Box variant="h3">Refused</Box>{list(report.refused.map(r => `${r.id}: ${r.message} (${r.code})`),
          'Refused')}</div>
      </ColumnLayout>
      {notDone.length ? list(notDone, 'Not done yet') : null}
    </SpaceBetween>
  </Container>;
}
