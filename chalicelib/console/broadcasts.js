// Broadcasts: create, schedule, start, pause/resume, cancel; the live funnel; targets; balance and ledger.
import { api, idempotencyKey } from "./api.js";
import { UNSET, announce, badge, errorBox, field, h, heading, money, poll, table, when } from "./ui.js";

const TERMINAL = ["completed", "cancelled", "failed"];
const RECEIPTS_MS = 60_000;
const STATES = ["queued", "sent", "delivered", "read", "failed", "suppressed", "revoked", "expired", "fallback_sent", "fallback_failed"];

export async function broadcastsView(main) {
  main.append(heading("Broadcasts"), h("p", {}, h("a", { class: "button primary", href: "#/broadcasts/new" }, "New broadcast")));
  const { broadcasts } = await api("GET", "/broadcasts?limit=100");
  main.append(table("Your broadcasts, newest first", ["Name", "Status", "Progress", "Template", "List", "Created"],
    broadcasts.map((b) => h("tr", {},
      h("td", {}, h("a", { href: `#/broadcasts/${b.broadcast_id}` }, b.name || b.broadcast_id)), h("td", {}, badge(b.status)),
      h("td", {}, h("progress", { max: b.total_count || 1, value: b.sent_count + b.failed_count, "aria-label": `${b.name} progress` }),
        ` ${b.sent_count + b.failed_count}/${b.total_count}`),
      h("td", {}, b.template_name), h("td", {}, b.list_name), h("td", {}, when(b.created_at))))));
}

export async function newBroadcastView(main) {
  const wanted = new URLSearchParams(location.hash.split("?")[1] || "");
  main.append(heading("New broadcast"));
  const [{ templates }, { lists }] = await Promise.all([api("GET", "/templates?limit=100"), api("GET", "/lists?limit=100")]);
  const approved = templates.filter((t) => t.effective_status === "approved");
  if (!approved.length || !lists.length) {
    main.append(h("p", { class: "alert" }, "A broadcast needs an approved template and a list. ",
      h("a", { href: "#/templates/new" }, "Write a template"), " · ", h("a", { href: "#/lists" }, "Create a list")));
    if (!approved.length || !lists.length) return;
  }
  const name = h("input", { name: "name", maxlength: 200 });
  const template = h("select", { name: "template", required: true }, approved.map((t) => h("option", { value: t.template_id }, `${t.name} (${t.category})`)));
  const list = h("select", { name: "list", required: true }, lists.map((l) => h("option", { value: l.list_id }, `${l.name} (${l.member_count})`)));
  if (wanted.get("template")) template.value = wanted.get("template");
  if (wanted.get("list")) list.value = wanted.get("list");
  const scheduled = h("input", { type: "datetime-local", name: "scheduled_at" });
  const fallback = h("select", { name: "fallback" }, h("option", { value: "none" }, "No fallback"), h("option", { value: "sms" }, "Send the template's SMS text"));
  const reach = h("input", { type: "checkbox", name: "check_reach", checked: true });
  const fallbackHint = h("p", { class: "hint" });
  const showFallback = () => {
    const chosen = approved.find((t) => t.template_id === template.value);
    const sms = chosen?.sms_fallback?.text;
    fallback.disabled = !sms;
    if (!sms) fallback.value = "none";
    fallbackHint.textContent = sms ? `SMS: “${sms}” (${chosen.sms_segments ?? "?"} segment(s) each)` : "This template has no SMS text, so it has no fallback.";
  };
  template.addEventListener("change", showFallback);
  showFallback();
  const status = h("div");
  main.append(h("form", { class: "card narrow", onsubmit: async (event) => {
    event.preventDefault();
    status.replaceChildren();
    const body = { template_id: template.value, list_id: list.value };
    if (name.value.trim()) body.name = name.value.trim();
    body.check_reach = reach.checked;
    if (fallback.value === "sms") body.fallback = "sms";
    if (scheduled.value) body.scheduled_at = new Date(scheduled.value).toISOString().replace(/\.\d{3}Z$/, "Z");
    try {
      const created = await api("POST", "/broadcasts", body, { "Idempotency-Key": idempotencyKey() });
      announce("Broadcast created as a draft");
      location.hash = `#/broadcasts/${created.broadcast_id}`;
    } catch (error) { status.append(errorBox(error)); }
  } }, field("Name", name), field("Approved template", template), field("List", list),
  field("Send at (your local time)", scheduled, { hint: "Leave empty to send when you press Start." }),
  h("div", { class: "field" }, h("label", {}, reach, " Check which phones RCS can reach before sending (unreachable ones are never charged)")),
  field("When RCS cannot reach a phone", fallback), fallbackHint,
  status, h("button", { type: "submit", class: "primary" }, "Create draft")));
}

