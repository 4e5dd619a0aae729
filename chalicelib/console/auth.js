// Sign-in: the local stack's dev sign-in, or Cognito's hosted UI (authorization code + PKCE).
import { saveSession } from "./api.js";
import { errorBox, field, h, heading } from "./ui.js";

const PKCE_KEY = "rcs-console-pkce";

function consoleUrl() {
  return new URL(".", document.baseURI).href.replace(/\/$/, "");
}

function claimsOf(token) {
  const part = token.split(".")[1] || "";
  const json = atob(part.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(part.length / 4) * 4, "="));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))));
}

function sessionFromToken(token) {
  const claims = claimsOf(token);
  const groups = claims["cognito:groups"] || [];
  return {
    token,
    account: claims.account_id || claims.sub,
    label: claims.email || claims.account_id || claims.sub,
    admin: Array.isArray(groups) ? groups.includes("admin") : groups === "admin",
    expires: (claims.exp || 0) * 1000,
  };
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

async function startCognito(cognito) {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(48)));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state }));
  const url = new URL(`${cognito.domain}/oauth2/authorize`);
  url.search = new URLSearchParams({
    response_type: "code", client_id: cognito.client_id, redirect_uri: consoleUrl(), scope: "openid email",
    state, code_challenge: challenge, code_challenge_method: "S256",
  }).toString();
  location.assign(url.href);
}

// Back from the hosted UI with ?code=…&state=…: trade the code (and the PKCE verifier) for tokens.
export async function finishCognito(config) {
  const params = new URLSearchParams(location.search);
  const code = params.get("code");
  if (!code || !config.cognito) return false;
  const pending = JSON.parse(sessionStorage.getItem(PKCE_KEY) || "{}");
  sessionStorage.removeItem(PKCE_KEY);
  history.replaceState(null, "", consoleUrl() + location.hash);
  if (!pending.verifier || pending.state !== params.get("state")) throw new Error("The sign-in answer does not match the request; sign in again.");
  const response = await fetch(`${config.cognito.domain}/oauth2/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code", client_id: config.cognito.client_id, code,
      redirect_uri: consoleUrl(), code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw new Error("Cognito refused the sign-in code; sign in again.");
  const tokens = await response.json();
  // The ID token: it carries `aud` (the app client), which the API checks, and cognito:groups.
  saveSession(sessionFromToken(tokens.id_token));
  return true;
}

export function signOut(config) {
  saveSession(null);
  if (config.cognito) {
    const url = new URL(`${config.cognito.domain}/logout`);
    url.search = new URLSearchParams({ client_id: config.cognito.client_id, logout_uri: consoleUrl() }).toString();
    location.assign(url.href);
  } else {
    location.hash = "#/signin";
  }
}

export function signInView(main, config, done) {
  main.append(heading("Sign in"));
  if (config.dev_sign_in) {
    const account = h("input", { name: "account", required: true, autocomplete: "username", value: "acme",
      pattern: "[A-Za-z0-9][A-Za-z0-9._:@+\\-]{0,127}" });
    const admin = h("input", { type: "checkbox", name: "admin", id: "signin-admin" });
    const status = h("div");
    const form = h("form", { class: "card narrow", onsubmit: async (event) => {
      event.preventDefault();
      status.replaceChildren();
      try {
        const response = await fetch(new URL("dev-token", document.baseURI), {
          method: "POST", headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ account: account.value.trim(), admin: admin.checked }),
        });
        const body = await response.json();
        if (!response.ok) throw new Error(body.message || "sign-in refused");
        saveSession(sessionFromToken(body.token));
        done();
      } catch (error) { status.replaceChildren(errorBox(error)); }
    } },
      h("p", {}, "Local stack: sign in as any account name, no password. ",
        "Every other stage refuses this and signs in with Cognito."),
      field("Account name", account, { hint: "A new name is a new, empty account." }),
      h("div", { class: "check" }, admin, h("label", { for: "signin-admin" }, "Admin (human review, credits)")),
      status,
      h("button", { type: "submit", class: "primary" }, "Sign in"));
    main.append(form);
  }
  if (config.cognito) {
    main.append(h("div", { class: "card narrow" },
      h("p", {}, "Sign in with your organisation's account."),
      h("button", { type: "button", class: "primary", onclick: () => startCognito(config.cognito) }, "Sign in with Cognito")));
  }
  if (!config.dev_sign_in && !config.cognito) {
    main.append(errorBox(new Error("This stage has no console sign-in configured (docs/deploy.md).")));
  }
}

export function isExpired(current) {
  return !current || (current.expires && current.expires < Date.now() + 30_000);
}
