// The Prompts tab: each prompt per language, with its voice text (SSML, checked as you type) and chat text, played
// through PreviewSpeech.
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Textarea from '@cloudscape-design/components/textarea';
import { useEffect, useState } from 'react';
import { errorMessage } from '../logic/errors';
import { ssmlNote, ssmlProblem } from '../logic/ssml';
import type { Editing } from './editing';
import { speak, type Spoken } from './speech';

export function PromptsTab({ editing, id }: { editing: Editing; id: string }) {
  const { draft, full } = editing;
  const prompts = Object.keys(draft.prompts || {}).sort();
  return <SpaceBetween size="l">
    {prompts.length ? null : <Box>No prompts.</Box>}
    {prompts.map(prompt => <Container key={prompt} header={<Header variant="h2"
      actions={full ? <Button ariaLabel={`Remove prompt ${prompt}`}
        onClick={() => editing.update(d => { delete d.prompts[prompt]; })}>Remove prompt</Button> : undefined}>
      {prompt}</Header>}>
      <SpaceBetween size="l">
        {Object.keys(draft.prompts[prompt]).sort().map(language =>
          <PromptLanguage key={language} editing={editing} id={id} prompt={prompt} language={language} />)}
        {full ? <AddLanguage editing={editing} prompt={prompt} /> : null}
      </SpaceBetween>
    </Container>)}
    {full ? <AddPrompt editing={editing} /> : null}
  </SpaceBetween>;
}

function PromptLanguage({ editing, id, prompt, language }:
  { editing: Editing; id: string; prompt: string; language: string }) {
  const { draft, update, canEdit, full, errorOf } = editing;
  const text = draft.prompts[prompt][language];
  const field = `prompts.${prompt}.${language}`;
  const problem = ssmlProblem(text.voice);
  return <section aria-label={`${prompt} in ${language}`}>
    <SpaceBetween size="s">
      <Header variant="h3" actions={full ? <Button ariaLabel={`Remove ${language} from ${prompt}`}
        onClick={() => update(d => { delete d.prompts[prompt][language]; })}>Remove language</Button> : undefined}>
        {language}</Header>
      {canEdit ? <ColumnLayout columns={2}>
        <FormField label="Voice text (SSML)" errorText={problem?.message ?? errorOf(`${field}.voice`)}
          constraintText={problem || errorOf(`${field}.voice`) ? undefined : ssmlNote(text.voice)}>
          <Textarea name={`${field}.voice`} ariaLabel={`Voice text (SSML) for ${prompt} in ${language}`}
            value={text.voice} rows={3} spellcheck={false}
            onChange={e => update(d => { d.prompts[prompt][language].voice = e.detail.value; })} />
        </FormField>
        <FormField label="Chat text" description="Empty: chats get the voice text without SSML tags."
          errorText={errorOf(`${field}.chat`)}>
          <Textarea name={`${field}.chat`} ariaLabel={`Chat text for ${prompt} in ${language}`}
            value={text.chat ?? ''} rows={3} onChange={e => update(d => {
              const t = d.prompts[prompt][language];
              if (e.detail.value === '') delete t.chat; else t.chat = e.detail.value;
            })} />
        </FormField>
      </ColumnLayout> : <ColumnLayout columns={2} variant="text-grid">
        <div><Box variant="awsui-key-label">Voice text (SSML)</Box><Box variant="code">{text.voice}</Box></div>
        <div><Box variant="awsui-key-label">Chat text</Box><div>{text.chat ?? '—'}</div></div>
      </ColumnLayout>}
      <Player id={id} prompt={prompt} language={language} />
    </SpaceBetween>
  </section>;
}

