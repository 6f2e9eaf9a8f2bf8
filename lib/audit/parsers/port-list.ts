// Port lists as firewalls print them: "80", "80,443", "8000-8010" (nft), "8000:8010"
// (iptables, ufw), "ssh" (nft with service names). A list that cannot be read exactly, or
// that is too wide to spell out, is null: the caller then keeps it as a condition instead of
// claiming a port set it does not know.
const MAX_PORTS = 1_024;

// The few service names old nft printed by default (newer nft prints numbers unless -S).
const SERVICES: Record<string, number> = {
  ftp: 21, ssh: 22, telnet: 23, smtp: 25, domain: 53, http: 80, pop3: 110, ntp: 123, imap2: 143,
  snmp: 161, ldap: 389, https: 443, submission: 587, imaps: 993, pop3s: 995, mysql: 3306,
  postgresql: 5432, "http-alt": 8080,
};

export function parsePortList(text: string, rangeSep: "-" | ":"): number[] | null {
  const ports: number[] = [];
  for (const raw of text.slice(0, 16_384).split(",")) {
    const part = raw.trim();
    if (part === "") continue;
    const [a, b, extra] = part.split(rangeSep);
    if (extra !== undefined) return null;
    const lo = port(a);
    const hi = b === undefined ? lo : port(b);
    if (lo === null || hi === null || hi < lo || ports.length + (hi - lo) >= MAX_PORTS) return null;
    for (let p = lo; p <= hi; p++) ports.push(p);
  }
  return ports.length > 0 ? [...new Set(ports)] : null;
}

function port(text: string | undefined): number | null {
  if (text === undefined) return null;
  const t = text.trim();
  if (/^\d{1,5}$/.test(t)) {
    const n = Number(t);
    return n <= 65_535 ? n : null;
  }
  return Object.hasOwn(SERVICES, t) ? (SERVICES[t] as number) : null;
}
