// Contact lists: create, add members, upload a CSV straight to the presigned URL, follow the import.
import { api, idempotencyKey } from "./api.js";
import { announce, errorBox, field, h, heading, poll, table, when } from "./ui.js";

export async function listsView(main) {
  main.append(heading("Contact lists"));
  const name = h("input", { name: "list-name", required: true, maxlength: 200 });
  const status = h("div");
  main.append(h("form", { class: "card inline", onsubmit: async (event) => {
    event.preventDefault();
    try {
      const created = await api("POST", "/lists", { name: name.value.trim() }, { "Idempotency-Key": idempotencyKey() });
      announce("List created");
      location.hash = `#/lists/${created.list_id}`;
    } catch (error) { status.replaceChildren(errorBox(error)); }
  } }, field("New list name", name), h("button", { type: "submit", class: "primary" }, "Create list"), status));
  const { lists } = await api("GET", "/lists?limit=100");
  main.append(table("Your lists", ["Name", "Members", "Created"], lists.map((l) => h("tr", {},
    h("td", {}, h("a", { href: `#/lists/${l.list_id}` }, l.name)), h("td", { class: "num" }, l.member_count), h("td", {}, when(l.created_at))))));
}

export async function listView(main, id) {
  const { list } = await api("GET", `/lists/${id}`);
  const count = h("span", { class: "member-count" }, String(list.member_count));
  main.append(heading(list.name), h("p", {}, count, " members · ", h("a", { href: `#/broadcasts/new?list=${id}` }, "Broadcast to this list")));
  const membersBox = h("section", { "aria-label": "Members" });
  const refresh = async (cursor = "") => {
    const fresh = (await api("GET", `/lists/${id}`)).list;
    count.textContent = String(fresh.member_count);
    const page = await api("GET", `/lists/${id}/members?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    membersBox.replaceChildren(table("Members", ["Phone", "Variables", "Added"], page.members.map((m) => h("tr", {},
      h("td", {}, m.phone), h("td", {}, Object.entries(m.variables || {}).map(([k, v]) => `{{${k}}}=${v}`).join(", ")), h("td", {}, when(m.added_at))))),
    page.next_cursor ? h("button", { type: "button", onclick: () => refresh(page.next_cursor) }, "Next page of members") : null);
  };
  main.append(h("div", { class: "split" }, h("div", {}, addMembersForm(id, refresh), uploadForm(id, refresh)), membersBox));
  await refresh();
}

function addMembersForm(id, refresh) {
  const rows = h("textarea", { name: "members", rows: 4, placeholder: "+919876543210, Asha, A-1042" });
  const status = h("div", { "aria-live": "polite" });
  return h("form", { class: "card", onsubmit: async (event) => {
    event.preventDefault();
    status.replaceChildren();
    const members = rows.value.split("\n").map((line) => line.trim()).filter(Boolean).map((line) => {
      const [phone, ...values] = line.split(",").map((part) => part.trim());
      return { phone, variables: Object.fromEntries(values.map((v, i) => [String(i + 1), v])) };
    });
    try {
      const result = await api("POST", `/lists/${id}/members`, { members });
      status.append(h("p", { class: "ok" }, `Added ${result.added}, updated ${result.updated}, rejected ${result.rejected}.`),
        (result.errors || result.rejected_rows || []).length ? h("ul", {}, (result.errors || result.rejected_rows).map((r) => h("li", {}, `${r.phone}: ${r.reason || r.message}`))) : null);
      rows.value = "";
      await refresh();
    } catch (error) { status.append(errorBox(error)); }
  } }, h("h2", {}, "Add members"),
  field("One member a line: phone, then the values of {{1}}, {{2}}…", rows, { hint: "Up to 1,000 at a time; national numbers need a + and country code." }),
  status, h("button", { type: "submit" }, "Add members"));
}

// PUT the file to the presigned URL with XMLHttpRequest (fetch reports no upload progress).
function upload(url, file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", url);
    xhr.upload.onprogress = (event) => { if (event.lengthComputable) onProgress(event.loaded / event.total); };
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new Error(`The upload failed (HTTP ${xhr.status}).`)));
    xhr.onerror = () => reject(new Error("The upload failed: the storage could not be reached."));
    xhr.send(file);
  });
}

function uploadForm(id, refresh) {
  const file = h("input", { type: "file", name: "csv", accept: ".csv,text/csv", required: true });
  const region = h("input", { name: "region", value: "", maxlength: 2, size: 3, placeholder: "IN" });
  const uploadBar = h("progress", { max: 100, value: 0, id: `upload-progress-${id}` });
  const importBar = h("progress", { max: 100, value: 0, id: `import-progress-${id}` });
  const uploadText = h("span", { class: "progress-text", "data-role": "upload" }, "");
  const importText = h("span", { class: "progress-text import-status", "data-role": "import" }, "");
  const status = h("div", { "aria-live": "polite" });
  const bars = h("div", { class: "progress-group", hidden: true },
    h("label", { for: uploadBar.id }, "Upload"), uploadBar, uploadText,
    h("label", { for: importBar.id }, "Import"), importBar, importText);
  return h("form", { class: "card", onsubmit: async (event) => {
    event.preventDefault();
    status.replaceChildren();
    if (!file.files.length) { status.append(errorBox(new Error("Choose a CSV file first."))); return; }
    bars.hidden = false;
    uploadBar.value = 0; importBar.value = 0; importText.textContent = "waiting for the upload";
    try {
      const body = region.value.trim() ? { default_region: region.value.trim().toUpperCase() } : {};
      const started = await api("POST", `/lists/${id}/imports`, body, { "Idempotency-Key": idempotencyKey() });
      await upload(started.upload_url, file.files[0], (share) => {
        uploadBar.value = Math.round(share * 100);
        uploadText.textContent = `${Math.round(share * 100)} %`;
      });
      uploadBar.value = 100; uploadText.textContent = "100 % uploaded";
      announce("Uploaded; importing");
      poll(async () => {
        const result = await api("GET", `/lists/${id}/imports/${started.import_id}`);
        const share = result.bytes_total ? result.bytes_read / result.bytes_total : 0;
        importBar.value = result.status === "completed" ? 100 : Math.round(share * 100);
        importText.textContent = `${result.status.replace("_", " ")}: ${result.rows_read} rows read, ${result.added} added, ${result.updated} updated, ${result.rejected} rejected`;
        const done = ["completed", "failed"].includes(result.status);
        if (done) {
          importText.dataset.status = result.status;
          if (result.failure_reason) status.append(errorBox(new Error(result.failure_reason)));
          if (result.rejected_rows?.length) status.append(h("ul", { class: "rejected" }, result.rejected_rows.map((r) => h("li", {}, `row ${r.row} (${r.phone}): ${r.reason}`))));
          announce(`Import ${result.status}`);
          await refresh();
        }
        return done;
      }, 700);
    } catch (error) { status.append(errorBox(error)); }
  } }, h("h2", {}, "Upload a CSV"),
  h("p", { class: "hint" }, "A header row with a phone column and var_1, var_2… columns; any size. The file goes straight to storage."),
  field("CSV file", file), field("Default country (for numbers without +)", region), bars, status,
  h("button", { type: "submit" }, "Upload and import"));
}
