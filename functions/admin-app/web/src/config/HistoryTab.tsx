// Every saved version with who and when; a side-by-side diff of any two; restore for Full users.
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import { useEffect, useState } from 'react';
import { apiRequest, configPath } from '../api/client';
import { useNotify } from '../app/notifications';
import { differences, type Change } from '../logic/diff';
import { errorMessage } from '../logic/errors';
import type { FlowConfig } from '../logic/model';
import { formatInstant } from '../logic/time';
import { DiffTable } from './DiffTable';
import { RestoreVersionModal } from '../app/RestoreVersionModal';

interface Version {
  version: number;
  current?: boolean;
  updatedBy?: string;
  updatedAt?: string;
  archivedBecause?: string;
  archivedBy?: string;
  archivedAt?: string;
}

export function HistoryTab({ id, currentVersion, restoreReason, onRestored }:
  { id: string; currentVersion?: number; restoreReason: string | null; onRestored: () => void }) {
  const notify = useNotify();
  const [versions, setVersions] = useState<Version[] | null>(null);
  const [error, setError] = useState('');
  const [left, setLeft] = useState('');
  const [right, setRight] = useState('');
  const [diff, setDiff] = useState<{ left: string; right: string; changes: Change[] } | null>(null);
  const [restoring, setRestoring] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      let all: Version[] = [];
      let nextToken: string | undefined;
      do {
        const { body } = await apiRequest<{ versions: Version[]; nextToken?: string }>('GET',
          configPath(id, '/versions'), { query: { limit: '100', nextToken } });
        all = all.concat(body.versions);
        nextToken = body.nextToken || undefined;
      } while (nextToken && all.length < 1000);
      if (cancelled) return;
      setVersions(all);
      if (all.length) setRight(String(all[0].version));
      if (all.length > 1) setLeft(String(all[1].version)); else if (all.length) setLeft(String(all[0].version));
    })().catch(e => { if (!cancelled) setError(errorMessage(e)); });
    return () => { cancelled = true; };
  }, [id, currentVersion]);

  const compare = async () => {
    setBusy(true);
    try {
      const [a, b] = await Promise.all([left, right].map(n => apiRequest<FlowConfig>('GET', configPath(id, `/versions/${n}`))));
      setDiff({ left, right, changes: differences(a.body, b.body) });
    } catch (e) {
      notify({ type: 'error', header: 'Not compared', content: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  const restore = async (version: number) => {
    const current = versions?.find(v => v.current);
    setBusy(true);
    try {
      const { body } = await apiRequest<FlowConfig>('POST', configPath(id, `/versions/${version}/restore`),
        current ? { ifMatch: `"${current.version}"` } : { ifNoneMatch: '*' });
      notify({ type: 'success', content: `Restored version ${version} of '${id}': now version ${body.version}.` });
      setRestoring(null);
      onRestored();
    } catch (e) {
      setRestoring(null);
      notify({ type: 'error', header: 'Not restored', content: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  if (error) return <StatusIndicator type="error">{error}</StatusIndicator>;
  if (!versions) return <StatusIndicator type="loading">Loading the history…</StatusIndicator>;
  const option = (v: Version) => ({ value: String(v.version), label: `Version ${v.version}${v.current ? ' (current)' : ''}` });
  const optionOf = (n: string) => { const v = versions.find(x => String(x.version) === n); return v ? option(v) : null; };
  return <SpaceBetween size="l">
    <Table header={<Header variant="h2" counter={`(${versions.length})`}
      description={restoreReason ?? 'Restoring a version saves it again as the newest version.'}>Versions, newest first</Header>}
      ariaLabels={{ tableLabel: 'Versions' }} items={versions} trackBy={v => String(v.version)} wrapLines
      columnDefinitions={[
        { id: 'version', header: 'Version', cell: v => `${v.version}${v.current ? ' (current)' : ''}`, isRowHeader: true },
        { id: 'by', header: 'Saved by', cell: v => v.updatedBy || '—' },
        { id: 'at', header: 'Saved', cell: v => formatInstant(v.updatedAt) },
        { id: 'replaced', header: 'Replaced', cell: v => v.current ? '' : `${v.archivedBecause || ''} by ${v.archivedBy || '—'}` },
        ...(restoreReason ? [] : [{ id: 'restore', header: 'Restore', cell: (v: Version) => v.current ? ''
          : <Button ariaLabel={`Restore version ${v.version}`} onClick={() => setRestoring(v.version)}>Restore</Button> }]),
      ]} />
    <SpaceBetween size="m">
      <Header variant="h2">Compare two versions</Header>
      <SpaceBetween size="m" direction="horizontal" alignItems="end">
        <FormField label="Left">
          <Select name="left-version" ariaLabel="Left version" selectedOption={optionOf(left)} options={versions.map(option)}
            onChange={e => setLeft(e.detail.selectedOption.value ?? '')} />
        </FormField>
        <FormField label="Right">
          <Select name="right-version" ariaLabel="Right version" selectedOption={optionOf(right)} options={versions.map(option)}
            onChange={e => setRight(e.detail.selectedOption.value ?? '')} />
        </FormField>
        <Button onClick={compare} loading={busy && restoring === null}>Compare</Button>
      </SpaceBetween>
      <div id="diff" aria-live="polite">
        {diff ? <DiffTable caption={`Version ${diff.left} compared with version ${diff.right}`}
          left={`Version ${diff.left}`} right={`Version ${diff.right}`} changes={diff.changes} /> : null}
      </div>
    </SpaceBetween>
    <RestoreVersionModal version={restoring} busy={busy} onCancel={() => setRestoring(null)} onRestore={restore}
      question={`Make version ${restoring} of '${id}' current again? It is saved as a new version; nothing is lost.`} />
  </SpaceBetween>;
}