function funnelChart(b, reasons) {
  const total = Math.max(b.total_count, 1);
  const bars = [
    ["Sent", b.sent_count, "sent"], ["Delivered", b.delivered_count, "delivered"], ["Read", b.read_count, "read"],
    ["Clicked", b.clicked_count ?? 0, "clicked"], ["Replied", b.replied_count ?? 0, "replied"],
    ["Failed", b.failed_count, "failed"], ["SMS fallback", b.fallback_count ?? 0, "fallback"],
  ];
  const row = 30;
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", `0 0 400 ${row * bars.length}`);
  svg.setAttribute("class", "funnel-chart");
  svg.setAttribute("aria-hidden", "true");
  bars.forEach(([label, value, cls], i) => {
    const rect = document.createElementNS(svg.namespaceURI, "rect");
    Object.entries({ x: 90, y: i * row + 4, height: row - 8, width: Math.max(1, (value / total) * 250), class: `bar-${cls}` })
      .forEach(([k, v]) => rect.setAttribute(k, v));
    const text = document.createElementNS(svg.namespaceURI, "text");
    Object.entries({ x: 0, y: i * row + row / 2 + 5 }).forEach(([k, v]) => text.setAttribute(k, v));
    text.textContent = label;
    const count = document.createElementNS(svg.namespaceURI, "text");
    Object.entries({ x: 96 + Math.max(1, (value / total) * 250), y: i * row + row / 2 + 5 }).forEach(([k, v]) => count.setAttribute(k, v));
    count.textContent = String(value);
    svg.append(rect, text, count);
  });
  // The same figures as a list, for screen readers and for reading exact numbers.
  const list = h("dl", { class: "funnel" }, bars.map(([label, value, cls]) => [h("dt", {}, label), h("dd", { dataset: { count: cls } }, String(value))]),
    h("dt", {}, "Queued"), h("dd", { dataset: { count: "queued" } }, String(b.queued_count)),
    h("dt", {}, "Opted out"), h("dd", { dataset: { count: "suppressed" } }, String(b.suppressed_count ?? 0)),
    b.reach?.checked ? [h("dt", {}, "Reachable by RCS"), h("dd", { dataset: { count: "reachable" } }, `${b.reach.reachable} of ${b.reach.checked}`)] : null);
  const clicks = (b.clicks || []).length
    ? h("div", {}, h("h3", {}, "Clicks by suggestion"), h("ul", { class: "clicks" }, b.clicks.map((c) => h("li", {}, `${c.text || c.postback_data}: ${c.count}`))))
    : null;
  const reasonList = reasons.length
    ? h("div", {}, h("h3", {}, "Failed by reason"), h("ul", { class: "reasons" }, reasons.map(([reason, n]) => h("li", {}, `${reason.replace(/_/g, " ")}: ${n}`))))
    : null;
  return h("div", { class: "funnel-box" }, svg, list, reasonList, clicks);
}

