// Templates: the list with verdicts, the create form with its live preview, the verdict as it arrives.
import { api, idempotencyKey } from "./api.js";
import { renderPreview } from "./preview.js";
import { announce, badge, errorBox, field, h, heading, poll, table, when } from "./ui.js";

const EXAMPLE = {
  name: "", category: "transactional", language: "en_US",
  components: { type: "text", text: "Hi {{1}}, your order {{2}} has shipped and arrives on Monday." },
  suggestions: [],
};

export async function templatesView(main) {
  main.append(heading("Templates"), h("p", {}, h("a", { class: "button primary", href: "#/templates/new" }, "New template")));
  const { templates } = await api("GET", "/templates?limit=100");
  main.append(table("Your templates, newest first", ["Name", "Category", "Kind", "Verdict", "Submitted"],
    templates.map((t) => h("tr", {},
      h("td", {}, h("a", { href: `#/templates/${t.template_id}` }, t.name)),
      h("td", {}, t.category), h("td", {}, t.components.type.replace("_", " ")),
      h("td", {}, badge(t.effective_status)), h("td", {}, when(t.submitted_at))))));
}

export async function templateView(main, id) {
  const { template } = await api("GET", `/templates/${id}`);
  main.append(heading(template.name));
  const verdict = h("section", { class: "verdict", "aria-live": "polite" });
  const layout = h("div", { class: "split" }, h("div", {}, verdict, details(template)), renderPreview(template));
  main.append(layout);
  showVerdict(verdict, template);
  if (template.effective_status === "pending") {
    poll(async () => {
      const fresh = (await api("GET", `/templates/${id}`)).template;
      showVerdict(verdict, fresh);
      return fresh.effective_status !== "pending";
    }, 800);
  }
  main.append(h("p", {}, h("button", { type: "button", class: "danger", onclick: async () => {
    if (!confirm(`Delete the template ${template.name}?`)) return;
    await api("DELETE", `/templates/${id}`);
    announce("Template deleted");
    location.hash = "#/templates";
  } }, "Delete template")));
}

function details(t) {
  return h("dl", { class: "facts" }, h("dt", {}, "Category"), h("dd", {}, t.category), h("dt", {}, "Language"),
    h("dd", {}, t.language), h("dt", {}, "Submitted"), h("dd", {}, when(t.submitted_at)),
    h("dt", {}, "Placeholders"), h("dd", {}, (t.placeholders || []).map((n) => `{{${n}}}`).join(" ") || "none"),
    h("dt", {}, "SMS fallback"), h("dd", {}, t.sms_fallback?.text ? `${t.sms_segments ?? "?"} segment(s)` : "none"));
}

function showVerdict(box, t) {
  box.replaceChildren();
  box.dataset.status = t.effective_status;
  if (t.effective_status === "pending") {
    box.append(h("p", { class: "pending" }, h("span", { class: "spinner", "aria-hidden": "true" }), " Reviewing… the verdict usually takes a few seconds."));
    return;
  }
  const score = typeof t.ai_review_score === "number" ? ` (score ${t.ai_review_score.toFixed(2)})` : "";
  box.append(h("p", { class: "verdict-line" }, "Verdict: ", badge(t.effective_status), score));
  if (t.admin_status) box.append(h("p", {}, `A reviewer ${t.admin_status} it${t.admin_reason ? `: ${t.admin_reason}` : "."}`));
  if (t.ai_review_reason) box.append(h("p", {}, t.ai_review_reason));
  if (t.effective_status === "approved") box.append(h("p", {}, "Ready to broadcast. ", h("a", { href: `#/broadcasts/new?template=${t.template_id}` }, "Start a broadcast with it")));
  if (t.effective_status === "needs_admin") box.append(h("p", {}, "A person reviews it next; it can be broadcast once approved."));
  const findings = t.ai_review_findings || [];
  if (findings.length) box.append(h("ul", { class: "findings" }, findings.map(findingItem)));
}

