import { isIP } from "node:net";
import { ZAddress, ZPort, ZUsername } from "@/lib/validation/schemas";
import { plainText } from "@/lib/validation/text";

export type THostLine = { line: number; label: string; address: string; port: number; username: string };
export type THostLineError = { line: number; text: string; message: string };
export type THostListResult = { hosts: THostLine[]; errors: THostLineError[] };

export const MAX_HOST_LINES = 5000;
const ZLabel = plainText("Label", 120);

// One host per line: `[user@]address[:port] [label]`, IPv6 in brackets when a
// port or user is given (`admin@[2001:db8::1]:2222`), or bare (`2001:db8::1`).
// Blank lines and `#` comments are skipped.
export function parseHostLine(text: string, defaults: { username: string; port: number }): Omit<THostLine, "line"> | { error: string } {
  const [target = "", ...labelWords] = text.trim().split(/\s+/);
  let rest = target;
  let username = defaults.username;
  let port = defaults.port;

  const at = rest.lastIndexOf("@");
  if (at >= 0) {
    const user = ZUsername.safeParse(rest.slice(0, at));
    if (!user.success) return { error: `"${rest.slice(0, at)}" is not a valid user name` };
    username = user.data;
    rest = rest.slice(at + 1);
  }

  let address: string;
  let portText: string | undefined;
  if (rest.startsWith("[")) {
    const close = rest.indexOf("]");
    if (close < 0) return { error: "missing ] after IPv6 address" };
    address = rest.slice(1, close);
    const after = rest.slice(close + 1);
    if (after && !after.startsWith(":")) return { error: `unexpected "${after}" after ]` };
    portText = after ? after.slice(1) : undefined;
    if (isIP(address) !== 6) return { error: `"${address}" is not an IPv6 address` };
  } else if (isIP(rest) === 6) {
    address = rest;
  } else {
    const colons = rest.split(":").length - 1;
    if (colons > 1) return { error: `"${rest}" is not a valid address (put IPv6 addresses with a port in brackets)` };
    [address = "", portText] = rest.split(":") as [string, string | undefined];
  }

  if (portText !== undefined) {
    const parsedPort = ZPort.safeParse(portText);
    if (!parsedPort.success || !/^\d+$/.test(portText)) return { error: `port "${portText}" must be a number from 1 to 65535` };
    port = parsedPort.data;
  }
  const parsedAddress = ZAddress.safeParse(address);
  if (!parsedAddress.success) return { error: `"${address}" is not a host name, IPv4 or IPv6 address` };

  const labelText = labelWords.join(" ");
  const label = labelText ? ZLabel.safeParse(labelText) : { success: true as const, data: parsedAddress.data };
  if (!label.success) return { error: label.error.issues[0]?.message ?? "invalid label" };
  return { label: label.data, address: parsedAddress.data.toLowerCase(), port, username };
}

export function parseHostList(text: string, defaults = { username: "root", port: 22 }): THostListResult {
  const hosts: THostLine[] = [];
  const errors: THostLineError[] = [];
  const seen = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  if (lines.length > MAX_HOST_LINES) {
    return { hosts: [], errors: [{ line: MAX_HOST_LINES + 1, text: "", message: `at most ${MAX_HOST_LINES} lines at once` }] };
  }
  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith("#")) return;
    const shown = trimmed.length > 200 ? `${trimmed.slice(0, 200)}…` : trimmed;
    const parsed = parseHostLine(trimmed, defaults);
    if ("error" in parsed) return void errors.push({ line, text: shown, message: parsed.error });
    const key = `${parsed.username}@${parsed.address}:${parsed.port}`;
    const first = seen.get(key);
    if (first !== undefined) return void errors.push({ line, text: shown, message: `duplicate of line ${first}` });
    seen.set(key, line);
    hosts.push({ line, ...parsed });
  });
  if (!hosts.length && !errors.length) errors.push({ line: 1, text: "", message: "paste at least one host" });
  return { hosts, errors };
}
