// The console's shell: sign-in state, the hash router, focus on each new view.
import { session } from "./api.js";
import { finishCognito, isExpired, signInView, signOut } from "./auth.js";
import { adminView } from "./admin.js";
import { accountView, broadcastView, broadcastsView, newBroadcastView } from "./broadcasts.js";
import { listsView, listView } from "./lists.js";
import { optoutsView } from "./optouts.js";
import { newTemplateView, templatesView, templateView } from "./templates.js";
import { errorBox, h } from "./ui.js";

const ROUTES = [
  [/^#\/templates\/new$/, newTemplateView, "New template"],
  [/^#\/templates\/([^/?]+)$/, templateView, "Template"],
  [/^#\/templates$/, templatesView, "Templates"],
  [/^#\/lists\/([^/?]+)$/, listView, "List"],
  [/^#\/lists$/, listsView, "Lists"],
  [/^#\/broadcasts\/new(?:\?.*)?$/, newBroadcastView, "New broadcast"],
  [/^#\/broadcasts\/([^/?]+)$/, broadcastView, "Broadcast"],
  [/^#\/broadcasts$/, broadcastsView, "Broadcasts"],
  [/^#\/optouts$/, optoutsView, "Opt-outs"],
  [/^#\/account$/, accountView, "Balance"],
  [/^#\/admin$/, adminView, "Review queue"],
];

let config = { dev_sign_in: false, cognito: null };

function header() {
  const current = session();
  const signedIn = current && !isExpired(current);
  document.getElementById("nav").hidden = !signedIn;
  document.getElementById("nav-admin").hidden = !(signedIn && current.admin);
  const who = document.getElementById("who");
  who.replaceChildren();
  if (signedIn) {
    who.append(h("span", {}, current.label, current.admin ? " (admin)" : ""), " ",
      h("button", { type: "button", class: "link", onclick: () => signOut(config) }, "Sign out"));
  }
  for (const link of document.querySelectorAll("#nav a")) {
    const active = location.hash.startsWith(link.getAttribute("href"));
    if (active) link.setAttribute("aria-current", "page"); else link.removeAttribute("aria-current");
  }
}

async function render() {
  const main = document.getElementById("main");
  const current = session();
  let hash = location.hash || "#/templates";
  if ((!current || isExpired(current)) && hash !== "#/signin") hash = "#/signin";
  const view = `${hash}@${Date.now()}`;
  main.dataset.view = view;
  main.replaceChildren();
  header();
  try {
    if (hash === "#/signin") {
      signInView(main, config, () => { location.hash = "#/templates"; });
      document.title = "Sign in · RCS console";
    } else {
      const route = ROUTES.find(([pattern]) => pattern.test(hash));
      if (!route) { location.hash = "#/templates"; return; }
      const [pattern, show, title] = route;
      document.title = `${title} · RCS console`;
      await show(main, ...(hash.match(pattern).slice(1).map(decodeURIComponent)));
    }
  } catch (error) {
    if (main.dataset.view === view) main.append(errorBox(error));
  }
  if (main.dataset.view === view) (main.querySelector("h1") || main).focus();
}

async function start() {
  try {
    const response = await fetch(new URL("config.json", document.baseURI));
    config = await response.json();
    await finishCognito(config);
  } catch (error) {
    document.getElementById("main").replaceChildren(errorBox(error));
  }
  window.addEventListener("hashchange", render);
  render();
}

start();
