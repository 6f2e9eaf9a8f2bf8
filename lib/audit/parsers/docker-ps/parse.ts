// `docker ps --no-trunc --format '{{json .}}'`: one JSON object per line, every value a
// string ("Names": "a,b", "Ports": "0.0.0.0:8080->80/tcp, :::8080->80/tcp").
import type { TContainer, TParsed } from "../../facts";
import { clip, collector, eachLine, isBlank } from "../collect";
import { parsePublishedPorts } from "./published-ports";

const MAX_LINE = 262_144; // a docker ps line with every label is a few KB

export function parseDockerPs(text: string): TParsed<TContainer> {
  const out = collector<TContainer>();
  eachLine(text, out, (line, no) => {
    if (isBlank(line)) return;
    if (line.length > MAX_LINE) return out.skip(no, line, "line too long for a container");
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      return out.skip(no, line, "not JSON");
    }
    if (!row || typeof row !== "object" || Array.isArray(row)) return out.skip(no, line, "not a JSON object");
    const r = row as Record<string, unknown>;
    const id = str(r.ID);
    if (!id || !/^[0-9a-f]{12,64}$/.test(id)) return out.skip(no, line, "no container ID");
    const { ports, bad } = parsePublishedPorts(str(r.Ports) ?? "");
    if (bad.length > 0) out.skip(no, line, `ports not understood: ${clip(bad.join(", "), 200)}`);
    out.add({
      runtime: "docker",
      id,
      image: clip(str(r.Image) ?? ""),
      names: (str(r.Names) ?? "").split(",").filter(Boolean).slice(0, 64).map((n) => clip(n, 255)),
      status: clip(str(r.Status) ?? str(r.State) ?? ""),
      ports,
      command: unquote(str(r.Command)),
    });
  });
  return out.result();
}

function str(v: unknown): string | null {
  return typeof v === "string" ? v : null;
}

// docker ps shows the command quoted: "\"docker-entrypoint.sh redis-server\"".
function unquote(v: string | null): string | null {
  if (v === null) return null;
  const t = v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
  return clip(t);
}
