// Docker's rendering of a container's ports, as in `docker ps`:
//   "0.0.0.0:8080->80/tcp, :::8080->80/tcp"   (before Engine 26)
//   "0.0.0.0:8080->80/tcp, [::]:8080->80/tcp" (26 and later)
//   "127.0.0.1:5432->5432/tcp", "0.0.0.0:8000-8002->8000-8002/tcp", "8000/tcp" (exposed only)
// Only published ports (with a host side) are facts about the host's exposure.
import type { TPublishedPort } from "../../facts";
import { toInt } from "../collect";

const MAX_RANGE = 1_024; // a wider range is kept as its first and last port only
const MAX_PORTS = 4_096;

export function parsePublishedPorts(text: string): { ports: TPublishedPort[]; bad: string[] } {
  const ports: TPublishedPort[] = [];
  const bad: string[] = [];
  for (const raw of text.slice(0, 65_536).split(",")) {
    const part = raw.trim();
    if (part === "") continue;
    const arrow = part.indexOf("->");
    if (arrow === -1) {
      if (!/^\d{1,5}(?:-\d{1,5})?\/(?:tcp|udp|sctp)$/.test(part)) bad.push(part);
      continue; // exposed, not published
    }
    const hostSide = part.slice(0, arrow);
    const [containerSide, proto] = part.slice(arrow + 2).split("/");
    const colon = hostSide.lastIndexOf(":");
    let hostIp = colon === -1 ? "" : hostSide.slice(0, colon);
    if (hostIp.startsWith("[") && hostIp.endsWith("]")) hostIp = hostIp.slice(1, -1);
    if (hostIp === "") hostIp = "0.0.0.0";
    const hostRange = range(hostSide.slice(colon + 1));
    const containerRange = range(containerSide ?? "");
    if (!hostRange || !containerRange || (proto !== "tcp" && proto !== "udp") || !/^[0-9a-fA-F.:]{1,64}$/.test(hostIp)) {
      bad.push(part);
      continue;
    }
    const count = hostRange[1] - hostRange[0];
    const steps = count <= MAX_RANGE ? [...Array(count + 1).keys()] : [0, count];
    for (const k of steps) {
      if (ports.length >= MAX_PORTS) break;
      ports.push({ hostIp, hostPort: hostRange[0] + k, containerPort: Math.min(containerRange[0] + k, containerRange[1]), proto });
    }
  }
  return { ports, bad };
}

function range(text: string): [number, number] | null {
  const [a, b] = text.split("-");
  const lo = toInt(a, 65_535);
  const hi = b === undefined ? lo : toInt(b, 65_535);
  return lo === null || hi === null || hi < lo ? null : [lo, hi];
}
