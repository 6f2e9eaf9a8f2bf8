// SSH: the server's identification string ("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u6"). Lines
// before it are allowed by RFC 4253 section 4.2.
import type { TProbe } from "../classification-types";

export function parseSshBanner(b: Buffer): { protocolVersion: string; software: string; line: string } | null {
  for (const line of b.toString("latin1").split(/\r?\n/).slice(0, 20)) {
    const m = /^SSH-(\d\.\d+)-(\S+)(?: (.*))?$/.exec(line);
    if (m) return { protocolVersion: m[1]!, software: m[3] ? `${m[2]} ${m[3]}` : m[2]!, line: line.slice(0, 200) };
  }
  return null;
}

export function applySshBanner(p: TProbe, s: NonNullable<ReturnType<typeof parseSshBanner>>) {
  p.protocol = "ssh";
  p.banner = s.line;
  p.details.protocolVersion = s.protocolVersion;
  p.details.software = s.software;
}
