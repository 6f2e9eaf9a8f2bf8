import { lookup } from "node:dns/promises";
import { isIP } from "node:net";

// Webhook URLs are typed by people, and Palisade runs next to cloud metadata
// services (169.254.169.254, fd00:ec2::254 is ULA and stays allowed) that hand
// out credentials to anything on the machine that asks. Link-local targets are
// never a real receiver, so a delivery to one is refused before it is sent.
// Private and loopback addresses stay allowed: in-house receivers live there.
// (A name that resolves differently between this check and the request is not
// covered; the receiver's answer body is never read back, only its status.)
export function isLinkLocal(address: string): boolean {
  if (isIP(address) === 4) return address.startsWith("169.254.");
  const lower = address.toLowerCase();
  const mapped = lower.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  if (mapped) return isLinkLocal(mapped[1]!);
  return /^fe[89ab][0-9a-f]:/.test(lower);
}

export async function linkLocalRefusal(url: string): Promise<string | null> {
  const host = new URL(url).hostname.replace(/^\[(.*)\]$/, "$1");
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  const bad = addresses.find(isLinkLocal);
  return bad ? `Refused: ${host} is a link-local address (${bad}), where cloud metadata services live, not a webhook receiver` : null;
}
