// A host's inventory as items with stable keys, so two runs (or a run and an approved
// baseline) can be compared item by item. Pure: no Next, no Prisma.
//
// A key names what an item IS (a listener is proto + address + port); `facts` hold what may
// change about it and still be the same item (the executable behind a port). Volatile values
// (PIDs, a timer's next run, a container's "Up 5 minutes") are left out of both, or every run
// would drift.

export type TInventoryKind = "LISTENER" | "SERVICE" | "CONTAINER" | "CRON_JOB" | "TIMER";

export type TInventoryItem = {
  kind: TInventoryKind;
  key: string;
  summary: string;
  facts: Record<string, string | null>;
  // Where the item was read: the host run and the evidence keys within it.
  hostRunId: string;
  evidenceKeys: string[];
};

// The facts of one host run, shaped like its database rows (and like THostFacts once the
// owners are joined to the listeners).
export type TInventoryInput = {
  hostRunId: string;
  listeners: { proto: string; address: string; port: number; exe: string | null; processName: string | null; user: string | null; systemdUnit: string | null; containerId: string | null; evidenceKeys: string[] }[];
  services: { unit: string; description: string; evidenceKeys: string[] }[];
  containers: { runtime: string; containerId: string; image: string; names: string[]; ports: unknown; evidenceKeys: string[] }[];
  cronJobs: { source: string; schedule: string; user: string | null; command: string; evidenceKeys: string[] }[];
  timers: { unit: string; activates: string | null; evidenceKeys: string[] }[];
};

const hostPort = (address: string, port: number) => (address.includes(":") ? `[${address}]:${port}` : `${address}:${port}`);

function portsText(ports: unknown): string {
  if (!Array.isArray(ports)) return "";
  return ports
    .map((p: { hostIp?: unknown; hostPort?: unknown; containerPort?: unknown; proto?: unknown }) => `${String(p.hostIp ?? "")}:${String(p.hostPort ?? "")}->${String(p.containerPort ?? "")}/${String(p.proto ?? "")}`)
    .sort()
    .join(", ");
}

function draftItems(input: TInventoryInput): Omit<TInventoryItem, "hostRunId">[] {
  return [
    ...input.listeners.map((l) => ({
      kind: "LISTENER" as const,
      key: `${l.proto} ${hostPort(l.address, l.port)}`,
      summary: `${l.proto.toUpperCase()} ${hostPort(l.address, l.port)}${l.processName ? ` (${l.processName})` : ""}`,
      facts: { exe: l.exe, process: l.processName, user: l.user, unit: l.systemdUnit, container: l.containerId },
      evidenceKeys: l.evidenceKeys,
    })),
    ...input.services.map((s) => ({ kind: "SERVICE" as const, key: s.unit, summary: `service ${s.unit}`, facts: { description: s.description }, evidenceKeys: s.evidenceKeys })),
    ...input.containers.map((c) => {
      const name = c.names[0] ?? c.containerId.slice(0, 12);
      return { kind: "CONTAINER" as const, key: `${c.runtime} ${name}`, summary: `${c.runtime} container ${name} (${c.image})`, facts: { image: c.image, ports: portsText(c.ports) }, evidenceKeys: c.evidenceKeys };
    }),
    ...input.cronJobs.map((c) => ({
      kind: "CRON_JOB" as const,
      key: `${c.source} | ${c.schedule} | ${c.user ?? "-"} | ${c.command}`,
      summary: `cron ${c.schedule} ${c.command} (${c.source})`,
      facts: {},
      evidenceKeys: c.evidenceKeys,
    })),
    ...input.timers.map((t) => ({ kind: "TIMER" as const, key: t.unit, summary: `timer ${t.unit}`, facts: { activates: t.activates }, evidenceKeys: t.evidenceKeys })),
  ];
}

// Every item of one run, keys unique within their kind: a second identical item (the same
// cron line twice) gets "#2", so a third copy later shows as new.
export function snapshotInventory(input: TInventoryInput): TInventoryItem[] {
  const seen = new Map<string, number>();
  return draftItems(input).map((d) => {
    const id = `${d.kind} ${d.key}`;
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return { ...d, key: n === 1 ? d.key : `${d.key} #${n}`, hostRunId: input.hostRunId, evidenceKeys: [...d.evidenceKeys] };
  });
}
