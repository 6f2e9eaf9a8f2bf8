import { expect, test, type Locator, type Page } from "@playwright/test";
import { waitForHydration } from "./support/auth";
import { rowCounts } from "./support/db";
import { fieldName } from "./support/fields";
import { useSession } from "./support/session";
import { e2eState } from "./support/state";

// Every form, fed what users and attackers feed forms: nothing, far too much
// (1 MB), the wrong kind of value, and markup. Each must say what is wrong
// and save nothing anywhere.

// 1 MiB of 64-character words: one unbroken megabyte word takes Chromium
// ~15 s to lay out in a proportional-font textarea, which tests nothing of ours.
const MB = `${"a".repeat(63)} `.repeat(16 * 1024);
const SCRIPT = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 1; alert(1)">`;
const FIX_FIELDS = "Please correct the highlighted fields. Nothing was saved.";

type TForm = "client" | "engagement" | "host" | "import" | "credential" | "user" | "member";
type TCase = {
  form: TForm;
  kind: "empty" | "oversized" | "wrong type" | "script";
  what: string;
  /** Field label -> value. A select gets any value, as a tampering client would send. */
  values: Record<string, string>;
  /** The form's message (role=alert). */
  alert: string;
  /** Field label -> the error announced for that field. */
  fieldErrors?: Record<string, string>;
  /** Lines listed under "Lines with errors" (bulk import). */
  lineErrors?: string[];
  /** Rewrites of the submitted body, for values the browser will not let a field hold. */
  tamper?: [from: string, to: string][];
};

const forms: Record<TForm, { as: "consultant" | "admin"; url: () => string; region?: string; submit: string }> = {
  client: { as: "consultant", url: () => "/clients", region: "New client", submit: "Create client" },
  engagement: { as: "consultant", url: () => "/engagements/new", submit: "Create engagement" },
  host: { as: "consultant", url: () => `/engagements/${e2eState().engagements.badInput.id}`, region: "Add a host", submit: "Add host" },
  import: { as: "consultant", url: () => `/engagements/${e2eState().engagements.badInput.id}`, region: "Import hosts", submit: "Import hosts" },
  credential: { as: "consultant", url: () => `/engagements/${e2eState().engagements.badInput.id}`, region: "SSH credentials", submit: "Store credential" },
  user: { as: "admin", url: () => "/admin/users", region: "New user", submit: "Create user" },
  member: { as: "consultant", url: () => `/engagements/${e2eState().engagements.badInput.id}`, region: "Members", submit: "Add member" },
};

const PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl e2e@palisade";

