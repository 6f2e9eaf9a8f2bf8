"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { FindingStatus } from "@/lib/generated/prisma/enums";
import type { TFormState } from "@/lib/server/action";
import { FindingDrawer } from "./finding-drawer";
import { FindingStatusBadge, SeverityBadge } from "./labels";
import { isTyping, STATUS_KEYS } from "./shortcuts";
import { StatusPanel } from "./status-panel";
import { formatTime, type TRow, type TViewer } from "./types";

type TAction = (id: string, state: TFormState, formData: FormData) => Promise<TFormState>;

// The reviewer's list: j/k move the highlight, x selects, Enter/o opens the
// details, c/f/a/d start a status change of the selection (or the
// highlighted row). Keys typed into a field are left alone.
export function FindingsTable({ engagementId, rows, viewer, changeAction, commentAction, initialOpen }: {
  engagementId: string;
  rows: TRow[];
  viewer: TViewer;
  changeAction: TAction;
  commentAction: TAction;
  initialOpen?: string;
}) {
  const [focus, setFocus] = useState(() => Math.max(0, rows.findIndex((r) => r.id === initialOpen)));
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [openId, setOpenId] = useState<string | null>(initialOpen ?? null);
  const [panel, setPanel] = useState<{ to: FindingStatus; ids: string[] } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const rowRefs = useRef<(HTMLTableRowElement | null)[]>([]);

  // Rows change under us after a status change (the page re-renders): keep
  // the highlight in range and forget selected rows that left the page.
  useEffect(() => {
    setFocus((f) => Math.min(f, Math.max(0, rows.length - 1)));
    setSelected((s) => {
      const present = new Set(rows.map((r) => r.id));
      const kept = [...s].filter((id) => present.has(id));
      return kept.length === s.size ? s : new Set(kept);
    });
  }, [rows]);

  // The open finding is in the address, so a link or a reload reopens it.
  useEffect(() => {
    const url = new URL(window.location.href);
    if (openId) url.searchParams.set("open", openId);
    else url.searchParams.delete("open");
    if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url);
  }, [openId]);

  const bindChange = useMemo(() => changeAction.bind(null, engagementId), [changeAction, engagementId]);
  const state = useRef({ rows, focus, selected, openId, panel });
  state.current = { rows, focus, selected, openId, panel };

  const move = useCallback((delta: number) => {
    const { rows, focus, openId } = state.current;
    if (!rows.length) return;
    const next = Math.min(rows.length - 1, Math.max(0, focus + delta));
    setFocus(next);
    rowRefs.current[next]?.scrollIntoView({ block: "nearest" });
    if (openId) setOpenId(rows[next]!.id);
  }, []);

  const toggle = useCallback((id: string) => {
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  const startChange = useCallback((to: FindingStatus) => {
    const { rows, focus, selected } = state.current;
    const ids = selected.size ? rows.filter((r) => selected.has(r.id)).map((r) => r.id) : rows[focus] ? [rows[focus].id] : [];
    if (ids.length) setPanel({ to, ids });
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const { rows, focus, openId, panel } = state.current;
      const row = rows[focus];
      const key = e.key;
      if (key === "j" || key === "k") move(key === "j" ? 1 : -1);
      else if (key === "x" && row) toggle(row.id);
      else if ((key === "o" || (key === "Enter" && !(e.target instanceof HTMLButtonElement || e.target instanceof HTMLAnchorElement))) && row) setOpenId(row.id);
      else if (STATUS_KEYS[key]) startChange(STATUS_KEYS[key]);
      else if (key === "Escape" && (panel || openId)) {
        if (panel) setPanel(null);
        else setOpenId(null);
      } else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [move, toggle, startChange]);

  // Escape inside the panel's fields closes it too.
  const onPanelKey = (e: React.KeyboardEvent) => {
    if (e.key === "Escape") {
      e.preventDefault();
      setPanel(null);
    }
  };

  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const targets = panel ? rows.filter((r) => panel.ids.includes(r.id)) : [];

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3 text-sm" aria-live="polite">
        <span data-testid="selection-count" className="text-slate-700">{selected.size} selected</span>
        {selected.size > 0 && (
          <>
            {Object.entries(STATUS_KEYS).map(([k, to]) => (
              <button key={k} type="button" onClick={() => startChange(to)} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-50">
                {to === "CONFIRMED" ? "Confirm" : to === "FALSE_POSITIVE" ? "False positive" : to === "ACCEPTANCE_REQUESTED" ? "Request acceptance" : "Duplicate"} <kbd className="font-mono text-slate-500">{k}</kbd>
              </button>
            ))}
            <button type="button" onClick={() => setSelected(new Set())} className="text-xs text-sky-700 hover:underline">Clear selection</button>
          </>
        )}
        {notice && <span role="status" className="rounded-md bg-emerald-50 px-2 py-1 text-emerald-900 ring-1 ring-emerald-300">{notice}</span>}
      </div>

      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
        <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Findings">
          <thead className="bg-slate-50">
            <tr>
              <th className="w-8 px-3 py-2">
                <input type="checkbox" aria-label="Select all on this page" checked={allSelected} onChange={() => setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.id)))} />
              </th>
              {["Severity", "Finding", "Host", "Status", "Rule", "Seen", "Last seen"].map((h) => (
                <th key={h} className="px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r, i) => (
              <tr
                key={r.id}
                ref={(el) => {
                  rowRefs.current[i] = el;
                }}
                data-testid="finding-row"
                data-finding-id={r.id}
                aria-current={i === focus ? "true" : undefined}
                data-selected={selected.has(r.id) ? "true" : undefined}
                onClick={() => setFocus(i)}
                className={`${i === focus ? "bg-sky-50 outline outline-2 -outline-offset-2 outline-sky-500" : ""} ${selected.has(r.id) ? "bg-amber-50" : ""} ${openId === r.id ? "font-medium" : ""}`}
              >
                <td className="px-3 py-2">
                  <input type="checkbox" aria-label={`Select ${r.title} on ${r.hostLabel}`} checked={selected.has(r.id)} onChange={() => toggle(r.id)} />
                </td>
                <td className="px-3 py-2"><SeverityBadge severity={r.severity} /></td>
                <td className="px-3 py-2">
                  <button type="button" onClick={() => { setFocus(i); setOpenId(r.id); }} className="text-left text-sky-800 hover:underline">{r.title}</button>
                </td>
                <td className="px-3 py-2 whitespace-nowrap">{r.hostLabel}{r.port != null && <span className="text-slate-500">:{r.port}</span>}</td>
                <td className="px-3 py-2"><FindingStatusBadge status={r.status} /></td>
                <td className="px-3 py-2"><code className="text-xs">{r.ruleId}</code></td>
                <td className="px-3 py-2 text-xs whitespace-nowrap">{r.timesSeen === 1 ? <span className="text-sky-800">new</span> : `${r.timesSeen}×`}</td>
                <td className="px-3 py-2 text-xs whitespace-nowrap text-slate-600">{formatTime(r.lastSeenAt)}</td>
              </tr>
            ))}
            {rows.length === 0 && (
              <tr><td colSpan={8} className="px-3 py-8 text-center text-slate-500">No findings match.</td></tr>
            )}
          </tbody>
        </table>
      </div>

      {panel && (
        <div onKeyDown={onPanelKey}>
          <StatusPanel
            key={panel.ids.join(",")}
            action={bindChange}
            targets={targets}
            initialTo={panel.to}
            canApprove={viewer.canApprove}
            candidates={rows}
            onCancel={() => setPanel(null)}
            onDone={(message) => {
              setNotice(message);
              setPanel(null);
              setSelected(new Set());
            }}
          />
        </div>
      )}

      {openId && (
        <div onKeyDown={(e) => { if (e.key === "Escape" && !panel) setOpenId(null); }}>
          <FindingDrawer
            findingId={openId}
            engagementId={engagementId}
            viewer={viewer}
            changeAction={bindChange}
            commentAction={commentAction}
            candidates={rows}
            onClose={() => setOpenId(null)}
          />
        </div>
      )}
    </div>
  );
}
