// The Values tab: description, default language and the variables with editors that fit their types.
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { useState } from 'react';
import type { VariableType } from '../logic/model';
import { VARIABLE_TYPES, type Editing } from './editing';
import { shownValue, ValueEditor } from './ValueEditor';

const typeOption = (type: string) => ({ value: type, label: type });

export function ValuesTab({ editing }: { editing: Editing }) {
  const { draft, update, canEdit, full, errorOf, structureReason } = editing;
  const names = Object.keys(draft.variables || {}).sort();
  const schemaOf = (name: string) => draft.schema?.[name];

  const setType = (name: string, type: VariableType) => update(d => {
    d.schema = d.schema || {};
    d.schema[name] = type === 'select' ? { type: 'select', options: [d.variables[name]] } : { type };
    if (type === 'boolean' && !['true', 'false'].includes(d.variables[name])) d.variables[name] = 'false';
    if (type === 'text') delete d.schema[name];
    if (Object.keys(d.schema).length === 0) delete d.schema;
  });

  return <SpaceBetween size="l">
    <Container header={<Header variant="h2" description={full ? undefined : structureReason ?? undefined}>
      Details</Header>}>
      {full ? <ColumnLayout columns={2}>
        <FormField label="Description" errorText={errorOf('description')}>
          <Input name="description" value={draft.description ?? ''}
            onChange={e => update(d => { d.description = e.detail.value; })} />
        </FormField>
        <FormField label="Default language" description="The language callers get when theirs has no text."
          errorText={errorOf('defaultLanguage')}>
          <Input name="defaultLanguage" value={draft.defaultLanguage ?? ''}
            onChange={e => update(d => { d.defaultLanguage = e.detail.value.trim(); })} />
        </FormField>
      </ColumnLayout> : <ColumnLayout columns={2} variant="text-grid">
        <div><Box variant="awsui-key-label">Description</Box><div>{draft.description || '—'}</div></div>
        <div><Box variant="awsui-key-label">Default language</Box><div>{draft.defaultLanguage || 'en-US'}</div></div>
      </ColumnLayout>}
    </Container>

    <Table header={<Header variant="h2" counter={`(${names.length})`}
      description="What contact flows read, unless a schedule active now sets something else.">Variables</Header>}
      ariaLabels={{ tableLabel: 'Variables' }}
      items={names} trackBy={name => name} empty={<Box>No variables.</Box>} wrapLines
      columnDefinitions={[
        { id: 'name', header: 'Name', cell: name => name, isRowHeader: true },
        { id: 'type', header: 'Type', cell: name => full ? <SpaceBetween size="xs">
          <Select ariaLabel={`Type of ${name}`} name={`schema.${name}`}
            selectedOption={typeOption(schemaOf(name)?.type ?? 'text')} options={VARIABLE_TYPES.map(typeOption)}
            onChange={e => setType(name, e.detail.selectedOption.value as VariableType)} />
          {schemaOf(name)?.type === 'select' ? <FormField label={`Options of ${name}`}
            description="Separated by commas." errorText={errorOf(`schema.${name}.options`)}>
            <OptionsInput name={name} options={schemaOf(name)?.options ?? []}
              onChange={options => update(d => { d.schema![name] = { type: 'select', options }; })} />
          </FormField> : null}
        </SpaceBetween> : schemaOf(name)?.type ?? 'text' },
        { id: 'value', header: 'Value', cell: name => canEdit
          ? <FormField errorText={errorOf(`variables.${name}`)} stretch>
            <ValueEditor schema={schemaOf(name)} value={draft.variables[name]} name={`variables.${name}`} label={name}
              onChange={value => update(d => { d.variables[name] = value; })} />
          </FormField>
          : <span>{shownValue(schemaOf(name), draft.variables[name])}</span> },
        ...(full ? [{ id: 'remove', header: 'Remove', cell: (name: string) => <Button
          ariaLabel={`Remove variable ${name}`} onClick={() => update(d => {
            delete d.variables[name];
            if (d.schema) delete d.schema[name];
            if (d.schema && Object.keys(d.schema).length === 0) delete d.schema;
          })}>Remove</Button> }] : []),
      ]} />
    {full ? <AddVariable editing={editing} /> : null}
  </SpaceBetween>;
}

// Options typed as one comma-separated text, applied when the field is left (typing a comma is not an empty option).
function OptionsInput({ name, options, onChange }: { name: string; options: string[]; onChange: (o: string[]) => void }) {
  const [text, setText] = useState(options.join(', '));
  return <Input name={`options.${name}`} value={text} onChange={e => setText(e.detail.value)}
    onBlur={() => onChange(text.split(',').map(o => o.trim()).filter(Boolean))} />;
}

function AddVariable({ editing }: { editing: Editing }) {
  const [name, setName] = useState('');
  const [type, setType] = useState<VariableType>('text');
  const [value, setValue] = useState('');
  const taken = name.trim() !== '' && name.trim() in (editing.draft.variables || {});
  const add = () => {
    const key = name.trim();
    editing.update(d => {
      d.variables[key] = type === 'boolean' ? (value === 'true' ? 'true' : 'false') : value;
      if (type !== 'text') {
        d.schema = d.schema || {};
        d.schema[key] = type === 'select' ? { type: 'select', options: [value] } : { type };
      }
    });
    setName('');
    setValue('');
  };
  return <Container header={<Header variant="h3">Add a variable</Header>}>
    <form aria-label="Add a variable" onSubmit={e => { e.preventDefault(); if (name.trim() && !taken) add(); }}>
      <ColumnLayout columns={4}>
        <FormField label="New variable" errorText={taken ? 'A variable has this name.' : undefined}>
          <Input name="new-variable" value={name} onChange={e => setName(e.detail.value)} />
        </FormField>
        <FormField label="Type">
          <Select name="new-variable-type" ariaLabel="Type of the new variable" selectedOption={typeOption(type)} options={VARIABLE_TYPES.map(typeOption)}
            onChange={e => setType(e.detail.selectedOption.value as VariableType)} />
        </FormField>
        <FormField label="Value" description={type === 'boolean' ? 'true or false' : undefined}>
          <Input name="new-variable-value" value={value} onChange={e => setValue(e.detail.value)} />
        </FormField>
        <FormField label={<span aria-hidden="true">&nbsp;</span>}>
          <Button formAction="submit" disabled={!name.trim() || taken}>Add variable</Button>
        </FormField>
      </ColumnLayout>
    </form>
  </Container>;
}
