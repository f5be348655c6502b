// One config (contract C4): tabs for its values, prompts, schedules, timeline, history and preview; a sticky action
// bar with Save, Discard, the version and an unsaved-changes mark; GetConfig's preview beside the editor. Controls are
// offered by level (Read, Edit, Full) and region, with the reason when they are not.
import './config.css';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import PanelLayout from '@cloudscape-design/components/panel-layout';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Tabs from '@cloudscape-design/components/tabs';
import Toggle from '@cloudscape-design/components/toggle';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { apiRequest, configPath } from '../api/client';
import { atLeast } from '../app/access';
import { useNotify } from '../app/notifications';
import { showSaveRefused, type SaveErrors } from '../app/saveRefused';
import { navigate } from '../app/router';
import { useSession } from '../app/session';
import { useUnsavedChanges } from '../app/unsaved';
import { reapply } from '../logic/diff';
import { describeField, errorMessage, tabOfField } from '../logic/errors';
import { clone, sameConfig, type FlowConfig } from '../logic/model';
import { CONNECT_LIMIT_BYTES, estimateLargestResult } from '../logic/size';
import { ssmlProblem } from '../logic/ssml';
import { formatInstant } from '../logic/time';
import { ConflictPanel } from './ConflictPanel';
import { DeleteModal } from './DeleteModal';
import type { Editing } from './editing';
import { HistoryTab } from './HistoryTab';
import { PreviewPanel } from './PreviewPanel';
import { PromptsTab } from './PromptsTab';
import { SchedulesTab } from './SchedulesTab';
import { TimelineTab } from './TimelineTab';
import { ValuesTab } from './ValuesTab';

type TabId = 'values' | 'prompts' | 'schedules' | 'timeline' | 'history' | 'preview';
const TABS: TabId[] = ['values', 'prompts', 'schedules', 'timeline', 'history', 'preview'];
// Fields an editor of this page shows (the API's own paths); other field errors are listed above the tabs.
const SHOWN_FIELD = /^(description|defaultLanguage|timeZone|variables\.[^.]+|schema\.[^.]+(\.options)?|prompts\.[^.]+\.[^.]+\.(voice|chat)|schedules\[\d+\](\.(name|description|timeZone|set|when\.(from|to|start|end|days|dates(\[\d+\](\.(date|start|end))?)?|calendar|entries(\[\d+\])?|season(\.(from|to))?|years)|set\.variables\.[^.]+|set\.prompts\.[^.]+\.[^.]+\.(voice|chat)))?)$/;

interface Loaded {
  base: FlowConfig;
  etag?: string;
  draft: FlowConfig;
}

/** The first voice text (the config's or a schedule's) that is not well-formed SSML, as a sentence. */
function malformedVoice(config: FlowConfig): string | null {
  for (const [prompt, languages] of Object.entries(config.prompts || {})) {
    for (const [language, text] of Object.entries(languages)) {
      if (ssmlProblem(text.voice)) return `The voice text of ${prompt} in ${language} is not well-formed SSML.`;
    }
  }
  for (const schedule of config.schedules || []) {
    for (const [prompt, languages] of Object.entries(schedule.set?.prompts || {})) {
      for (const [language, text] of Object.entries(languages)) {
        if (ssmlProblem(text.voice)) {
          return `The voice text ${schedule.name} sets for ${prompt} in ${language} is not well-formed SSML.`;
        }
      }
    }
  }
  return null;
}

function initialTab(id: string): TabId {
  const rest = window.location.hash.split('/').slice(3).map(part => decodeURIComponent(part));
  const wanted = rest[0] === decodeURIComponent(encodeURIComponent(id)) ? rest[1] : rest[0];
  return TABS.includes(wanted as TabId) ? wanted as TabId : 'values';
}

function useWide(): boolean {
  const query = '(min-width: 1200px)';
  const [wide, setWide] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const changed = () => setWide(list.matches);
    list.addEventListener('change', changed);
    return () => list.removeEventListener('change', changed);
  }, []);
  return wide;
}