function findingItem(f) {
  return h("li", { class: `finding sev-${f.severity}` }, h("strong", {}, f.message), f.field ? ` (${f.field})` : "",
    f.hint ? h("div", { class: "hint" }, f.hint) : null);
}

// ---- the create form --------------------------------------------------------------------------

function input(value, onInput, attrs = {}) {
  return h("input", { value: value ?? "", oninput: (e) => onInput(e.target.value), ...attrs });
}
function textarea(value, onInput, attrs = {}) {
  const el = h("textarea", { oninput: (e) => onInput(e.target.value), rows: 4, ...attrs });
  el.value = value ?? "";
  return el;
}
function select(value, options, onChange, attrs = {}) {
  const el = h("select", { onchange: (e) => onChange(e.target.value), ...attrs },
    options.map(([v, label]) => h("option", { value: v }, label)));
  el.value = value;
  return el;
}

function clean(value) {
  if (Array.isArray(value)) return value.map(clean);
  if (value && typeof value === "object") {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      const c = clean(v);
      if (c === "" || c === undefined || c === null) continue;
      if (typeof c === "object" && !Array.isArray(c) && !Object.keys(c).length) continue;
      out[k] = c;
    }
    return out;
  }
  return typeof value === "string" ? value : value;
}

export function bodyOf(draft) {
  const c = draft.components;
  const keep = {
    text: ["type", "text"], media: ["type", "url"],
    rich_card: ["type", "orientation", "thumbnail_alignment", "title", "description", "media"],
    carousel: ["type", "card_width", "cards"],
  }[c.type];
  const components = Object.fromEntries(keep.filter((k) => k in c).map((k) => [k, c[k]]));
  if (c.type === "rich_card" && c.orientation !== "horizontal") delete components.thumbnail_alignment;
  if (components.media && !components.media.url) delete components.media;
  if (components.cards) components.cards = components.cards.map((card) => (card.media?.url ? card : { ...card, media: undefined }));
  return clean({ name: draft.name, category: draft.category, language: draft.language, components, suggestions: draft.suggestions,
    sms_fallback: draft.sms_fallback });
}

