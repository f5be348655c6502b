// Deleting a config asks for its id typed out: contact flows that read it get NOT_FOUND afterwards.
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';

export function DeleteModal({ id, visible, busy, onCancel, onDelete }:
  { id: string; visible: boolean; busy: boolean; onCancel: () => void; onDelete: () => void }) {
  const [typed, setTyped] = useState('');
  return <Modal visible={visible} onDismiss={() => { setTyped(''); onCancel(); }} header={`Delete '${id}'?`}
    closeAriaLabel="Close" footer={<Box float="right"><SpaceBetween size="xs" direction="horizontal">
      <Button variant="link" onClick={() => { setTyped(''); onCancel(); }}>Cancel</Button>
      <Button variant="primary" disabled={typed !== id} loading={busy} onClick={onDelete}>{`Delete ${id}`}</Button>
    </SpaceBetween></Box>}>
    <SpaceBetween size="m">
      <Box>{`Contact flows that read '${id}' will get NOT_FOUND. The history is kept.`}</Box>
      <FormField label={`Type ${id} to confirm`}>
        <Input name="confirm-id" value={typed} autoComplete={false} onChange={e => setTyped(e.detail.value)} />
      </FormField>
    </SpaceBetween>
  </Modal>;
}
