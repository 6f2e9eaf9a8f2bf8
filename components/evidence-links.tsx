import Link from "next/link";

export type TEvidenceIndex = Map<string, { id: string; command: string }>;

// Every fact row links to the raw output it was read from.
export function EvidenceLinks({ keys, index, engagementId }: { keys: string[]; index: TEvidenceIndex; engagementId: string }) {
  const found = keys.flatMap((k) => {
    const e = index.get(k);
    return e ? [{ key: k, ...e }] : [];
  });
  if (!found.length) return <span className="text-slate-400">—</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {found.map((e) => (
        <Link key={e.key} href={`/engagements/${engagementId}/evidence/${e.id}`} title={e.command} className="rounded bg-slate-100 px-1 font-mono text-[11px] text-sky-800 hover:bg-sky-50 hover:underline">
          {e.key}
        </Link>
      ))}
    </span>
  );
}