export function newTemplateView(main) {
  const draft = structuredClone(EXAMPLE);
  main.append(heading("New template"));
  const previewBox = h("div", { class: "preview-box" });
  const verdict = h("section", { class: "verdict", "aria-live": "polite" });
  const componentsBox = h("fieldset", { class: "components" });
  const suggestionsBox = h("fieldset", { class: "suggestions" });
  const status = h("div");
  const update = () => previewBox.replaceChildren(renderPreview(bodyOf(draft)));

  const renderComponents = () => {
    const c = draft.components;
    const set = (key) => (v) => { c[key] = v; update(); };
    const parts = [h("legend", {}, "Message")];
    parts.push(field("Kind", select(c.type, [["text", "Text"], ["rich_card", "Rich card"], ["carousel", "Carousel"], ["media", "Media"]], (v) => {
      draft.components = defaults(v); renderComponents(); update();
    }, { name: "type" }), { name: "components.type" }));
    if (c.type === "text") {
      parts.push(field("Text", textarea(c.text, set("text"), { maxlength: 3072, name: "text" }),
        { name: "components.text", hint: "Up to 3,072 characters. {{1}}, {{2}}… are filled per recipient." }));
    } else if (c.type === "media") {
      parts.push(field("Media URL", input(c.url, set("url"), { type: "url", name: "url" }), { name: "components.url" }));
    } else if (c.type === "rich_card") {
      parts.push(field("Orientation", select(c.orientation, [["vertical", "Vertical"], ["horizontal", "Horizontal"]], (v) => { c.orientation = v; renderComponents(); update(); }, { name: "orientation" }), { name: "components.orientation" }));
      if (c.orientation === "horizontal") {
        parts.push(field("Image side", select(c.thumbnail_alignment || "left", [["left", "Left"], ["right", "Right"]], set("thumbnail_alignment")), { name: "components.thumbnail_alignment" }));
      }
      parts.push(...cardFields(c, "components", update));
    } else if (c.type === "carousel") {
      parts.push(field("Card width", select(c.card_width, [["medium", "Medium (232 dp)"], ["small", "Small (120 dp)"]], set("card_width"), { name: "card_width" }), { name: "components.card_width" }));
      c.cards.forEach((card, index) => {
        parts.push(h("fieldset", { class: "card-fields" }, h("legend", {}, `Card ${index + 1}`), cardFields(card, `components.cards.${index}`, update),
          c.cards.length > 2 ? h("button", { type: "button", onclick: () => { c.cards.splice(index, 1); renderComponents(); update(); } }, `Remove card ${index + 1}`) : null));
      });
      if (c.cards.length < 10) parts.push(h("button", { type: "button", onclick: () => { c.cards.push({ title: "", description: "", media: { url: "", height: "medium" } }); renderComponents(); update(); } }, "Add a card"));
    }
    componentsBox.replaceChildren(...parts);
  };

  const renderSuggestions = () => {
    const parts = [h("legend", {}, "Suggestion chips")];
    draft.suggestions.forEach((s, index) => {
      const set = (key) => (v) => { s[key] = v; update(); };
      const row = h("div", { class: "suggestion" },
        field("Type", select(s.type, [["reply", "Reply"], ["url", "Open URL"], ["dial", "Call"]], (v) => {
          draft.suggestions[index] = { type: v, text: s.text }; renderSuggestions(); update();
        }), { name: `suggestions.${index}.type` }),
        field("Label", input(s.text, set("text"), { maxlength: 25 }), { name: `suggestions.${index}.text`, hint: "Up to 25 characters." }),
        s.type === "url" ? field("URL", input(s.url, set("url"), { type: "text" }), { name: `suggestions.${index}.url` }) : null,
        s.type === "dial" ? field("Phone number", input(s.phone_number, set("phone_number"), { type: "tel" }), { name: `suggestions.${index}.phone_number` }) : null,
        h("button", { type: "button", onclick: () => { draft.suggestions.splice(index, 1); renderSuggestions(); update(); } }, `Remove chip ${index + 1}`));
      parts.push(row);
    });
    if (draft.suggestions.length < 11) parts.push(h("button", { type: "button", onclick: () => { draft.suggestions.push({ type: "reply", text: "" }); renderSuggestions(); update(); } }, "Add a chip"));
    suggestionsBox.replaceChildren(...parts);
  };

  const form = h("form", { class: "card", novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    clearFindings(form);
    status.replaceChildren();
    verdict.replaceChildren();
    const submit = form.querySelector("button[type=submit]");
    submit.disabled = true;
    try {
      const created = await api("POST", "/templates", bodyOf(draft), { "Idempotency-Key": idempotencyKey() });
      announce("Template submitted; reviewing");
      verdict.append(h("p", { class: "pending" }, h("span", { class: "spinner", "aria-hidden": "true" }), " Submitted. Reviewing…"));
      poll(async () => {
        const { template } = await api("GET", `/templates/${created.template_id}`);
        if (template.effective_status === "pending") return false;
        showVerdict(verdict, template);
        verdict.append(h("p", {}, h("a", { href: `#/templates/${template.template_id}` }, `Open ${template.name}`)));
        showFindings(form, template.ai_review_findings || []);
        announce(`Verdict: ${template.effective_status.replace("_", " ")}`);
        submit.disabled = false;
        return true;
      }, 700);
    } catch (error) {
      submit.disabled = false;
      if (error.field) showFindings(form, [{ field: error.field, message: error.message, severity: "block" }]);
      status.replaceChildren(errorBox(error));
    }
  } },
    field("Name", input(draft.name, (v) => { draft.name = v; }, { name: "name", required: true, pattern: "[a-z][a-z0-9]*(_[a-z0-9]+)*", autocomplete: "off" }),
      { name: "name", hint: "snake_case, unique in your account: order_shipped" }),
    h("div", { class: "row" },
      field("Category", select(draft.category, [["transactional", "Transactional"], ["promotional", "Promotional"], ["otp", "One-time password"]], (v) => { draft.category = v; }, { name: "category" }), { name: "category" }),
      field("Language", input(draft.language, (v) => { draft.language = v; }, { name: "language" }), { name: "language", hint: "en_US, hi_IN…" })),
    componentsBox, suggestionsBox,
    h("fieldset", { class: "sms" }, h("legend", {}, "SMS fallback (optional)"),
      field("Fallback SMS message", textarea(draft.sms_fallback?.text, (v) => { draft.sms_fallback = { text: v }; update(); }, { maxlength: 1600, rows: 3, name: "sms_fallback" }),
        { name: "sms_fallback.text", hint: "Sent by SMS to phones RCS cannot reach, when a broadcast asks for fallback. Same placeholders; up to 1,600 characters." })),
    status,
    h("button", { type: "submit", class: "primary" }, "Submit for review"));

  renderComponents();
  renderSuggestions();
  update();
  main.append(h("div", { class: "split" }, h("div", {}, form, verdict), h("div", { class: "preview-column" }, h("h2", {}, "Preview"), previewBox)));
}