async function failureReasons(id, failed) {
  if (!failed) return [];
  const { targets } = await api("GET", `/broadcasts/${id}/targets?state=failed&size=1000`);
  const counts = {};
  for (const t of targets) counts[t.failure_reason || "unknown"] = (counts[t.failure_reason || "unknown"] || 0) + 1;
  return Object.entries(counts).sort((a, b) => b[1] - a[1]);
}

export async function broadcastView(main, id) {
  let { broadcast: b } = await api("GET", `/broadcasts/${id}`);
  main.append(heading(b.name || "Broadcast"));
  const summary = h("section", { class: "card", "aria-label": "Status and progress" });
  const controls = h("div", { class: "controls" });
  const status = h("div", { "aria-live": "polite" });
  const targetsBox = h("section", { "aria-label": "Targets" });

  const act = (label, path, cls = "") => h("button", { type: "button", class: cls, onclick: async (event) => {
    event.target.disabled = true;
    status.replaceChildren();
    try {
      const result = await api("POST", `/broadcasts/${id}/${path}`);
      announce(`${label}: ${result.status || "done"}`);
      if (path === "retry") { location.hash = `#/broadcasts/${result.broadcast_id}`; return; }
      await refresh();
      follow();
    } catch (error) { status.append(errorBox(error)); event.target.disabled = false; }
  } }, label);

  const draw = async () => {
    const settled = b.sent_count + b.failed_count;
    const share = b.total_count ? Math.round((settled / b.total_count) * 100) : 0;
    const reasons = await failureReasons(id, b.failed_count);
    summary.replaceChildren(
      h("p", { class: "status-line" }, "Status: ", h("span", { class: "broadcast-status", dataset: { status: b.status } }, badge(b.status)),
        b.failure_reason ? ` — ${b.failure_reason.replace(/_/g, " ")}` : ""),
      h("label", { for: "broadcast-progress" }, `Progress: ${settled} of ${b.total_count} settled (${share} %)`),
      h("progress", { id: "broadcast-progress", max: Math.max(b.total_count, 1), value: settled }),
      funnelChart(b, reasons),
      h("dl", { class: "facts" }, h("dt", {}, "Template"), h("dd", {}, h("a", { href: `#/templates/${b.template_id}` }, b.template_name)),
        h("dt", {}, "List"), h("dd", {}, h("a", { href: `#/lists/${b.list_id}` }, b.list_name)),
        h("dt", {}, "Scheduled"), h("dd", {}, when(b.scheduled_at)), h("dt", {}, "Started"), h("dd", {}, when(b.started_at)),
        h("dt", {}, "Completed"), h("dd", {}, when(b.completed_at))));
    controls.replaceChildren(...[
      ["draft"].includes(b.status) ? act(b.scheduled_at && b.scheduled_at > new Date().toISOString() ? "Schedule" : "Start", "start", "primary") : null,
      b.status === "running" ? act("Pause", "pause") : null,
      b.status === "paused" ? act("Resume", "resume", "primary") : null,
      ["draft", "scheduled", "running", "paused"].includes(b.status) ? act("Cancel", "cancel", "danger") : null,
      TERMINAL.includes(b.status) && b.failed_count ? act("Retry transient failures", "retry") : null,
    ].filter(Boolean));
  };
  let ticks = 0;
  const refresh = async () => {
    const before = b.status;
    b = (await api("GET", `/broadcasts/${id}`)).broadcast;
    await draw();
    if (b.status !== before || ++ticks % 5 === 0) await reloadTargets();
  };
  // Follow a live broadcast, and a finished one for a minute more: receipts (delivered, read) keep
  // arriving after the last send.
  const settledLongAgo = () => TERMINAL.includes(b.status) && (b.completed_at === UNSET || Date.now() - Date.parse(b.completed_at) > RECEIPTS_MS);
  let follower = null;
  const follow = () => {
    follower?.stop();
    follower = poll(async () => { await refresh(); return b.status === "draft" || settledLongAgo(); }, 1000);
  };

  main.append(controls, status, summary, targetsBox);
  const reloadTargets = await targets(targetsBox, id);
  await draw();
  if (b.status !== "draft" && !settledLongAgo()) follow();
}

