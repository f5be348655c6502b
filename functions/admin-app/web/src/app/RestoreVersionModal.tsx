// The confirmation before an old version of a config or a calendar is made current again (as a new version).
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';

export function RestoreVersionModal({ version, busy, question, onCancel, onRestore }: {
  version: number | null; busy: boolean; question: string; onCancel: () => void; onRestore: (version: number) => void;
}) {
  return <Modal visible={version !== null} onDismiss={onCancel} header={`Restore version ${version}?`}
    closeAriaLabel="Close" footer={<Box float="right"><SpaceBetween size="xs" direction="horizontal">
      <Button variant="link" onClick={onCancel}>Cancel</Button>
      <Button variant="primary" loading={busy} onClick={() => version !== null && onRestore(version)}>
        {`Restore version ${version}`}</Button>
    </SpaceBetween></Box>}>
    {question}
  </Modal>;
}
