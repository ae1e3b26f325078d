// Building pages with the DOM (never innerHTML with data): text is always text.
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export const svg = (tag, attributes = {}) => {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
};

// A problem's title and detail, as every error is shown.
export function problemBox(error) {
  return h('div', { class: 'problem', role: 'alert' }, h('strong', {}, error.title || String(error)), error.detail ? h('p', {}, error.detail) : null,
    error.errors?.length ? h('ul', {}, error.errors.map((e) => h('li', {}, h('code', {}, e.field), ` ${e.detail ?? ''}`))) : null);
}

// A modal confirmation (the page's one <dialog>): resolves true when confirmed.
export function confirmed(text) {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-text').textContent = text;
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
    dialog.returnValue = '';
    dialog.showModal();
  });
}

// On a phone each row becomes a card: every cell carries its column's name (data-label) for that layout.
export function table(caption, headers, rows) {
  for (const row of rows) [...row.children].forEach((cell, index) => { cell.dataset.label = headers[index] ?? ''; });
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
    h('table', {},
      h('caption', { class: 'visually-hidden' }, caption),
      h('thead', {}, h('tr', {}, headers.map((text) => h('th', { scope: 'col' }, text)))),
      h('tbody', {}, rows)));
}

export const today = () => new Date().toISOString().slice(0, 10);
export const daysBefore = (day, n) => new Date(Date.parse(day) - n * 86400000).toISOString().slice(0, 10);

export function announce(text) {
  const status = document.getElementById('status');
  status.textContent = '';
  setTimeout(() => { status.textContent = text; }, 50);
}