// The targets table; answers a function that reloads the page shown.
async function targets(box, id) {
  const state = h("select", { name: "state" }, h("option", { value: "" }, "All"), STATES.map((s) => h("option", { value: s }, s)));
  const rows = h("div");
  const cursors = [""];
  const load = async () => {
    const cursor = cursors[cursors.length - 1];
    const query = new URLSearchParams({ size: "50" });
    if (state.value) query.set("state", state.value);
    if (cursor) query.set("cursor", cursor);
    const page = await api("GET", `/broadcasts/${id}/targets?${query}`);
    rows.replaceChildren(table(`Targets, page ${cursors.length}`, ["Phone", "State", "Reason", "Sent", "Delivered", "Read"],
      page.targets.map((t) => h("tr", {}, h("td", {}, t.recipient_phone), h("td", {}, badge(t.state)), h("td", {}, t.failure_reason || ""),
        h("td", {}, when(t.sent_at)), h("td", {}, when(t.delivered_at)), h("td", {}, when(t.read_at))))),
    h("div", { class: "pager" },
      cursors.length > 1 ? h("button", { type: "button", onclick: () => { cursors.pop(); load(); } }, "Previous page") : null,
      page.next_cursor ? h("button", { type: "button", onclick: () => { cursors.push(page.next_cursor); load(); } }, "Next page") : null,
      h("button", { type: "button", onclick: load }, "Refresh")));
  };
  state.addEventListener("change", () => { cursors.splice(1); load(); });
  box.replaceChildren(h("h2", {}, "Targets"), field("Show targets in state", state), rows);
  await load();
  return load;
}

export async function accountView(main) {
  main.append(heading("Balance and ledger"));
  const [{ balance, currency }, credentials] = await Promise.all([api("GET", "/balance"), api("GET", "/credentials")]);
  main.append(h("p", { class: "balance" }, "Balance: ", h("strong", { id: "balance" }, money(balance, currency))));
  const status = h("div", { "aria-live": "polite" });
  main.append(h("section", { class: "card" }, h("h2", {}, "Provider"),
    h("p", {}, credentials.configured ? `Sending through: ${credentials.provider}${credentials.agent_id ? ` (${credentials.agent_id})` : ""}.` : "No provider is configured yet: broadcasts fail with no_credentials."),
    h("button", { type: "button", onclick: async () => {
      try { await api("PUT", "/credentials", { provider: "simulator" }); announce("Simulator configured"); location.reload(); } catch (error) { status.append(errorBox(error)); }
    } }, "Use the simulator (test sends, no real messages)"), status,
    h("p", { class: "hint" }, "Google RBM credentials are set with PUT /api/v1/rcs/credentials (docs/spec/extensions.md). An admin credits the balance.")));
  const ledgerBox = h("section", {});
  const cursors = [""];
  const load = async () => {
    const cursor = cursors[cursors.length - 1];
    const page = await api("GET", `/ledger?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    ledgerBox.replaceChildren(table("Ledger, newest first", ["When", "Kind", "Amount", "Messages", "Reference", "Balance after"],
      page.entries.map((e) => h("tr", {}, h("td", {}, when(e.created_at)), h("td", {}, e.kind), h("td", { class: "num" }, money(e.amount, e.currency)),
        h("td", { class: "num" }, e.count ?? ""), h("td", {}, e.reference), h("td", { class: "num" }, e.balance_after === undefined ? "" : money(e.balance_after, e.currency))))),
    h("div", { class: "pager" },
      cursors.length > 1 ? h("button", { type: "button", onclick: () => { cursors.pop(); load(); } }, "Newer") : null,
      page.next_cursor ? h("button", { type: "button", onclick: () => { cursors.push(page.next_cursor); load(); } }, "Older") : null));
  };
  main.append(ledgerBox);
  await load();
}
