// Does a host's real output match what its scenario says? Used by the lab's integration test
// and by the unit test that holds committed captures to their scenarios. Deliberately small:
// the product's parsers live in lib/audit/parsers; this only reads what the lab must check.
import { COMMON_LISTENERS, COMMON_SERVICES, type TProto, type TScenario } from "./types";

export type TSeenListener = { proto: TProto; address: string; port: number; processes: string[] };

export function readSs(output: string, proto: TProto): TSeenListener[] {
  const seen: TSeenListener[] = [];
  for (const line of output.split("\n")) {
    const local = line.trim().split(/\s+/)[3];
    const m = local ? /^(.*):(\d+)$/.exec(local) : null;
    if (!m) continue;
    const processes = [...line.matchAll(/\("([^"]+)",pid=\d+/g)].map((x) => x[1]!);
    seen.push({ proto, address: m[1]!, port: Number(m[2]), processes: [...new Set(processes)] });
  }
  return seen;
}

// Problems, in words; empty when every expected listener is there (with its process name when
// the output carries process info at all).
export function listenerProblems(scenario: TScenario, ssTcp: string, ssUdp: string): string[] {
  const seen = [...readSs(ssTcp, "tcp"), ...readSs(ssUdp, "udp")];
  const problems: string[] = [];
  for (const want of [...COMMON_LISTENERS, ...scenario.expected.listeners]) {
    const hit = seen.find((s) => s.proto === want.proto && s.address === want.address && s.port === want.port);
    if (!hit) problems.push(`missing ${want.proto} ${want.address}:${want.port} (${want.process})`);
    else if (hit.processes.length > 0 && !hit.processes.includes(want.process)) {
      problems.push(`${want.proto} ${want.address}:${want.port} is owned by ${hit.processes.join(",")}, not ${want.process}`);
    }
  }
  const expected = new Set([...COMMON_LISTENERS, ...scenario.expected.listeners].map((l) => `${l.proto} ${l.address}:${l.port}`));
  for (const s of seen) {
    if (!expected.has(`${s.proto} ${s.address}:${s.port}`)) problems.push(`unexpected ${s.proto} ${s.address}:${s.port} (${s.processes.join(",")})`);
  }
  return problems;
}

export function serviceProblems(scenario: TScenario, listUnits: string): string[] {
  const running = new Set(
    listUnits
      .split("\n")
      .map((l) => l.trim().split(/\s+/))
      .filter((f) => f[0]?.endsWith(".service") && f[2] === "active" && f[3] === "running")
      .map((f) => f[0]!),
  );
  return [...COMMON_SERVICES, ...scenario.expected.services].filter((u) => !running.has(u)).map((u) => `${u} not running`);
}