const cases: TCase[] = [
  // Client
  { form: "client", kind: "empty", what: "no name", values: { "Client name": "" }, alert: FIX_FIELDS, fieldErrors: { "Client name": "Name is required" } },
  { form: "client", kind: "oversized", what: "1 MB name and contact", values: { "Client name": MB, Contact: MB }, alert: FIX_FIELDS, fieldErrors: { "Client name": "Name must be at most 120 characters", Contact: "Contact must be at most 500 characters" } },
  { form: "client", kind: "wrong type", what: "a control character in the name", values: { "Client name": "Acme\u0007Bell" }, alert: FIX_FIELDS, fieldErrors: { "Client name": "Name contains control characters" } },
  { form: "client", kind: "script", what: "markup in name and contact", values: { "Client name": SCRIPT, Contact: SCRIPT }, alert: FIX_FIELDS, fieldErrors: { "Client name": "Name must be plain text: < and > are not allowed", Contact: "Contact must be plain text: < and > are not allowed" } },
  // Engagement
  { form: "engagement", kind: "empty", what: "no name", values: { Name: "" }, alert: FIX_FIELDS, fieldErrors: { Name: "Name is required" } },
  { form: "engagement", kind: "oversized", what: "1 MB name and scope", values: { Name: MB, Scope: MB }, alert: FIX_FIELDS, fieldErrors: { Name: "Name must be at most 120 characters", Scope: "Scope must be at most 5000 characters" } },
  { form: "engagement", kind: "wrong type", what: "a date that is not a date, a status that does not exist", values: { Name: "Dates test", Status: "DONE", "Starts on": "2026-12-30" }, tamper: [["2026-12-30", "31/12/2026"]], alert: FIX_FIELDS, fieldErrors: { Status: "Status must be one of PLANNED, ACTIVE, REPORTING, CLOSED", "Starts on": "Date must be YYYY-MM-DD" } },
  { form: "engagement", kind: "wrong type", what: "an end before the start", values: { Name: "Dates test", "Starts on": "2026-12-31", "Ends on": "2026-01-01" }, alert: FIX_FIELDS, fieldErrors: { "Ends on": "End date must not be before the start date" } },
  { form: "engagement", kind: "script", what: "markup in name and scope", values: { Name: SCRIPT, Scope: SCRIPT }, alert: FIX_FIELDS, fieldErrors: { Name: "Name must be plain text: < and > are not allowed", Scope: "Scope must be plain text: < and > are not allowed" } },
  // One host
  { form: "host", kind: "empty", what: "no address", values: { Address: "" }, alert: FIX_FIELDS, fieldErrors: { Address: "Address is required" } },
  { form: "host", kind: "oversized", what: "1 MB address and label", values: { Address: MB, Label: MB }, alert: FIX_FIELDS, fieldErrors: { Address: "Address must be at most 253 characters", Label: "Label must be at most 120 characters" } },
  { form: "host", kind: "wrong type", what: "a port in words, a user with a space, an unknown exposure", values: { Address: "10.9.0.1", "SSH port": "twenty-two", "SSH user": "root user", Exposure: "DMZ" }, alert: FIX_FIELDS, fieldErrors: { "SSH port": "Port must be a number", "SSH user": "User must be a valid Unix user name", Exposure: "Exposure must be INTERNET or INTERNAL" } },
  { form: "host", kind: "wrong type", what: "a port out of range", values: { Address: "10.9.0.1", "SSH port": "70000" }, alert: FIX_FIELDS, fieldErrors: { "SSH port": "Port must be 1-65535" } },
  { form: "host", kind: "script", what: "markup in one tag", values: { Address: "10.9.0.1", Tags: "web, <b>prod</b>" }, alert: FIX_FIELDS, fieldErrors: { Tags: "Tag must be plain text: < and > are not allowed" } },
  { form: "host", kind: "script", what: "markup in address, label and tags", values: { Address: SCRIPT, Label: SCRIPT, Tags: "web, <b>prod</b>" }, alert: FIX_FIELDS, fieldErrors: { Address: "Address must be a host name, an IPv4 or an IPv6 address", Label: "Label must be plain text: < and > are not allowed", Tags: "Tag must be plain text: < and > are not allowed" } },
  // Bulk import
  { form: "import", kind: "empty", what: "nothing pasted", values: { "Hosts, one per line": "" }, alert: "1 line needs fixing. Nothing was saved.", lineErrors: ["Line 1: (empty) — paste at least one host"] },
  { form: "import", kind: "oversized", what: "a 1 MB paste", values: { "Hosts, one per line": MB }, alert: FIX_FIELDS, fieldErrors: { "Hosts, one per line": "The pasted list must be at most 1,000,000 characters" } },
  { form: "import", kind: "wrong type", what: "a port in words, an unknown exposure", values: { "Hosts, one per line": "10.9.0.1\nweb02:ssh", "Exposure for all": "DMZ" }, alert: FIX_FIELDS, fieldErrors: { "Exposure for all": "Exposure must be INTERNET or INTERNAL" } },
  { form: "import", kind: "wrong type", what: "a port in words on line 2", values: { "Hosts, one per line": "10.9.0.1\nweb02:ssh" }, alert: "1 line needs fixing. Nothing was saved.", lineErrors: ['Line 2: web02:ssh — port "ssh" must be a number from 1 to 65535'] },
  { form: "import", kind: "script", what: "markup as a host and as a label", values: { "Hosts, one per line": `10.9.0.1\n${SCRIPT}\n10.9.0.2 <b>label</b>` }, alert: "2 lines need fixing. Nothing was saved.", lineErrors: [`Line 2: ${SCRIPT} — "<script>window.__pwned" is not a host name, IPv4 or IPv6 address`, "Line 3: 10.9.0.2 <b>label</b> — Label must be plain text: < and > are not allowed"] },
  // Credential
  { form: "credential", kind: "empty", what: "no label, no key", values: { Label: "", "Private key": "" }, alert: FIX_FIELDS, fieldErrors: { Label: "Label is required", "Private key": "Private key is required" } },
  { form: "credential", kind: "oversized", what: "a 1 MB key and label", values: { Label: MB, "Private key": MB }, alert: FIX_FIELDS, fieldErrors: { Label: "Label must be at most 120 characters", "Private key": "Private key must be at most 16 KB" } },
  { form: "credential", kind: "wrong type", what: "text that is not a key", values: { Label: "not a key", "Private key": "hunter2" }, alert: "Not a private key Palisade can read (OpenSSH or PEM format expected)", fieldErrors: { "Private key": "Not a private key Palisade can read (OpenSSH or PEM format expected)" } },
  { form: "credential", kind: "wrong type", what: "a public key instead of the private one, a user with a space", values: { Label: "public", "SSH user": "root user", "Private key": PUBLIC_KEY }, alert: FIX_FIELDS, fieldErrors: { "SSH user": "User must be a valid Unix user name" } },
  { form: "credential", kind: "wrong type", what: "a public key instead of the private one", values: { Label: "public", "Private key": PUBLIC_KEY }, alert: "That is a public key: paste the private key", fieldErrors: { "Private key": "That is a public key: paste the private key" } },
  { form: "credential", kind: "script", what: "markup in the label", values: { Label: SCRIPT, "Private key": SCRIPT }, alert: FIX_FIELDS, fieldErrors: { Label: "Label must be plain text: < and > are not allowed" } },
  // User (admin)
  { form: "user", kind: "empty", what: "nothing filled in", values: { Name: "", Email: "", "Initial password": "" }, alert: FIX_FIELDS, fieldErrors: { Name: "Name is required", Email: "Email is not valid", "Initial password": "Password must be at least 12 characters" } },
  { form: "user", kind: "oversized", what: "1 MB name, email and password", values: { Name: MB, Email: `${MB}@e2e.test`, "Initial password": MB }, alert: FIX_FIELDS, fieldErrors: { Name: "Name must be at most 120 characters", Email: "Email must be at most 254 characters", "Initial password": "Password must be at most 1024 characters" } },
  { form: "user", kind: "wrong type", what: "an email that is not one, a role that does not exist, a short password", values: { Name: "Eve", Email: "eve-at-e2e.test", Role: "ROOT", "Initial password": "short" }, alert: FIX_FIELDS, fieldErrors: { Email: "Email is not valid", Role: "Role must be one of ADMIN, CONSULTANT, REVIEWER, CLIENT", "Initial password": "Password must be at least 12 characters" } },
  { form: "user", kind: "script", what: "markup in name and email", values: { Name: SCRIPT, Email: `${SCRIPT}@e2e.test`, "Initial password": "long enough password" }, alert: FIX_FIELDS, fieldErrors: { Name: "Name must be plain text: < and > are not allowed", Email: "Email is not valid" } },
  // Member
  { form: "member", kind: "empty", what: "no email", values: { "Add a member by email": "" }, alert: FIX_FIELDS, fieldErrors: { "Add a member by email": "Email is not valid" } },
  { form: "member", kind: "oversized", what: "a 1 MB email", values: { "Add a member by email": `${MB}@e2e.test` }, alert: FIX_FIELDS, fieldErrors: { "Add a member by email": "Email must be at most 254 characters" } },
  { form: "member", kind: "wrong type", what: "not an email", values: { "Add a member by email": "client at e2e.test" }, alert: FIX_FIELDS, fieldErrors: { "Add a member by email": "Email is not valid" } },
  { form: "member", kind: "wrong type", what: "an email nobody has", values: { "Add a member by email": "nobody@e2e.test" }, alert: "No active user with email nobody@e2e.test" },
  { form: "member", kind: "script", what: "markup as the email", values: { "Add a member by email": SCRIPT }, alert: FIX_FIELDS, fieldErrors: { "Add a member by email": "Email is not valid" } },
];

