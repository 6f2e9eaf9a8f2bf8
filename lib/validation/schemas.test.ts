import { describe, expect, it } from "vitest";
import { ZClientInput, ZCredentialInput, ZEngagementInput, ZHostInput, ZUserInput } from "./schemas";

const firstMessage = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues[0]?.message;
const MEGABYTE = "x".repeat(1024 * 1024);

describe("form schemas", () => {
  it("accepts good input and fills defaults", () => {
    expect(ZHostInput.parse({ address: "10.0.0.1" })).toMatchObject({ address: "10.0.0.1", port: 22, username: "root", exposure: "INTERNAL", tags: [], credentialId: null });
    expect(ZHostInput.parse({ address: "::1", port: "2222", tags: "web, prod" })).toMatchObject({ port: 2222, tags: ["web", "prod"] });
  });

  it("gives a clear message for empty values", () => {
    expect(firstMessage(ZClientInput.safeParse({ name: "   " }))).toBe("Name is required");
    expect(firstMessage(ZHostInput.safeParse({ address: "" }))).toBe("Address is required");
  });

  it("gives a clear message for 1 MB values", () => {
    expect(firstMessage(ZClientInput.safeParse({ name: MEGABYTE }))).toBe("Name must be at most 120 characters");
    expect(firstMessage(ZEngagementInput.safeParse({ clientId: "abc", name: "x", scope: MEGABYTE }))).toBe("Scope must be at most 5000 characters");
    expect(firstMessage(ZCredentialInput.safeParse({ label: "k", kind: "PRIVATE_KEY", username: "root", privateKey: MEGABYTE }))).toBe("Private key must be at most 16 KB");
  });

  it("gives a clear message for wrong types", () => {
    expect(firstMessage(ZClientInput.safeParse({ name: 42 }))).toBe("Name must be text");
    expect(firstMessage(ZHostInput.safeParse({ address: "h.example", port: "twenty" }))).toBe("Port must be a number");
    expect(firstMessage(ZHostInput.safeParse({ address: "h.example", exposure: "DMZ" }))).toMatch(/INTERNET or INTERNAL/);
    expect(firstMessage(ZUserInput.safeParse({ email: "a@b.example", name: "A", role: "ROOT", password: "x".repeat(12) }))).toMatch(/Role must be one of/);
  });

  it("refuses script-laden values", () => {
    expect(firstMessage(ZClientInput.safeParse({ name: "<script>alert(1)</script>" }))).toMatch(/plain text/);
    expect(firstMessage(ZHostInput.safeParse({ address: "<img src=x onerror=alert(1)>" }))).toMatch(/host name, an IPv4 or an IPv6/);
    expect(firstMessage(ZHostInput.safeParse({ address: "h.example", username: "root;rm -rf /" }))).toMatch(/valid Unix user name/);
  });

  it("checks date order and password length", () => {
    expect(ZEngagementInput.safeParse({ clientId: "abc", name: "x", startsOn: "2026-05-02", endsOn: "2026-05-01" }).error?.issues[0]?.path).toEqual(["endsOn"]);
    expect(firstMessage(ZUserInput.safeParse({ email: "a@b.example", name: "A", role: "CLIENT", password: "short" }))).toMatch(/at least 12/);
  });
});
