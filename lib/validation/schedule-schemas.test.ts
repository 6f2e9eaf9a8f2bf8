import { describe, expect, it } from "vitest";
import { ZWebhookInput } from "./schedule-schemas";

const messages = (input: object) => {
  const parsed = ZWebhookInput.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
};

describe("ZWebhookInput", () => {
  it("accepts http(s) URLs and defaults to the generic format with a generated secret", () => {
    expect(ZWebhookInput.parse({ url: " https://hooks.example.com/palisade " })).toEqual({ url: "https://hooks.example.com/palisade", format: "GENERIC", secret: "" });
  });

  it("refuses other schemes, credentials in the URL and relative URLs, saying why", () => {
    expect(messages({ url: "ftp://example.com/x" })).toEqual(["URL must start with http:// or https://"]);
    expect(messages({ url: "javascript:alert(1)" })).toEqual(["URL must start with http:// or https://"]);
    expect(messages({ url: "https://user:pw@example.com/x" })).toEqual(["URL must not contain a user name or password; the signing secret authenticates Palisade"]);
    expect(messages({ url: "/hooks/x" })).toEqual(["URL must be an absolute URL such as https://hooks.example.com/palisade"]);
  });

  it("wants a supplied secret to be long enough", () => {
    expect(messages({ url: "https://example.com", secret: "short" })).toEqual(["Secret must be at least 24 characters (or leave it empty to have one generated)"]);
  });
});