async function setField(scope: Locator, label: string, value: string) {
  const field = scope.getByLabel(fieldName(label));
  const tag = await field.evaluate((el) => el.tagName.toLowerCase());
  if (tag === "select") {
    // A tampering client can send any value; give the select one to send.
    await field.evaluate((el, v) => {
      const select = el as HTMLSelectElement;
      if (![...select.options].some((o) => o.value === v)) select.add(new Option(v, v));
    }, value);
    await field.selectOption(value);
    return;
  }
  if (value.length > 10_000) {
    // Typing a megabyte is slow, and a failing fill would print all of it.
    const handle = await field.elementHandle();
    const length = await handle!.evaluate((el, v) => {
      const input = el as HTMLInputElement;
      input.value = v;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      return input.value.length;
    }, value);
    expect(length, `${label} holds the whole value`).toBe(value.length);
    await handle!.dispose();
    return;
  }
  await field.fill(value);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function regionOf(page: Page, name?: string) {
  return name ? page.getByRole("region", { name }) : page.getByRole("main");
}

for (const c of cases) {
  test(`${c.form} form, ${c.kind}: ${c.what}`, async ({ page, context }) => {
    const form = forms[c.form];
    const account = e2eState().users[form.as];
    await useSession(context, account);
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });

    await page.goto(form.url());
    await waitForHydration(page);
    const scope = regionOf(page, form.region);
    for (const [label, value] of Object.entries(c.values)) await setField(scope, label, value);

    if (c.tamper) {
      await page.route("**/*", async (route) => {
        const body = route.request().postData();
        if (route.request().method() !== "POST" || body === null) return route.continue();
        await route.continue({ postData: c.tamper!.reduce((text, [from, to]) => text.replaceAll(from, to), body) });
      });
    }

    const before = await rowCounts();
    await scope.getByRole("button", { name: form.submit }).click();

    const alert = scope.getByRole("alert");
    await expect(alert).toContainText(c.alert);
    for (const [label, message] of Object.entries(c.fieldErrors ?? {})) {
      const field = scope.getByLabel(fieldName(label));
      await expect(field, `${label} is marked invalid`).toHaveAttribute("aria-invalid", "true");
      await expect(field, `${label} announces its error`).toHaveAccessibleDescription(new RegExp(escapeRegExp(message)));
    }
    if (c.lineErrors) {
      const items = scope.getByRole("list", { name: "Lines with errors" }).getByRole("listitem");
      await expect(items).toHaveText(c.lineErrors);
    }

    // Nothing saved, anywhere; nothing executed.
    expect(await rowCounts()).toEqual(before);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });
}
