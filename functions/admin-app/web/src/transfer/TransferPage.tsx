// Import and export: an export file of the configs you may read; an import read from such a file, shown first as
// the server's dry run (created, updated with the differences, unchanged) and written only when confirmed.
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import FileUpload from '@cloudscape-design/components/file-upload';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import { useState } from 'react';
import { apiRequest, configPath, describeError } from '../api/client';
import { useNotify } from '../app/notifications';
import { useSession, whyNot } from '../app/session';
import { refreshList } from '../configs/configList';
import { DiffTable } from '../config/DiffTable';
import { differences, type Change } from '../logic/diff';
import type { FlowConfig } from '../logic/model';

interface ExportFile { flowConfigs: FlowConfig[] }
interface ImportPlan { created: string[]; updated: string[]; unchanged: string[] }
interface ImportResult extends ImportPlan { versions?: Record<string, number> }
interface Plan { file: ExportFile; plan: ImportPlan; diffs: { id: string; version: number; changes: Change[] }[] }

export function TransferPage() {
  return <ContentLayout header={<Header variant="h1" description="Save configs to a file, or bring configs in from
    one: you see what would change before anything is written.">Import and export</Header>}>
    <SpaceBetween size="l">
      <ImportPanel />
      <ExportPanel />
    </SpaceBetween>
  </ContentLayout>;
}

function ImportPanel() {
  const session = useSession();
  const notify = useNotify();
  const cannot = whyNot(session, 'Full');
  const [files, setFiles] = useState<File[]>([]);
  const [reading, setReading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [writing, setWriting] = useState(false);
  const [done, setDone] = useState<ImportResult | null>(null);

  const choose = async (chosen: File[]) => {
    setFiles(chosen);
    setPlan(null);
    setDone(null);
    setProblem(null);
    const file = chosen[0];
    if (!file) return;
    setReading(true);
    try {
      let document: ExportFile;
      try {
        document = JSON.parse(await file.text()) as ExportFile;
      } catch {
        setProblem(`${file.name} is not JSON: choose a file the export made.`);
        return;
      }
      const { body } = await apiRequest<ImportPlan>('POST', 'flow-configs/import', { body: document,
        query: { dryRun: 'true' } });
      const byId = new Map((document.flowConfigs ?? []).map(config => [config.id, config]));
      const diffs = await Promise.all(body.updated.map(async id => {
        const stored = (await apiRequest<FlowConfig & { version: number }>('GET', configPath(id))).body;
        return { id, version: stored.version, changes: differences(stored, byId.get(id)) };
      }));
      setPlan({ file: document, plan: body, diffs });
    } catch (e) {
      setProblem(describeError(e));
    } finally {
      setReading(false);
    }
  };

  const confirm = async () => {
    if (!plan) return;
    setWriting(true);
    try {
      const { body } = await apiRequest<ImportResult>('POST', 'flow-configs/import', { body: plan.file });
      setDone(body);
      setPlan(null);
      notify({ type: 'success', content: `Imported: ${body.created.length} created, ${body.updated.length} updated, `
        + `${body.unchanged.length} unchanged.` });
      refreshList();
    } catch (e) {
      notify({ type: 'error', header: 'Not imported', content: describeError(e) });
    } finally {
      setWriting(false);
    }
  };

  const ids = (items: string[], label: string) => items.length
    ? <ul aria-label={label}>{items.map(id => <li key={id}>{id}</li>)}</ul> : <Box>None.</Box>;
  return <Container header={<Header variant="h2">Import</Header>}>
    <SpaceBetween size="l">
      {cannot ? <Alert type="info">{cannot}</Alert> : <FormField label="Export file"
        description="A JSON file the export made. Nothing is written until you confirm.">
        <FileUpload value={files} onChange={e => void choose(e.detail.value)} accept="application/json,.json"
          showFileSize
          i18nStrings={{ uploadButtonText: () => 'Choose file', dropzoneText: () => 'Drop a file to import',
            removeFileAriaLabel: () => 'Remove file', limitShowFewer: 'Show fewer files',
            limitShowMore: 'Show more files', errorIconAriaLabel: 'Error', warningIconAriaLabel: 'Warning' }} />
      </FormField>}
      {reading ? <Box><Spinner /> Asking the server what this file would change (nothing is written)…</Box> : null}
      {problem ? <Alert type="error" header="This file cannot be imported">{problem}</Alert> : null}
      {plan ? <SpaceBetween size="m">
        <Alert type="info" header="Dry run">Nothing has been written yet.</Alert>
        <ColumnLayout columns={3} variant="text-grid">
          <div><Box variant="h3">{`Would be created: ${plan.plan.created.length}`}</Box>
            {ids(plan.plan.created, 'Would be created')}</div>
          <div><Box variant="h3">{`Would be updated: ${plan.plan.updated.length}`}</Box>
            {ids(plan.plan.updated, 'Would be updated')}</div>
          <div><Box variant="h3">{`Unchanged: ${plan.plan.unchanged.length}`}</Box>
            {ids(plan.plan.unchanged, 'Unchanged')}</div>
        </ColumnLayout>
        {plan.diffs.map(diff => <DiffTable key={diff.id} caption={`'${diff.id}' would change`}
          left={`Version ${diff.version} (stored)`} right="In the file" changes={diff.changes} />)}
        <Button variant="primary" loading={writing} disabled={plan.plan.created.length + plan.plan.updated.length === 0}
          disabledReason="The file changes nothing" onClick={() => void confirm()}>Import these changes</Button>
      </SpaceBetween> : null}
      {done ? <Alert type="success" header="Imported">
        {Object.keys(done.versions ?? {}).length ? <ul aria-label="Versions written">
          {Object.entries(done.versions ?? {}).map(([id, version]) => <li key={id}>{`${id} is now version ${version}`}</li>)}
        </ul> : 'Nothing needed writing.'}
      </Alert> : null}
    </SpaceBetween>
  </Container>;
}

function ExportPanel() {
  const notify = useNotify();
  const [prefix, setPrefix] = useState('');
  const [busy, setBusy] = useState(false);
  const exportFile = async () => {
    setBusy(true);
    try {
      const { body } = await apiRequest<ExportFile>('GET', 'flow-configs/export', { query: {
        prefix: prefix.trim() || undefined } });
      const url = URL.createObjectURL(new Blob([JSON.stringify(body, null, 2)], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = 'flow-configs-export.json';
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      notify({ type: 'success', content: `Exported ${body.flowConfigs.length} config(s).` });
    } catch (e) {
      notify({ type: 'error', header: 'Not exported', content: describeError(e) });
    } finally {
      setBusy(false);
    }
  };
  return <Container header={<Header variant="h2" description="Every config you may read, or those whose id starts
    with a prefix, as one JSON file.">Export</Header>}>
    <SpaceBetween size="m" direction="horizontal" alignItems="end">
      <FormField label="Id starts with (optional)"><Input value={prefix} onChange={e => setPrefix(e.detail.value)} />
      </FormField>
      <Button loading={busy} onClick={() => void exportFile()}>Export</Button>
    </SpaceBetween>
  </Container>;
}
