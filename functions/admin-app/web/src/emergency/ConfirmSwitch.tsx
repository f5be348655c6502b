// The confirmation of a switch: it opens at once with its button off, asks the server's dry run which configs would
// change and be refused, names that exact count, and only then may the user go ahead.
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import { useEffect, useState, type ReactNode } from 'react';
import { describeError } from '../api/client';
import { plural, type EmergencyReport } from './emergencyApi';

export function ConfirmSwitch({ verb, lines, dryRun, go, onClose }: {
  verb: 'Start' | 'End';
  lines: ReactNode[];
  dryRun: () => Promise<EmergencyReport>;
  go: () => Promise<void>;
  onClose: () => void;
}) {
  const [plan, setPlan] = useState<EmergencyReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  useEffect(() => {
    let live = true;
    dryRun().then(answer => { if (live) setPlan(answer); }, e => { if (live) setProblem(describeError(e)); });
    return () => { live = false; };
  }, [dryRun]);

  const action = verb === 'Start' ? 'Start the emergency' : 'End the emergency';
  const n = plan?.counts.changed ?? 0;
  const header = plan ? `${verb === 'Start' ? 'Start an emergency' : 'End the emergency'} on ${plural(n, 'config')}?`
    : `${verb}: checking which configs would change…`;
  const list = (items: string[], label: string) => items.length
    ? <ul aria-label={label}>{items.map(item => <li key={item}>{item}</li>)}</ul> : <Box>None.</Box>;

  return <Modal visible onDismiss={onClose} header={header} closeAriaLabel="Cancel"
    footer={<Box float="right"><SpaceBetween direction="horizontal" size="xs">
      <Button variant="link" onClick={onClose}>Cancel</Button>
      <Button variant="primary" disabled={!plan || n === 0 || sending} loading={sending}
        disabledReason={!plan ? 'Waiting for the server to count the configs' : n === 0 ? 'No config would change'
          : undefined}
        onClick={async () => {
          setSending(true);
          try {
            await go();
          } finally {
            setSending(false);
            onClose();
          }
        }}>{plan ? `${action} on ${plural(n, 'config')}` : `${action} (waiting for the server's count)`}</Button>
    </SpaceBetween></Box>}>
    <SpaceBetween size="m">
      {lines.map((line, i) => <Box key={i}>{line}</Box>)}
      <div aria-live="polite">
        {problem ? <Alert type="error" header="The server could not count the configs">{problem}</Alert>
          : !plan ? <Box><Spinner /> Asking the server which configs this would change (nothing is changed yet)…</Box>
            : <SpaceBetween size="s">
              <Box variant="p"><span>{`This changes ${plural(n, 'config')} (the server's count); `
                + `${plan.counts.unchanged} already as asked, ${plan.counts.refused} refused.`}</span></Box>
              <ExpandableSection headerText={`Would change (${n})`} defaultExpanded={n <= 20}>
                {list(plan.changed.map(c => c.id), 'Would change')}
              </ExpandableSection>
              <ExpandableSection headerText={`Would be refused (${plan.counts.refused})`}
                defaultExpanded={plan.counts.refused > 0 && plan.counts.refused <= 20}>
                {list(plan.refused.map(r => `${r.id}: ${r.message} (${r.code})`), 'Would be refused')}
              </ExpandableSection>
            </SpaceBetween>}
      </div>
    </SpaceBetween>
  </Modal>;
}
