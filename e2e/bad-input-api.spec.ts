import { expect, test, type APIRequestContext } from "@playwright/test";
import { rowCounts } from "./support/db";
import { useSession } from "./support/session";
import { e2eState } from "./support/state";

// The JSON routes, fed broken JSON, the wrong types, 1 MB strings, markup and
// bodies over the 2 MB limit: each answers 4xx with a message that says what
// is wrong, as JSON, and saves nothing.

const MB = "a".repeat(1024 * 1024);
const SCRIPT = `<script>alert(1)</script>`;
const INVALID = "Invalid request: nothing was saved";

type TBody = { json: unknown } | { raw: string };
type TCase = {
  route: "hosts" | "import";
  what: string;
  body: TBody;
  status: number;
  error: string;
  /** Field -> a message it must carry; checked with toContain. */
  fieldErrors?: Record<string, string>;
};

const cases: TCase[] = [
  // POST /api/engagements/:id/hosts
  { route: "hosts", what: "an empty body", body: { raw: "" }, status: 400, error: "Request body must be valid JSON" },
  { route: "hosts", what: "broken JSON", body: { raw: '{"address": "10.9.0.1",' }, status: 400, error: "Request body must be valid JSON" },
  { route: "hosts", what: "a JSON array", body: { json: [{ address: "10.9.0.1" }] }, status: 400, error: INVALID },
  { route: "hosts", what: "JSON null", body: { json: null }, status: 400, error: INVALID },
  { route: "hosts", what: "an empty object", body: { json: {} }, status: 400, error: INVALID, fieldErrors: { address: "Address must be text" } },
  { route: "hosts", what: "an empty address", body: { json: { address: "" } }, status: 400, error: INVALID, fieldErrors: { address: "Address is required" } },
  {
    route: "hosts",
    what: "wrong types everywhere",
    body: { json: { address: 10, port: "twenty-two", username: ["root"], exposure: 1, tags: { a: 1 }, credentialId: 5 } },
    status: 400,
    error: INVALID,
    fieldErrors: { address: "Address must be text", port: "Port must be a number", username: "User must be text", exposure: "Exposure must be INTERNET or INTERNAL" },
  },
  { route: "hosts", what: "a port out of range", body: { json: { address: "10.9.0.1", port: 0 } }, status: 400, error: INVALID, fieldErrors: { port: "Port must be 1-65535" } },
  { route: "hosts", what: "a 1 MB address", body: { json: { address: MB, label: "a".repeat(121) } }, status: 400, error: INVALID, fieldErrors: { address: "Address must be at most 253 characters", label: "Label must be at most 120 characters" } },
  { route: "hosts", what: "a 1 MB label", body: { json: { address: "10.9.0.1", label: MB } }, status: 400, error: INVALID, fieldErrors: { label: "Label must be at most 120 characters" } },
  {
    route: "hosts",
    what: "markup in address, label and a tag",
    body: { json: { address: SCRIPT, label: SCRIPT, tags: ["web", SCRIPT] } },
    status: 400,
    error: INVALID,
    fieldErrors: { address: "Address must be a host name, an IPv4 or an IPv6 address", label: "Label must be plain text: < and > are not allowed", "tags.1": "Tag must be plain text: < and > are not allowed" },
  },
  { route: "hosts", what: "a body over 2 MB", body: { json: { address: "10.9.0.1", label: "a".repeat(2 * 1024 * 1024 + 1) } }, status: 413, error: "Request body must be at most 2097152 bytes" },
  // POST /api/engagements/:id/hosts/import
  { route: "import", what: "broken JSON", body: { raw: "{text: 10.9.0.1}" }, status: 400, error: "Request body must be valid JSON" },
  { route: "import", what: "no text", body: { json: { exposure: "INTERNET" } }, status: 400, error: INVALID, fieldErrors: { text: "text must be the pasted host list" } },
  { route: "import", what: "an empty text", body: { json: { text: "" } }, status: 400, error: "Some lines are invalid: nothing was saved", fieldErrors: { "line 1": "paste at least one host" } },
  { route: "import", what: "wrong types", body: { json: { text: ["10.9.0.1"], exposure: "DMZ", credentialId: 42 } }, status: 400, error: INVALID, fieldErrors: { text: "text must be the pasted host list", exposure: "Exposure must be INTERNET or INTERNAL", credentialId: "Id must be text" } },
  { route: "import", what: "a 1 MB text", body: { json: { text: MB } }, status: 400, error: INVALID, fieldErrors: { text: "text must be at most 1,000,000 characters" } },
  { route: "import", what: "one bad line among good ones", body: { json: { text: "10.9.0.1\n10.9.0.300\n10.9.0.3" } }, status: 400, error: "Some lines are invalid: nothing was saved", fieldErrors: { "line 2": '"10.9.0.300" is not a host name, IPv4 or IPv6 address' } },
  { route: "import", what: "markup as a line", body: { json: { text: `10.9.0.1\n${SCRIPT}` } }, status: 400, error: "Some lines are invalid: nothing was saved", fieldErrors: { "line 2": "is not a host name, IPv4 or IPv6 address" } },
  { route: "import", what: "a body over 2 MB", body: { raw: JSON.stringify({ text: `10.9.0.1\n${"#".repeat(2 * 1024 * 1024)}` }) }, status: 413, error: "Request body must be at most 2097152 bytes" },
];

