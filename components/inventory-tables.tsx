import type { THostInventory } from "@/lib/domain/hosts/get-host-inventory";
import { Badge } from "@/components/ui/badge";
import { Section, tableClass, tdClass, thClass } from "@/components/ui/page-header";
import { EvidenceLinks, type TEvidenceIndex } from "./evidence-links";

type TLatest = NonNullable<THostInventory["latest"]>;

const exposureTone = { loopback: "emerald", all: "red", specific: "amber" } as const;
const exposureLabel = { loopback: "loopback", all: "all interfaces", specific: "specific address" } as const;

function Table({ headers, children, empty }: { headers: string[]; children: React.ReactNode[]; empty: string }) {
  return (
    <div className="overflow-x-auto">
      <table className={tableClass}>
        <thead>
          <tr>{headers.map((h) => <th key={h} className={thClass}>{h}</th>)}</tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {children.length ? children : <tr><td colSpan={headers.length} className="px-3 py-4 text-center text-slate-500">{empty}</td></tr>}
        </tbody>
      </table>
    </div>
  );
}

const mono = `${tdClass} font-mono text-xs break-all`;

export function InventoryTables({ latest, index, engagementId }: { latest: TLatest; index: TEvidenceIndex; engagementId: string }) {
  const ev = (keys: string[]) => <EvidenceLinks keys={keys} index={index} engagementId={engagementId} />;
  return (
    <>
      <Section title={`Listeners (${latest.listeners.length})`} id="listeners">
        <Table headers={["Proto", "Address", "Port", "Exposure", "Process", "User", "Executable", "Working dir", "Unit / container", "Parent", "Evidence"]} empty="No listening sockets.">
          {latest.listeners.map((l) => (
            <tr key={l.id} data-testid="listener-row">
              <td className={tdClass}>{l.proto}</td>
              <td className={mono}>{l.address}{l.interface ?? ""}</td>
              <td className={`${tdClass} tabular-nums`}>{l.port}</td>
              <td className={tdClass}><Badge tone={exposureTone[l.bindScope as keyof typeof exposureTone] ?? "slate"}>{exposureLabel[l.bindScope as keyof typeof exposureLabel] ?? l.bindScope}</Badge></td>
              <td className={tdClass}>{l.processName ?? (l.processInfoHidden ? <span className="text-amber-700">hidden</span> : "—")}{l.pid ? <span className="text-slate-500"> ({l.pid})</span> : null}</td>
              <td className={tdClass}>{l.user ?? "—"}</td>
              <td className={mono}>{l.exe ?? "—"}{l.exeDeleted && <Badge tone="red">deleted</Badge>}</td>
              <td className={mono}>{l.cwd ?? "—"}</td>
              <td className={mono}>{l.systemdUnit ?? (l.containerId ? `container ${l.containerId.slice(0, 12)}` : "—")}</td>
              <td className={mono}>{l.parentCmdline.length ? l.parentCmdline.join(" ") : "—"}</td>
              <td className={tdClass}>
                {ev(l.evidenceKeys)}
                {l.ownerHidden.length > 0 && <div className="mt-1 text-xs text-amber-700">{l.ownerHidden.join("; ")}</div>}
              </td>
            </tr>
          ))}
        </Table>
      </Section>
      <Section title={`Running services (${latest.services.length})`} id="services">
        <Table headers={["Unit", "State", "Description", "Evidence"]} empty="No running services reported.">
          {latest.services.map((s) => (
            <tr key={s.id}>
              <td className={mono}>{s.unit}</td>
              <td className={tdClass}>{s.active}/{s.sub}</td>
              <td className={tdClass}>{s.description}</td>
              <td className={tdClass}>{ev(s.evidenceKeys)}</td>
            </tr>
          ))}
        </Table>
      </Section>
      <Section title={`Containers (${latest.containers.length})`} id="containers">
        <Table headers={["Runtime", "Id", "Image", "Names", "Ports", "Status", "Evidence"]} empty="No containers.">
          {latest.containers.map((c) => (
            <tr key={c.id}>
              <td className={tdClass}>{c.runtime}</td>
              <td className={mono}>{c.containerId.slice(0, 12)}</td>
              <td className={mono}>{c.image}</td>
              <td className={tdClass}>{c.names.join(", ")}</td>
              <td className={mono}>{(c.ports as { hostIp: string; hostPort: number; containerPort: number; proto: string }[]).map((p) => `${p.hostIp}:${p.hostPort}->${p.containerPort}/${p.proto}`).join(", ")}</td>
              <td className={tdClass}>{c.status}</td>
              <td className={tdClass}>{ev(c.evidenceKeys)}</td>
            </tr>
          ))}
        </Table>
      </Section>
      <Section title={`Cron jobs (${latest.cronJobs.length})`} id="cron">
        <Table headers={["Source", "Schedule", "User", "Command", "Evidence"]} empty="No cron jobs.">
          {latest.cronJobs.map((c) => (
            <tr key={c.id}>
              <td className={mono}>{c.source}</td>
              <td className={mono}>{c.schedule}</td>
              <td className={tdClass}>{c.user ?? "—"}</td>
              <td className={mono}>{c.command}</td>
              <td className={tdClass}>{ev(c.evidenceKeys)}</td>
            </tr>
          ))}
        </Table>
      </Section>
      <Section title={`Timers (${latest.timers.length})`} id="timers">
        <Table headers={["Timer", "Activates", "Next", "Last", "Evidence"]} empty="No systemd timers.">
          {latest.timers.map((t) => (
            <tr key={t.id}>
              <td className={mono}>{t.unit}</td>
              <td className={mono}>{t.activates ?? "—"}</td>
              <td className={tdClass}>{t.next ?? "—"}</td>
              <td className={tdClass}>{t.last ?? "—"}</td>
              <td className={tdClass}>{ev(t.evidenceKeys)}</td>
            </tr>
          ))}
        </Table>
      </Section>
      <Section title={`Firewall rules (${latest.firewallRules.length})`} id="firewall">
        <Table headers={["Tool", "Chain", "Action", "Proto", "Ports", "Source", "Rule", "Evidence"]} empty="No firewall rules found.">
          {latest.firewallRules.map((r) => (
            <tr key={r.id}>
              <td className={tdClass}>{r.tool}</td>
              <td className={mono}>{r.chain}</td>
              <td className={tdClass}><Badge tone={r.action === "drop" || r.action === "reject" ? "amber" : "slate"}>{r.action}</Badge></td>
              <td className={tdClass}>{r.proto ?? "any"}</td>
              <td className={tdClass}>{r.ports.length ? r.ports.join(", ") : "any"}</td>
              <td className={mono}>{r.source ?? "any"}</td>
              <td className={mono}>{r.raw}</td>
              <td className={tdClass}>{ev(r.evidenceKeys)}</td>
            </tr>
          ))}
        </Table>
      </Section>
    </>
  );
}
