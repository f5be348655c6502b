// A small element builder: h('button', {onclick, class: 'primary'}, 'Save'). Text is always set as text, never HTML.
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'value') element.value = value;
    else if (name === 'checked') element.checked = Boolean(value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

let counter = 0;
export function uid(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}

// A labelled control: the label wraps its input so it is always named.
export function labelled(text, control, hint) {
  const hintId = hint ? uid('hint') : null;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h('label', {}, text, control, hint ? h('span', { id: hintId, class: 'muted' }, hint) : null);
}

export function say(message, isError = false) {
  const status = document.getElementById('status');
  status.className = isError ? 'error' : '';
  status.textContent = message;
}

export function show(...content) {
  const main = document.getElementById('main');
  main.replaceChildren(...content.flat(Infinity).filter(child => child !== null && child !== undefined && child !== false));
  return main;
}