const url = (route: TCase["route"]) => `/api/engagements/${e2eState().engagements.badInput.id}/hosts${route === "import" ? "/import" : ""}`;

async function post(api: APIRequestContext, c: TCase) {
  const headers = { "content-type": "application/json" };
  // A Buffer goes out byte for byte; a string with a JSON content type would be JSON-encoded again.
  const data = Buffer.from("raw" in c.body ? c.body.raw : JSON.stringify(c.body.json));
  return api.post(url(c.route), { headers, data });
}

for (const c of cases) {
  test(`POST ${c.route === "import" ? "hosts/import" : "hosts"}: ${c.what} -> ${c.status}`, async ({ page, context }) => {
    await useSession(context, e2eState().users.consultant);
    const before = await rowCounts();

    const response = await post(page.request, c);
    expect(response.status()).toBe(c.status);
    expect(response.headers()["content-type"]).toContain("application/json");
    const body = (await response.json()) as { error: string; fieldErrors?: Record<string, string[]> };
    expect(body.error).toBe(c.error);
    for (const [field, message] of Object.entries(c.fieldErrors ?? {})) {
      expect(body.fieldErrors?.[field]?.join(" "), `fieldErrors.${field}`).toContain(message);
    }
    // The answer names the problem; it does not echo a megabyte back.
    expect((await response.body()).length).toBeLessThan(10_000);

    expect(await rowCounts()).toEqual(before);
  });
}

test("every route answers 401 when signed out, and saves nothing", async ({ request }) => {
  const { a } = e2eState().engagements;
  const before = await rowCounts();
  for (const response of [
    await request.get("/api/engagements"),
    await request.get(`/api/engagements/${a.id}`),
    await request.post(`/api/engagements/${a.id}/hosts`, { data: { address: "10.9.9.1" } }),
    await request.post(`/api/engagements/${a.id}/hosts/import`, { data: { text: "10.9.9.2" } }),
  ]) {
    expect(response.status(), response.url()).toBe(401);
    expect(await response.json()).toEqual({ error: "Sign in first" });
  }
  expect(await rowCounts()).toEqual(before);
});

test("a well-formed request still works (the refusals above are about the input)", async ({ page, context }) => {
  await useSession(context, e2eState().users.consultant);
  const before = await rowCounts();
  const one = await page.request.post(url("hosts"), { data: { address: "api-ok.e2e.test", label: "api ok", port: 2201, tags: ["api"] } });
  expect(one.status()).toBe(201);
  expect(await one.json()).toMatchObject({ address: "api-ok.e2e.test", label: "api ok", port: 2201, tags: ["api"] });
  const many = await page.request.post(url("import"), { data: { text: "10.9.1.1\n10.9.1.2 two", exposure: "INTERNET" } });
  expect(many.status()).toBe(201);
  expect(await many.json()).toEqual({ ok: true, created: 2 });
  expect(await rowCounts()).toEqual({ ...before, hosts: before.hosts + 3 });
});
