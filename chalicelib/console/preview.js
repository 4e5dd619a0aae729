// The RCS preview: a template drawn as the phone shows it (RBM's layout rules: card widths, media
// heights, chips under the message, up to 4 suggestions inside a card). Placeholders stay visible.
import { smsSegments } from "./sms.js";
import { h } from "./ui.js";

const MEDIA_HEIGHT = { short: 112, medium: 168, tall: 264 };
const ICONS = { url: "↗", dial: "✆", location: "⌖", share_location: "⌖", calendar: "▦", reply: "" };

function text(value, cls) {
  if (!value) return null;
  const parts = String(value).split(/(\{\{\d+\}\})/g).map((part) =>
    /^\{\{\d+\}\}$/.test(part) ? h("mark", { class: "ph" }, part) : part);
  return h("div", { class: cls }, parts);
}

function media(item, height, cls = "media") {
  if (!item) return null;
  if (!item.url) return h("div", { class: `${cls} media-missing`, style: height ? `height:${height}px` : "", role: "img", "aria-label": "image (no URL yet)" }, "image");
  const isPlaceholder = /^\{\{/.test(item.url);
  const style = height ? `height:${height}px` : "";
  if (isPlaceholder || !/^https?:\/\//.test(item.url)) {
    return h("div", { class: `${cls} media-missing`, style, role: "img", "aria-label": `media ${item.url}` }, item.url);
  }
  return h("img", { class: cls, style, src: item.url, alt: "", loading: "lazy", referrerpolicy: "no-referrer" });
}

function chip(suggestion) {
  const icon = ICONS[suggestion.type] || "";
  return h("span", { class: "chip" }, icon ? h("span", { "aria-hidden": "true" }, `${icon} `) : null, suggestion.text || "…");
}

function card(item, { width, orientation = "vertical", alignment = "left" } = {}) {
  const height = MEDIA_HEIGHT[item.media?.height || "medium"];
  const body = h("div", { class: "card-body" }, text(item.title, "card-title"), text(item.description, "card-desc"));
  const actions = (item.suggestions || []).length
    ? h("div", { class: "card-actions" }, item.suggestions.map((s) => h("span", { class: "card-action" }, s.text || "…")))
    : null;
  if (orientation === "horizontal") {
    const thumb = media(item.media, null, "media media-side");
    const row = alignment === "right" ? [h("div", { class: "side-text" }, body), thumb] : [thumb, h("div", { class: "side-text" }, body)];
    return h("div", { class: "rcs-card horizontal" }, h("div", { class: "side" }, row), actions);
  }
  return h("div", { class: "rcs-card", style: width ? `width:${width}px` : "" }, media(item.media, height), body, actions);
}

// `draft` is a template body (components, suggestions) as the form holds it.
export function renderPreview(draft, agent = "Your brand") {
  const components = draft.components || {};
  const bubbles = [];
  if (components.type === "text") {
    bubbles.push(h("div", { class: "bubble" }, text(components.text || " ", "bubble-text")));
  } else if (components.type === "media") {
    bubbles.push(h("div", { class: "bubble media-bubble" }, media({ url: components.url }, 168)));
  } else if (components.type === "rich_card") {
    bubbles.push(card(components, { orientation: components.orientation, alignment: components.thumbnail_alignment }));
  } else if (components.type === "carousel") {
    const width = components.card_width === "small" ? 120 : 232;
    bubbles.push(h("div", { class: `carousel width-${components.card_width || "medium"}` },
      (components.cards || []).map((item) => card({ ...item, media: item.media && { ...item.media, height: item.media.height || (width === 120 ? "short" : "medium") } }, { width }))));
  }
  const chips = (draft.suggestions || []).filter((s) => s.text);
  return h("figure", { class: "phone", "aria-label": "Preview of the message on a phone" },
    h("div", { class: "phone-bar" }, h("span", { class: "avatar", "aria-hidden": "true" }, agent.slice(0, 1)), agent,
      h("span", { class: "verified", title: "verified sender" }, "✓")),
    h("div", { class: "thread" }, bubbles, chips.length ? h("div", { class: "chips" }, chips.map(chip)) : null),
    h("figcaption", { class: "visually-hidden" }, describe(draft)), smsFallback(draft));
}

// The SMS sent instead when RCS cannot reach the phone, with the segments it costs (before the
// placeholders are filled, which can change the count).
function smsFallback(draft) {
  const sms = draft.sms_fallback?.text;
  if (!sms) return null;
  const counted = smsSegments(sms);
  const segments = draft.sms_segments ?? counted.segments;
  return h("div", { class: "sms-fallback", "aria-label": "SMS fallback" },
    h("div", { class: "sms-label" }, "SMS fallback"),
    h("div", { class: "bubble sms-bubble" }, text(sms, "bubble-text")),
    h("div", { class: "sms-count" }, `${segments} segment${segments === 1 ? "" : "s"} · ${counted.encoding} · ${counted.units} ${counted.encoding === "GSM-7" ? "septets" : "characters"}`));
}

function describe(draft) {
  const c = draft.components || {};
  if (c.type === "carousel") return `A carousel of ${(c.cards || []).length} ${c.card_width || "medium"} cards.`;
  if (c.type === "rich_card") return `A ${c.orientation || "vertical"} rich card: ${c.title || ""} ${c.description || ""}`;
  if (c.type === "media") return "A media message.";
  return `A text message: ${c.text || ""}`;
}
