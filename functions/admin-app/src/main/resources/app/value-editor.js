import { h } from './dom.js';

/**
 * The editor that fits a variable's schema (a switch for booleans, a list for selects, a number field, free text),
 * for the config's own value and for what a schedule sets alike. onChange gets the new value as the API stores it.
 */
export function valueEditor({ schema, value, inputName, field, label, onChange }) {
  const type = (schema || { type: 'text' }).type;
  if (type === 'boolean') {
    const box = h('input', { type: 'checkbox', role: 'switch', name: inputName, 'data-field': field,
      checked: value === 'true', onchange: () => onChange(box.checked ? 'true' : 'false') });
    return h('label', { class: 'switch' }, box, h('span', {}, `${label} on`));
  }
  if (type === 'select') {
    const select = h('select', { name: inputName, 'data-field': field, 'aria-label': label,
      onchange: () => onChange(select.value) }, (schema.options || []).map(o => h('option', { value: o }, o)));
    select.value = value;
    return select;
  }
  const input = h('input', { name: inputName, 'data-field': field, 'aria-label': label, value,
    type: type === 'number' ? 'number' : 'text', step: type === 'number' ? 'any' : null,
    oninput: () => onChange(input.value) });
  return input;
}
