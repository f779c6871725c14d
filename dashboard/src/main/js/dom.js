/* Small DOM helpers shared by every screen. Text always goes in as text nodes (never innerHTML). */

/** Creates an element: h('a', {href: '/x', class: 'y', onclick: fn}, 'text', child, [more children]). */
function h(tag, attributes, ...children) {
  const svg = ['svg', 'path', 'line', 'text', 'g', 'rect', 'circle', 'title', 'polyline'].includes(tag);
  const element = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value == null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** Replaces an element's content. */
function fill(element, ...children) {
  element.replaceChildren();
  return append(element, children);
}

const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

/** Shows a message in a form's alert line (role="alert", read out by screen readers). */
function showError(element, error) {
  element.textContent = error ? (error.message || String(error)) : '';
  element.hidden = !error;
}
