// The API client: the bearer token from the session, the error envelope turned into ApiError.

export const API_BASE = new URL("../api/v1/rcs/", document.baseURI);
const KEY = "rcs-console-session";

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || `HTTP ${status}`);
    this.status = status;
    this.code = body?.error || "";
    this.field = body?.field || "";
  }
}

export function session() {
  try { return JSON.parse(sessionStorage.getItem(KEY) || "null"); } catch { return null; }
}

export function saveSession(value) {
  if (value) sessionStorage.setItem(KEY, JSON.stringify(value));
  else sessionStorage.removeItem(KEY);
}

export async function api(method, path, body, extraHeaders = {}) {
  const headers = { ...extraHeaders };
  const current = session();
  if (current?.token) headers.Authorization = `Bearer ${current.token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(new URL(path.replace(/^\//, ""), API_BASE), {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (response.status === 401 && current) {
    saveSession(null);
    location.hash = "#/signin";
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

export const idempotencyKey = () => crypto.randomUUID();
