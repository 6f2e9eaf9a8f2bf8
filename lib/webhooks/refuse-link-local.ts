import dns from "node:dns";
import { isIP, type LookupFunction } from "node:net";

// Webhook URLs are typed by people, and Palisade runs next to cloud metadata
// services (169.254.169.254; fd00:ec2::254 is ULA and stays allowed) that hand
// out credentials to anything on the machine that asks. Link-local targets are
// never a real receiver, so a delivery to one is refused before it is sent.
// Private and loopback addresses stay allowed: in-house receivers live there.
export function isLinkLocal(address: string): boolean {
  if (isIP(address) === 4) return address.startsWith("169.254.");
  const lower = address.toLowerCase();
  const mapped = lower.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  if (mapped) return isLinkLocal(mapped[1]!);
  return /^fe[89ab][0-9a-f]:/.test(lower);
}

const refusal = (host: string, address: string) => `Refused: ${host} is a link-local address (${address}), where cloud metadata services live, not a webhook receiver`;

// A URL whose host is an address literal: no lookup happens, so it is judged here.
export function literalRefusal(url: string): string | null {
  const host = new URL(url).hostname.replace(/^\[(.*)\]$/, "$1");
  return isIP(host) && isLinkLocal(host) ? refusal(host, host) : null;
}

// A name is judged by the lookup the connection itself uses, so the address
// checked is the address connected to: a name that answers differently on a
// second lookup (DNS rebinding) gets no second lookup to answer.
export function lookupRefusingLinkLocal(resolve: typeof dns.lookup = dns.lookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "");
      const bad = addresses.find((a) => isLinkLocal(a.address));
      if (bad) return callback(Object.assign(new Error(refusal(hostname, bad.address)), { code: "ELINKLOCAL" }), "");
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "");
      callback(null, first.address, first.family);
    });
  };
}
