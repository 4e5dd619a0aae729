// Opt-outs: the account's suppression list; numbers on it get no broadcast message.
import { api, idempotencyKey } from "./api.js";
import { announce, errorBox, field, h, heading, table, when } from "./ui.js";

const SOURCES = { inbound: "replied with a stop word", api: "added by you", import: "opted out in an import" };

export async function optoutsView(main) {
  main.append(heading("Opt-outs"),
    h("p", { class: "hint" }, "Phones on this list get no broadcast message from your account: they are skipped, never charged, and counted as opted out."));
  const phones = h("textarea", { name: "phones", rows: 3, placeholder: "+919876543210" });
  const status = h("div", { "aria-live": "polite" });
  const listBox = h("section", { "aria-label": "Opted-out phones" });
  const cursors = [""];
  const load = async () => {
    const cursor = cursors[cursors.length - 1];
    const page = await api("GET", `/optouts?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    listBox.replaceChildren(table("Opted-out phones, newest first", ["Phone", "Why", "Since", ""], page.optouts.map((o) => h("tr", {},
      h("td", {}, o.phone), h("td", {}, SOURCES[o.source] || o.source), h("td", {}, when(o.created_at)),
      h("td", {}, h("button", { type: "button", class: "link", onclick: async () => {
        try {
          await api("DELETE", `/optouts/${encodeURIComponent(o.phone)}`);
          announce(`${o.phone} can receive broadcasts again`);
          await load();
        } catch (error) { status.replaceChildren(errorBox(error)); }
      } }, `Remove ${o.phone}`))))),
    h("div", { class: "pager" },
      cursors.length > 1 ? h("button", { type: "button", onclick: () => { cursors.pop(); load(); } }, "Newer") : null,
      page.next_cursor ? h("button", { type: "button", onclick: () => { cursors.push(page.next_cursor); load(); } }, "Older") : null));
  };
  main.append(h("form", { class: "card narrow", onsubmit: async (event) => {
    event.preventDefault();
    status.replaceChildren();
    const wanted = phones.value.split(/[\s,;]+/).map((p) => p.trim()).filter(Boolean);
    if (!wanted.length) return;
    try {
      const { added } = await api("POST", "/optouts", { phones: wanted }, { "Idempotency-Key": idempotencyKey() });
      announce(`${added} phone${added === 1 ? "" : "s"} opted out`);
      phones.value = "";
      cursors.splice(1);
      await load();
    } catch (error) { status.replaceChildren(errorBox(error)); }
  } }, field("Phones to opt out", phones, { name: "phones", hint: "One or more numbers, with their country code." }), status,
  h("button", { type: "submit", class: "primary" }, "Opt out")), listBox);
  await load();
}
