// `podman ps --format json`: one JSON array. Podman 4+ spells ports
// {"host_ip": "", "container_port": 80, "host_port": 8080, "range": 1, "protocol": "tcp"};
// podman 2-3 spelled them {"hostIP": "", "containerPort": 80, "hostPort": 8080, "protocol": "tcp"}.
// An empty host_ip binds every interface; podman's own table shows it as 0.0.0.0.
import type { TContainer, TParsed, TPublishedPort } from "../../facts";
import { clip, collector, MAX_FIELD } from "../collect";

const MAX_TEXT = 16 * 1024 * 1024;
const MAX_RANGE = 1_024;
const MAX_PORTS = 4_096;

export function parsePodmanPs(text: string): TParsed<TContainer> {
  const out = collector<TContainer>();
  const s = typeof text === "string" ? text : "";
  if (s.trim() === "") return out.result();
  if (s.length > MAX_TEXT) {
    out.skip(1, s, "output too large to read as JSON");
    return out.result();
  }
  let doc: unknown;
  try {
    doc = JSON.parse(s);
  } catch {
    out.skip(1, s, "not JSON");
    return out.result();
  }
  if (!Array.isArray(doc)) {
    out.skip(1, s, "not a JSON array");
    return out.result();
  }
  doc.forEach((row, i) => {
    if (out.full()) return;
    if (!row || typeof row !== "object" || Array.isArray(row)) return out.skip(i + 1, safeJson(row), "array element is not an object");
    const r = row as Record<string, unknown>;
    const id = typeof r.Id === "string" ? r.Id : typeof r.ID === "string" ? r.ID : null;
    if (!id || !/^[0-9a-f]{12,64}$/.test(id)) return out.skip(i + 1, safeJson(row), "no container Id");
    out.add({
      runtime: "podman",
      id,
      image: clip(typeof r.Image === "string" ? r.Image : ""),
      names: strings(r.Names).map((n) => clip(n, 255)),
      status: clip(typeof r.Status === "string" ? r.Status : typeof r.State === "string" ? r.State : ""),
      ports: ports(r.Ports),
      command: Array.isArray(r.Command) ? clip(strings(r.Command).join(" ")) : typeof r.Command === "string" ? clip(r.Command) : null,
    });
  });
  return out.result();
}

function strings(v: unknown): string[] {
  if (typeof v === "string") return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string").slice(0, 256) : [];
}

function ports(v: unknown): TPublishedPort[] {
  if (!Array.isArray(v)) return [];
  const found: TPublishedPort[] = [];
  for (const p of v.slice(0, 1_024)) {
    if (!p || typeof p !== "object") continue;
    const o = p as Record<string, unknown>;
    const hostPort = port(o.host_port ?? o.hostPort);
    const containerPort = port(o.container_port ?? o.containerPort);
    const proto = o.protocol === "udp" ? "udp" : o.protocol === "tcp" || o.protocol === undefined ? "tcp" : null;
    const rawIp = o.host_ip ?? o.hostIP ?? "";
    if (hostPort === null || hostPort === 0 || containerPort === null || !proto || typeof rawIp !== "string") continue;
    const hostIp = rawIp === "" ? "0.0.0.0" : clip(rawIp, 64);
    const n = typeof o.range === "number" && Number.isSafeInteger(o.range) ? Math.min(Math.max(o.range, 1), MAX_RANGE) : 1;
    for (let k = 0; k < n && hostPort + k <= 65_535 && found.length < MAX_PORTS; k++) found.push({ hostIp, hostPort: hostPort + k, containerPort: containerPort + k, proto });
  }
  return found;
}

function port(v: unknown): number | null {
  return typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 65_535 ? v : null;
}

function safeJson(v: unknown): string {
  try {
    return (JSON.stringify(v) ?? String(v)).slice(0, MAX_FIELD);
  } catch {
    return "";
  }
}
