import { expect, it } from "vitest";
import { redactUrl } from "./redact-url";

it("redactUrl keeps where a webhook points and hides its token-bearing path and query", () => {
  expect(redactUrl("https://hooks.slack.com/services/T000/B000/XXXXSECRET")).toBe("https://hooks.slack.com/services/…");
  expect(redactUrl("http://127.0.0.1:8080/hook?token=abc")).toBe("http://127.0.0.1:8080/hook/…");
  expect(redactUrl("https://example.com/")).toBe("https://example.com");
  expect(redactUrl("not a url")).toBe("(invalid URL)");
});
