import type { Metadata } from "next";
import Link from "next/link";
import { RULES } from "@/lib/audit/rules";
import { getEngagement } from "@/lib/domain/engagements/get-engagement";
import { listFindings } from "@/lib/domain/findings/list-findings";
import { requireActor } from "@/lib/server/auth/actor";
import { orNotFound } from "@/lib/server/page";
import { can } from "@/lib/server/permissions";
import { ZId } from "@/lib/validation/text";
import { FindingFilters } from "@/components/findings/filters";
import { FindingsTable } from "@/components/findings/findings-table";
import { findingsHref, listArgs, readFindingQuery, type TSearchParams } from "@/components/findings/query";
import { ShortcutLegend } from "@/components/findings/shortcuts";
import { toJson } from "@/components/findings/types";
import { PageHeader } from "@/components/ui/page-header";
import { changeFindingStatusAction, commentOnFindingAction } from "./actions";

export const metadata: Metadata = { title: "Findings" };

export default async function FindingsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<TSearchParams> }) {
  const actor = await requireActor();
  const { id } = await params;
  const raw = await searchParams;
  const { query, ignored } = readFindingQuery(raw);
  // First, so a client user (no finding.read) and a foreign id both get the 404 page.
  const { findings, next } = await orNotFound(listFindings({ actor, engagementId: id, ...listArgs(query) }));
  const { engagement, hosts } = await orNotFound(getEngagement({ actor, engagementId: id }));
  const open = typeof raw.open === "string" && ZId.safeParse(raw.open).success ? raw.open : undefined;
  const listHref = findingsHref(id, query); // filters and sort, no cursor
  const filtered = listHref !== `/engagements/${id}/findings`;

  return (
    <div className="space-y-4">
      <PageHeader
        title="Findings"
        subtitle={<Link href={`/engagements/${id}`} className="text-sky-700 hover:underline">{engagement.name}</Link>}
      />
      {ignored.length > 0 && (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Parts of the address were not understood and were ignored: {ignored.join("; ")}.
        </p>
      )}
      <FindingFilters engagementId={id} query={query} hosts={hosts.map((h) => ({ id: h.id, label: h.label }))} rules={RULES.map((r) => ({ id: r.id, title: r.title }))} />
      <ShortcutLegend />
      <FindingsTable
        key={`${listHref}#${query.page}`}
        engagementId={id}
        rows={toJson(findings)}
        viewer={{ id: actor.id, canApprove: can(actor.role, "finding.approve-risk") }}
        changeAction={changeFindingStatusAction}
        commentAction={commentOnFindingAction}
        {...(open ? { initialOpen: open } : {})}
      />
      <nav aria-label="Pages" className="flex items-center gap-4 text-sm">
        <span className="text-slate-600">
          Page {query.page}
          {findings.length > 0 && ` · ${findings.length} finding${findings.length === 1 ? "" : "s"}${filtered ? " matching" : ""}`}
        </span>
        {query.cursor && <Link href={listHref} className="text-sky-700 hover:underline">First page</Link>}
        {next && <Link href={findingsHref(id, query, { cursor: next, page: query.page + 1 })} rel="next" className="text-sky-700 hover:underline">Next page</Link>}
      </nav>
    </div>
  );
}