function cardFields(card, path, update) {
  const set = (key) => (v) => { card[key] = v; update(); };
  card.media = card.media || { url: "", height: "medium" };
  return [
    field("Title", input(card.title, set("title"), { maxlength: 200 }), { name: `${path}.title` }),
    field("Description", textarea(card.description, set("description"), { maxlength: 2000, rows: 3 }), { name: `${path}.description` }),
    field("Image URL", input(card.media.url, (v) => { card.media.url = v; update(); }, { type: "url" }), { name: `${path}.media.url`, hint: "https://…" }),
    field("Image height", select(card.media.height || "medium", [["short", "Short"], ["medium", "Medium"], ["tall", "Tall"]], (v) => { card.media.height = v; update(); }), { name: `${path}.media.height` }),
  ];
}

function defaults(type) {
  const media = { url: "", height: "medium" };
  if (type === "rich_card") return { type, orientation: "vertical", thumbnail_alignment: "left", title: "Summer sale", description: "30% off sandals until Sunday. Reply STOP to opt out.", media };
  if (type === "carousel") return { type, card_width: "medium", cards: [
    { title: "Sandals", description: "From 499", media: { ...media } },
    { title: "Sneakers", description: "From 999", media: { ...media } }] };
  if (type === "media") return { type, url: media.url };
  return { type: "text", text: "" };
}

// Each finding goes on the field it names (components.cards.2.description); a path the form has no
// field for goes on its nearest named ancestor, else on the form's own list.
function showFindings(form, findings) {
  const general = [];
  for (const f of findings) {
    let path = f.field || "";
    let slot = null;
    while (path && !(slot = form.querySelector(`[data-field="${CSS.escape(path)}"]`))) path = path.split(".").slice(0, -1).join(".");
    if (!slot) { general.push(f); continue; }
    const error = slot.querySelector(":scope > .field-error") || slot.querySelector(".field-error");
    if (!error) { general.push(f); continue; }
    error.hidden = false;
    error.classList.add(`sev-${f.severity}`);
    error.append(h("span", {}, `${f.message}${f.hint ? ` ${f.hint}` : ""} `));
    slot.classList.add("has-finding");
    slot.querySelector("input, textarea, select")?.setAttribute("aria-invalid", "true");
  }
  if (general.length) form.append(h("ul", { class: "findings general" }, general.map(findingItem)));
}

function clearFindings(form) {
  form.querySelectorAll(".field-error").forEach((el) => { el.hidden = true; el.replaceChildren(); });
  form.querySelectorAll(".has-finding").forEach((el) => el.classList.remove("has-finding"));
  form.querySelectorAll("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
  form.querySelectorAll(".findings.general").forEach((el) => el.remove());
}
