// Creating a config (Full): id, description and default language; the server refuses an id that exists.
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import { ApiError, apiRequest, configPath, describeError } from '../api/client';
import { useNotify } from '../app/notifications';
import { configHref, navigate } from '../app/router';
import { useSession } from '../app/session';
import { refreshList } from './configList';

const ID = /^[A-Za-z0-9+_\-.:]{1,128}$/;

export function CreateConfigModal({ onClose }: { onClose: () => void }) {
  const session = useSession();
  const notify = useNotify();
  const [id, setId] = useState('');
  const [description, setDescription] = useState('');
  const [language, setLanguage] = useState('en-US');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const create = async () => {
    const newId = id.trim();
    const found: Record<string, string> = {};
    if (!ID.test(newId)) found.id = 'Use 1 to 128 letters, digits and + _ - . : only.';
    else if (session.levelFor(newId) !== 'Full') found.id = `You do not have Full access to '${newId}'.`;
    if (!language.trim()) found.defaultLanguage = 'Give the language callers hear when theirs has no text.';
    setProblems(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const { body } = await apiRequest<{ id: string; version: number }>('PUT', configPath(newId), { ifNoneMatch: '*',
        body: { id: newId, description, defaultLanguage: language.trim(), variables: {}, prompts: {} } });
      notify({ type: 'success', content: `Created '${body.id}': version ${body.version}.` });
      refreshList();
      onClose();
      navigate(configHref(body.id));
    } catch (e) {
      if (e instanceof ApiError && e.fields?.length) {
        setProblems(Object.fromEntries(e.fields.map(f => [f.field.replace(/^\$\./, ''), f.message])));
      } else {
        setProblems({ form: e instanceof ApiError && e.status === 412 ? `'${newId}' exists already.` : describeError(e) });
      }
    } finally {
      setBusy(false);
    }
  };

  return <Modal visible onDismiss={onClose} header="Create a config" closeAriaLabel="Close"
    footer={<Box float="right"><SpaceBetween direction="horizontal" size="xs">
      <Button variant="link" onClick={onClose}>Cancel</Button>
      <Button variant="primary" loading={busy} onClick={() => void create()}>Create</Button>
    </SpaceBetween></Box>}>
    <form onSubmit={event => { event.preventDefault(); void create(); }}>
      <Form errorText={problems.form}>
        <SpaceBetween size="m">
          <FormField label="Id" description="What the contact flow asks for, such as sales-emea." errorText={problems.id}>
            <Input name="new-id" value={id} onChange={e => setId(e.detail.value)} autoFocus />
          </FormField>
          <FormField label="Description" errorText={problems.description}>
            <Input name="new-description" value={description} onChange={e => setDescription(e.detail.value)} />
          </FormField>
          <FormField label="Default language" description="Such as en-US." errorText={problems.defaultLanguage}>
            <Input name="new-language" value={language} onChange={e => setLanguage(e.detail.value)} />
          </FormField>
        </SpaceBetween>
      </Form>
    </form>
  </Modal>;
}
