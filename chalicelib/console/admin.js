// Admin: the human review queue (preview, findings, approve or reject with a reason) and credits.
import { api } from "./api.js";
import { renderPreview } from "./preview.js";
import { announce, badge, errorBox, field, h, heading, money } from "./ui.js";

export async function adminView(main) {
  main.append(heading("Review queue"));
  const queue = h("section", { "aria-label": "Templates waiting for a person" });
  main.append(queue, creditForm());
  const { templates } = await api("GET", "/admin/templates?status=needs_admin&limit=100");
  if (!templates.length) queue.append(h("p", { class: "empty" }, "Nothing waits for review."));
  for (const t of templates) queue.append(reviewCard(t));
}

function reviewCard(t) {
  const reason = h("textarea", { name: "reason", rows: 2, maxlength: 1000 });
  const status = h("div", { "aria-live": "polite" });
  const card = h("article", { class: "card review", dataset: { template: t.template_id }, "aria-labelledby": `rv-${t.template_id}` });
  const decide = async (decision) => {
    status.replaceChildren();
    try {
      const result = await api("POST", `/admin/templates/${t.template_id}/review`, { decision, reason: reason.value.trim() });
      const effective = result.template?.effective_status || decision;
      card.replaceChildren(h("h2", { id: `rv-${t.template_id}` }, t.name), h("p", { class: "decided" }, "Decided: ", badge(effective)));
      announce(`${t.name}: ${decision}`);
    } catch (error) { status.append(errorBox(error)); }
  };
  card.append(
    h("h2", { id: `rv-${t.template_id}` }, t.name),
    h("p", {}, `Account ${t.account_id} · ${t.category} · ${t.language} · automated score ${Number(t.ai_review_score).toFixed(2)}`),
    h("div", { class: "split" },
      h("div", {},
        h("p", {}, t.ai_review_reason),
        h("ul", { class: "findings" }, (t.ai_review_findings || []).map((f) => h("li", { class: `finding sev-${f.severity}` },
          h("strong", {}, f.message), f.field ? ` — on ${f.field}` : "", f.hint ? h("div", { class: "hint" }, f.hint) : null))),
        field("Reason (required to reject)", reason),
        status,
        h("div", { class: "controls" },
          h("button", { type: "button", class: "primary", onclick: () => decide("approved") }, `Approve ${t.name}`),
          h("button", { type: "button", class: "danger", onclick: () => decide("rejected") }, `Reject ${t.name}`))),
      renderPreview(t, t.account_id)));
  return card;
}

function creditForm() {
  const account = h("input", { name: "account", required: true });
  const amount = h("input", { name: "amount", type: "number", min: 1, step: 1, required: true });
  const reference = h("input", { name: "reference", required: true, value: `console-${Date.now()}` });
  const status = h("div", { "aria-live": "polite" });
  return h("form", { class: "card narrow", onsubmit: async (event) => {
    event.preventDefault();
    status.replaceChildren();
    try {
      const result = await api("POST", `/admin/accounts/${encodeURIComponent(account.value.trim())}/credit`,
        { amount: Number(amount.value), reference: reference.value.trim() });
      status.append(h("p", { class: "ok" }, `Credited. Balance: ${money(result.balance, result.currency)}.`));
      reference.value = `console-${Date.now()}`;
    } catch (error) { status.append(errorBox(error)); }
  } }, h("h2", {}, "Credit an account"), field("Account", account),
  field("Amount in minor units (paise)", amount, { hint: "10000 = ₹100.00" }), field("Reference", reference, { hint: "The same reference is never credited twice." }),
  status, h("button", { type: "submit", class: "primary" }, "Credit"));
}
