const tones = {
  slate: "bg-slate-100 text-slate-800 ring-slate-300",
  sky: "bg-sky-50 text-sky-800 ring-sky-300",
  emerald: "bg-emerald-50 text-emerald-800 ring-emerald-300",
  amber: "bg-amber-50 text-amber-900 ring-amber-300",
  red: "bg-red-50 text-red-800 ring-red-300",
  violet: "bg-violet-50 text-violet-800 ring-violet-300",
} as const;

export type TTone = keyof typeof tones;

export function Badge({ tone = "slate", children }: { tone?: TTone; children: React.ReactNode }) {
  return <span className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[tone]}`}>{children}</span>;
}

const engagementTones: Record<string, TTone> = { PLANNED: "slate", ACTIVE: "sky", REPORTING: "violet", CLOSED: "emerald" };

export function EngagementStatusBadge({ status }: { status: string }) {
  return <Badge tone={engagementTones[status] ?? "slate"}>{status.toLowerCase()}</Badge>;
}

const runTones: Record<string, TTone> = {
  QUEUED: "slate",
  RUNNING: "sky",
  COMPLETED: "emerald",
  COMPLETED_WITH_ERRORS: "amber",
  CANCELLED: "slate",
  CONNECTING: "sky",
  DISCOVERING: "sky",
  FORENSICS: "violet",
  PROBING: "violet",
  DONE: "emerald",
  FAILED: "red",
};

export function RunStatusBadge({ status }: { status: string }) {
  return <Badge tone={runTones[status] ?? "slate"}>{status.toLowerCase().replace(/_/g, " ")}</Badge>;
}
