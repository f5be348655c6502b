// A time zone typed with the browser's IANA zones as suggestions, each with its offset now.
import Autosuggest from '@cloudscape-design/components/autosuggest';
import { useMemo } from 'react';
import { offsetLabel, zoneSuggestions } from '../logic/time';

export function ZoneInput({ name, value, placeholder, label, onChange }:
  { name: string; value: string; placeholder?: string; label: string; onChange: (zone: string) => void }) {
  const options = useMemo(() => zoneSuggestions(value, 40).map(zone => ({ value: zone, description: offsetLabel(zone) })),
    [value]);
  return <Autosuggest name={name} ariaLabel={label} value={value} placeholder={placeholder} options={options}
    onChange={event => onChange(event.detail.value)} enteredTextLabel={text => `Use "${text}"`}
    filteringType="manual" empty="No time zone matches"
    clearAriaLabel={`Clear ${label}`} />;
}