function Player({ id, prompt, language }: { id: string; prompt: string; language: string }) {
  const [state, setState] = useState<{ busy: boolean; spoken?: Spoken; error?: string }>({ busy: false });
  useEffect(() => () => { if (state.spoken) URL.revokeObjectURL(state.spoken.url); }, [state.spoken]);
  const play = async () => {
    setState({ busy: true });
    try {
      setState({ busy: false, spoken: await speak(id, prompt, language) });
    } catch (e) {
      setState({ busy: false, error: errorMessage(e) });
    }
  };
  return <SpaceBetween size="xs" direction="horizontal" alignItems="center">
    <Button iconName="caret-right-filled" ariaLabel={`Play ${prompt} in ${language}`} loading={state.busy}
      onClick={play}>Play</Button>
    <div aria-live="polite" data-player={`${prompt}|${language}`}>
      {state.busy ? <StatusIndicator type="loading">Speaking…</StatusIndicator> : null}
      {state.error ? <StatusIndicator type="error">{state.error}</StatusIndicator> : null}
      {state.spoken ? <SpaceBetween size="xxs" direction="horizontal" alignItems="center">
        <StatusIndicator type="success">{`Voice ${state.spoken.voice}`
          + (state.spoken.engine ? ` (${state.spoken.engine})` : '') + ': the saved text.'}</StatusIndicator>
        <audio controls autoPlay src={state.spoken.url} aria-label={`${prompt} in ${language}`} />
      </SpaceBetween> : null}
    </div>
  </SpaceBetween>;
}

function AddLanguage({ editing, prompt }: { editing: Editing; prompt: string }) {
  const [language, setLanguage] = useState('');
  const [voice, setVoice] = useState('');
  const taken = language.trim() in editing.draft.prompts[prompt];
  const problem = ssmlProblem(voice);
  return <form aria-label={`Add a language to ${prompt}`} onSubmit={e => {
    e.preventDefault();
    if (!language.trim() || !voice.trim() || taken || problem) return;
    editing.update(d => { d.prompts[prompt][language.trim()] = { voice }; });
    setLanguage('');
    setVoice('');
  }}>
    <ColumnLayout columns={3}>
      <FormField label={`Language for ${prompt}`} errorText={taken ? `${prompt} has this language.` : undefined}>
        <Input name={`new-language-${prompt}`} value={language} placeholder="es-US"
          onChange={e => setLanguage(e.detail.value)} />
      </FormField>
      <FormField label="Voice text" errorText={problem?.message}>
        <Input name={`new-language-voice-${prompt}`} value={voice} onChange={e => setVoice(e.detail.value)} />
      </FormField>
      <FormField label={<span aria-hidden="true">&nbsp;</span>}>
        <Button formAction="submit" disabled={!language.trim() || !voice.trim() || taken || !!problem}>
          Add language</Button>
      </FormField>
    </ColumnLayout>
  </form>;
}

function AddPrompt({ editing }: { editing: Editing }) {
  const [name, setName] = useState('');
  const [language, setLanguage] = useState(editing.draft.defaultLanguage || 'en-US');
  const [voice, setVoice] = useState('');
  const taken = name.trim() in (editing.draft.prompts || {});
  const problem = ssmlProblem(voice);
  return <Container header={<Header variant="h2">Add a prompt</Header>}>
    <form aria-label="Add a prompt" onSubmit={e => {
      e.preventDefault();
      if (!name.trim() || !language.trim() || !voice.trim() || taken || problem) return;
      editing.update(d => { d.prompts = d.prompts || {}; d.prompts[name.trim()] = { [language.trim()]: { voice } }; });
      setName('');
      setVoice('');
    }}>
      <ColumnLayout columns={4}>
        <FormField label="New prompt" errorText={taken ? 'A prompt has this name.' : undefined}>
          <Input name="new-prompt" value={name} onChange={e => setName(e.detail.value)} />
        </FormField>
        <FormField label="Language">
          <Input name="new-prompt-language" value={language} onChange={e => setLanguage(e.detail.value)} />
        </FormField>
        <FormField label="Voice text" errorText={problem?.message}>
          <Input name="new-prompt-voice" value={voice} onChange={e => setVoice(e.detail.value)} />
        </FormField>
        <FormField label={<span aria-hidden="true">&nbsp;</span>}>
          <Button formAction="submit" disabled={!name.trim() || !voice.trim() || taken || !!problem}>Add prompt</Button>
        </FormField>
      </ColumnLayout>
    </form>
  </Container>;
}
