// Small DOM helpers shared by the views: element building, announcements, polling, formatting.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "class") el.className = value;
    else if (key === "style") el.style.cssText = value; // CSSOM: the page's CSP allows no style attributes
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key in el && typeof value !== "string") el[key] = value;
    else el.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

let uid = 0;
export const nextId = (prefix) => `${prefix}-${++uid}`;

// A labelled field: the label, the control, a hint and an error slot the control is described by.
export function field(label, control, { hint, name } = {}) {
  const id = control.id || nextId("f");
  control.id = id;
  const errorId = `${id}-error`;
  const hintEl = hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null;
  const errorEl = h("p", { class: "field-error", id: errorId, hidden: true });
  control.setAttribute("aria-describedby", [hintEl ? `${id}-hint` : "", errorId].filter(Boolean).join(" "));
  const wrap = h("div", { class: "field", dataset: name ? { field: name } : {} }, h("label", { for: id }, label),
    control, hintEl, errorEl);
  return wrap;
}

export function announce(text) {
  const region = document.getElementById("announcer");
  region.textContent = "";
  setTimeout(() => { region.textContent = text; }, 50);
}

export function errorBox(error) {
  return h("div", { class: "alert error", role: "alert" }, error.message || String(error));
}

// Calls `step` every `every` ms until it returns true, the view goes away, or stop() is called.
export function poll(step, every = 1000) {
  let stopped = false;
  let timer = null;
  const view = document.getElementById("main").dataset.view;
  const tick = async () => {
    if (stopped || document.getElementById("main").dataset.view !== view) return;
    let done = false;
    try { done = await step(); } catch (error) { console.warn(error); }
    if (!done && !stopped) timer = setTimeout(tick, every);
  };
  tick();
  return { stop() { stopped = true; clearTimeout(timer); } };
}

export const UNSET = "0001-01-01T00:00:00Z";
export function when(time) {
  if (!time || time === UNSET) return "—";
  return new Date(time).toLocaleString();
}

export function money(minor, currency = "INR") {
  return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(minor / 100);
}

export function badge(status) {
  return h("span", { class: `badge badge-${status || "none"}` }, (status || "—").replace(/_/g, " "));
}

export function table(caption, headers, rows) {
  return h("table", {},
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, headers.map((text) => h("th", { scope: "col" }, text)))),
    h("tbody", {}, rows.length ? rows : h("tr", {}, h("td", { colspan: headers.length, class: "empty" }, "Nothing yet."))));
}

export function heading(text) {
  return h("h1", { tabindex: "-1" }, text);
}
