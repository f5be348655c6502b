// The editor that fits a variable's schema (a switch for booleans, a list for selects, a number field, free text),
// for the config's own value and for what a schedule sets alike. onChange gets the value as the API stores it.
import Input from '@cloudscape-design/components/input';
import Select from '@cloudscape-design/components/select';
import Toggle from '@cloudscape-design/components/toggle';
import type { VariableSchema } from '../logic/model';

export interface ValueEditorProps {
  schema?: VariableSchema;
  value: string;
  name: string;
  label: string;
  onChange: (value: string) => void;
}

export function ValueEditor({ schema, value, name, label, onChange }: ValueEditorProps) {
  const type = schema?.type ?? 'text';
  if (type === 'boolean') {
    return <Toggle name={name} ariaLabel={label} checked={value === 'true'}
      onChange={event => onChange(event.detail.checked ? 'true' : 'false')}>{value === 'true' ? 'On' : 'Off'}</Toggle>;
  }
  if (type === 'select') {
    const options = [...new Set([...(schema?.options ?? []), value])].filter(o => o !== '')
      .map(option => ({ value: option, label: option }));
    return <Select name={name} ariaLabel={label} selectedOption={{ value, label: value }} options={options}
      onChange={event => onChange(event.detail.selectedOption.value ?? '')} />;
  }
  return <Input name={name} ariaLabel={label} value={value} type={type === 'number' ? 'number' : 'text'}
    inputMode={type === 'number' ? 'decimal' : undefined} onChange={event => onChange(event.detail.value)} />;
}

/** A read-only value as a reader sees it: On/Off for a switch, the text otherwise. */
export function shownValue(schema: VariableSchema | undefined, value: string): string {
  if (schema?.type === 'boolean') return value === 'true' ? 'On (true)' : 'Off (false)';
  return value === '' ? '(empty)' : value;
}