export function ConfigPage({ id }: { id: string }) {
  const session = useSession();
  const notify = useNotify();
  const level = session.levelFor(id);
  const region = session.readOnlyRegion;
  const canEdit = !region && atLeast(level, 'Edit');
  const full = !region && atLeast(level, 'Full');
  const access = atLeast(level, 'Full') ? 'You have Full access: you may change everything, including structure.'
    : atLeast(level, 'Edit') ? 'You have Edit access: you may change values and prompt texts; adding or removing'
      + ' variables, prompts and languages needs Full access.'
      : 'You have Read access: you may look, preview and play; changing needs Edit or Full access.';
  const editReason = region ? `This region is a read-only replica; make changes in ${region}.`
    : canEdit ? null : 'Changing needs Edit or Full access.';
  const structureReason = full ? null : region ? editReason
    : 'Adding or removing variables, prompts and languages, and the description and default language, need Full access.';

  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState('');
  const [tab, setTab] = useState<TabId>(() => initialTab(id));
  const [conflict, setConflict] = useState<{ theirs: FlowConfig; etag?: string } | null>(null);
  const [errors, setErrors] = useState<SaveErrors | null>(null);
  const [saving, setSaving] = useState(false);
  const [deleting, setDeleting] = useState<'asking' | 'busy' | null>(null);
  const [deleted, setDeleted] = useState(false);
  const [showPreview, setShowPreview] = useState(true);
  const wide = useWide();
  const lastField = useRef<HTMLElement | null>(null);
  const lastFieldName = useRef<string | null>(null);

  const load = useCallback(async () => {
    try {
      const { body, etag } = await apiRequest<FlowConfig>('GET', configPath(id));
      setLoaded({ base: body, etag, draft: clone(body) });
      setConflict(null);
      setErrors(null);
    } catch (e) {
      setLoadError(errorMessage(e));
    }
  }, [id]);
  useEffect(() => { load(); }, [load]);

  const dirty = loaded !== null && !sameConfig(loaded.draft, loaded.base);
  useUnsavedChanges(dirty && !deleted, `You have unsaved changes to '${id}'. Leave without saving?`);
  const badVoice = useMemo(() => loaded ? malformedVoice(loaded.draft) : null, [loaded]);
  const estimate = useMemo(() => loaded ? estimateLargestResult(loaded.draft) : null, [loaded]);

  // Focus goes back where the user was: the field last edited, as long as it is still on the page.
  const restoreFocus = () => requestAnimationFrame(() => requestAnimationFrame(() => {
    const element = lastField.current;
    if (element && element.isConnected) { element.focus(); return; }
    const name = lastFieldName.current;
    const byName = name ? document.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`) : null;
    byName?.focus();
  }));
  const focusField = (field: string) => requestAnimationFrame(() => requestAnimationFrame(() => {
    document.querySelector<HTMLElement>(`[name="${CSS.escape(field)}"]`)?.focus();
  }));

  const update = useCallback((change: (draft: FlowConfig) => void) => {
    setLoaded(current => {
      if (!current) return current;
      const draft = clone(current.draft);
      change(draft);
      return { ...current, draft };
    });
  }, []);

  if (loadError) return <Alert type="error" header={`'${id}' could not be opened`}>{loadError}</Alert>;
  if (!loaded) return <StatusIndicator type="loading">Loading {id}…</StatusIndicator>;
  const { base, draft } = loaded;

  const save = async () => {
    if (!dirty || badVoice || saving || !canEdit) return;
    setSaving(true);
    try {
      const { body, etag } = await apiRequest<FlowConfig>('PUT', configPath(id), { body: draft, ifMatch: loaded.etag });
      setLoaded({ base: body, etag, draft: clone(body) });
      setErrors(null);
      setConflict(null);
      notify({ type: 'success', content: `Saved '${id}': now version ${body.version}.` });
      restoreFocus();
    } catch (e) {
      const first = await showSaveRefused<FlowConfig>(e, { notify, shown: SHOWN_FIELD,
        latest: () => apiRequest<FlowConfig>('GET', configPath(id)),
        savedMeanwhile: version => `Version ${version} was saved meanwhile. Your changes are kept; compare and re-apply them.`,
        setConflict, setErrors });
      if (first) {
        setTab(tabOfField(first));
        focusField(first);
      }
    } finally {
      setSaving(false);
    }
  };

  const discard = () => {
    setLoaded({ ...loaded, draft: clone(base) });
    setErrors(null);
    notify({ type: 'info', content: `Your changes to '${id}' were discarded.` });
    restoreFocus();
  };

  const remove = async () => {
    setDeleting('busy');
    try {
      await apiRequest('DELETE', configPath(id), { ifMatch: loaded.etag });
      setDeleted(true);
      notify({ type: 'success', content: `Deleted '${id}' (version ${base.version} is kept in its history).` });
      setDeleting(null);
      setTimeout(() => navigate('#/configs'), 0);
    } catch (e) {
      setDeleting(null);
      notify({ type: 'error', header: 'Not deleted', content: errorMessage(e) });
    }
  };

  const editing: Editing = {
    draft, update, canEdit, full, editReason, structureReason,
    errorOf: field => errors?.byField[field],
  };
  const saveReason = editReason ?? (badVoice ? `${badVoice} Fix it to save.` : !dirty ? 'Nothing has changed yet.' : undefined);
  const sidePreview = showPreview && wide && (tab === 'values' || tab === 'prompts' || tab === 'schedules');

  const tabs = <Tabs activeTabId={tab} onChange={e => setTab(e.detail.activeTabId as TabId)} ariaLabel="Parts of the config"
    i18nStrings={{ scrollLeftAriaLabel: 'Show the tabs on the left', scrollRightAriaLabel: 'Show the tabs on the right' }}
    tabs={[
      { id: 'values', label: 'Values', content: <ValuesTab editing={editing} /> },
      { id: 'prompts', label: 'Prompts', content: <PromptsTab editing={editing} id={id} /> },
      { id: 'schedules', label: `Schedules (${(draft.schedules || []).length})`,
        content: <SchedulesTab editing={editing} /> },
      { id: 'timeline', label: 'Timeline', content: <TimelineTab id={id} zone={base.timeZone || 'UTC'}
        scheduleCount={(base.schedules || []).length} /> },
      { id: 'history', label: 'History', content: <HistoryTab id={id} currentVersion={base.version}
        restoreReason={full ? null : region ? editReason : 'Restoring a version needs Full access.'}
        onRestored={load} /> },
      { id: 'preview', label: 'Preview', content: <Container><PreviewPanel id={id} draft={draft} dirty={dirty} /></Container> },
    ]} />;

  return <div onFocusCapture={event => {
    const target = event.target as HTMLElement;
    // Fields only: the action bar, the tabs, a conflict's buttons and dialogs are not where the user was editing.
    if (target.closest('.config-action-bar, [role="tablist"], #conflict, [role="dialog"]')) return;
    if (target.matches('input, textarea, button[aria-haspopup]')) {
      lastField.current = target;
      lastFieldName.current = target.getAttribute('name');
    }
  }} onKeyDown={event => {
    if ((event.ctrlKey || event.metaKey) && event.key === 's') {
      event.preventDefault();
      save();
    }
  }}>
    <SpaceBetween size="m">
      <Header variant="h1" description={<span id="version-line">{`Version ${base.version}, last changed by `
        + `${base.updatedBy || '—'}` + (base.updatedAt ? ` on ${formatInstant(base.updatedAt)}` : '') + '.'}</span>}
        actions={atLeast(level, 'Full') ? <Button disabled={!full} disabledReason={editReason ?? undefined}
          onClick={() => setDeleting('asking')}>Delete config</Button> : undefined}>{id}</Header>
      <Box id="access" color="text-body-secondary">{access}</Box>
    </SpaceBetween>
    {/* Outside any SpaceBetween item, so it can stick to the top while the rest of the page scrolls under it. */}
      <div className="config-action-bar" role="region" aria-label="Save">
      <Container>
        <SpaceBetween size="m" direction="horizontal" alignItems="center">
          <Button variant="primary" disabled={!!saveReason} disabledReason={saveReason} loading={saving}
            onClick={save}>Save</Button>
          <Button disabled={!dirty} disabledReason={dirty ? undefined : 'Nothing to discard.'}
            onClick={discard}>Discard changes</Button>
          <Box>{`Version ${base.version}`}</Box>
          {estimate ? <Box color={estimate.bytes >= CONNECT_LIMIT_BYTES * 0.8 ? 'text-status-warning' : 'text-body-secondary'}>
            {`Result about ${(estimate.bytes / 1024).toFixed(1)} KB of 32 KB`}</Box> : null}
          <div aria-live="polite" id="unsaved">{dirty
            ? <StatusIndicator type="warning">Unsaved changes</StatusIndicator>
            : <StatusIndicator type="success">No unsaved changes</StatusIndicator>}</div>
          {wide ? <Toggle checked={showPreview} onChange={e => setShowPreview(e.detail.checked)}>
            Preview beside the editor</Toggle> : null}
        </SpaceBetween>
      </Container>
    </div>
    <SpaceBetween size="m">
      {conflict ? <ConflictPanel base={base} mine={draft} theirs={conflict.theirs}
        onReapply={() => {
          setLoaded({ base: conflict.theirs, etag: conflict.etag, draft: reapply(base, draft, conflict.theirs) });
          setConflict(null);
          notify({ type: 'info', content: `Your changes are applied on version ${conflict.theirs.version}. Review them and save.` });
          restoreFocus();
        }}
        onDiscardMine={() => {
          setLoaded({ base: conflict.theirs, etag: conflict.etag, draft: clone(conflict.theirs) });
          setConflict(null);
          notify({ type: 'info', content: `Showing version ${conflict.theirs.version}; your changes were discarded.` });
          restoreFocus();
        }} /> : null}
      {errors && errors.unplaced.length ? <Alert type="error" header={`Not saved: ${errors.message}`}>
        <ul>{errors.unplaced.map(e => <li key={e.field + e.message}>{`${describeField(e.field)}: ${e.message}`}</li>)}</ul>
      </Alert> : null}
      {sidePreview ? <PanelLayout panelPosition="side-end" resizable defaultPanelSize={380} minPanelSize={300}
        mainContent={tabs} panelContent={<Box padding={{ left: 'm' }}>
          <PreviewPanel id={id} draft={draft} dirty={dirty} headingLevel="h2" /></Box>}
        i18nStrings={{ resizeHandleAriaLabel: 'Resize the preview', resizeHandleTooltipText: 'Drag to resize' }} />
        : tabs}
    </SpaceBetween>
    <DeleteModal id={id} visible={deleting !== null} busy={deleting === 'busy'} onCancel={() => setDeleting(null)}
      onDelete={remove} />
  </div>;
}

export default ConfigPage;
