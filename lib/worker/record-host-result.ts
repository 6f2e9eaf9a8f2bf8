import type { THostVerifyResult } from "@/lib/audit/verification/verify-host";
import type { THostFacts, TListenerOwner, TSourced } from "@/lib/audit/facts";
import { Prisma } from "@/lib/generated/prisma/client";
import type { HostRunStatus, RunKind } from "@/lib/generated/prisma/enums";
import { recordDrift } from "@/lib/domain/drift/record-drift";
import { recordVerification } from "@/lib/domain/hardening/record-verification";
import { db, type TTx } from "@/lib/server/db";
import { isTerminal } from "@/lib/domain/runs/host-run-status";
import { insertRows } from "./insert-rows";
import { recordFindings } from "./record-findings";
import { classify } from "@/lib/audit/classify";
import { pgJson, pgText } from "@/lib/server/pg-text";

const ownerKey = (o: { proto: string; address: string; port: number }) => `${o.proto}|${o.address}|${o.port}`;

function listenerRows(hostRunId: string, facts: THostFacts) {
  const owners = new Map<string, TSourced<TListenerOwner>>(facts.owners.map((o) => [ownerKey(o), o]));
  return facts.listeners.map((l) => {
    const o = owners.get(ownerKey(l));
    const row = pgJson({
      hostRunId,
      proto: l.proto,
      address: l.address,
      interface: l.interface,
      port: l.port,
      family: l.family,
      bindScope: l.bindScope,
      state: l.state,
      processes: l.processes,
      processInfoHidden: l.processInfoHidden,
      pid: o?.pid ?? l.processes[0]?.pid ?? null,
      processName: o?.processName ?? l.processes[0]?.name ?? null,
      exe: o?.exe ?? null,
      exeDeleted: o?.exeDeleted ?? false,
      cmdline: o?.cmdline ?? [],
      cwd: o?.cwd ?? null,
      user: o?.user ?? null,
      uid: o?.uid ?? null,
      ppid: o?.ppid ?? null,
      parentCmdline: o?.parentCmdline ?? [],
      systemdUnit: o?.systemdUnit ?? null,
      containerId: o?.containerId ?? null,
      processStartedAt: o?.startedAt ?? null,
      ownerHidden: o?.hidden ?? [],
      evidenceKeys: [...new Set([...l.evidence, ...(o?.evidence ?? [])])],
    });
    return { ...row, publishedBy: o?.publishedBy ? pgJson(o.publishedBy) : null };
  });
}

// Each table is one insert; empty ones cost nothing.
async function writeFacts(tx: TTx, hostRunId: string, facts: THostFacts) {
  const listeners = listenerRows(hostRunId, facts);
  const services = facts.services.map(({ evidence, ...s }) => pgJson({ hostRunId, ...s, evidenceKeys: evidence }));
  const containers = facts.containers.map(({ evidence, id, ...c }) => pgJson({ hostRunId, containerId: id, runtime: c.runtime, image: c.image, names: c.names, status: c.status, ports: c.ports, command: c.command, evidenceKeys: evidence }));
  const cronJobs = facts.cronJobs.map(({ evidence, ...c }) => pgJson({ hostRunId, ...c, evidenceKeys: evidence }));
  const timers = facts.timers.map(({ evidence, ...t }) => pgJson({ hostRunId, ...t, evidenceKeys: evidence }));
  const firewallRules = facts.firewalls.flatMap((f) => f.rules.map((r) => pgJson({ hostRunId, tool: r.tool, chain: r.chain, action: r.action, proto: r.proto, ports: r.ports, source: r.source, raw: r.raw, evidenceKeys: f.evidence })));
  await insertRows(tx, "Listener", listeners);
  await insertRows(tx, "Service", services);
  await insertRows(tx, "Container", containers);
  await insertRows(tx, "CronJob", cronJobs);
  await insertRows(tx, "Timer", timers);
  await insertRows(tx, "FirewallRule", firewallRules);
}

function inventoryOf(facts: THostFacts) {
  return pgJson({
    os: facts.os,
    hostname: facts.hostname,
    uname: facts.uname,
    identity: facts.identity,
    toolStates: facts.toolStates,
    hidden: facts.hidden,
    firewalls: facts.firewalls.map((f) => ({ tool: f.tool, active: f.active, defaultInputPolicy: f.defaultInputPolicy, rules: f.rules.length, evidence: f.evidence })),
  });
}

// Stores one host's outcome in one transaction: its evidence, its facts and
// its final status. The host run row is locked first and skipped if already
// terminal, so a job delivered twice (a worker presumed dead) writes once.
// Nothing of an unfinished attempt is ever committed, so there is nothing to clear.
export async function recordHostResult({ hostRunId, runId, kind = "AUDIT", host, startedAt, result, cancelled }: {
  hostRunId: string;
  runId: string;
  kind?: RunKind;
  host: { id: string; label: string; exposure: "INTERNET" | "INTERNAL"; engagementId: string };
  startedAt: Date;
  result: THostVerifyResult;
  cancelled: boolean;
}): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ status: HostRunStatus }[]>`SELECT status FROM "HostRun" WHERE id = ${hostRunId} FOR UPDATE`;
    if (!row || isTerminal(row.status)) return false;

    await insertRows(
      tx,
      "Evidence",
      result.evidence.map((e) => ({
        hostRunId,
        key: e.key,
        phase: e.phase,
        commandId: e.commandId,
        command: pgText(e.command),
        stdout: pgText(e.stdout),
        stderr: pgText(e.stderr),
        exitCode: e.exitCode,
        outcome: e.outcome,
        startedAt: e.startedAt,
        durationMs: Math.round(e.durationMs),
        sha256: e.sha256,
        truncated: e.truncated,
        redacted: e.redacted,
      })),
    );

    const finishedAt = new Date();
    const status: HostRunStatus = cancelled ? "CANCELLED" : result.ok ? "DONE" : "FAILED";
    if (result.ok && !cancelled) {
      await writeFacts(tx, hostRunId, result.facts);
      await insertRows(tx, "Probe", result.probes.map(({ evidence, proto: _proto, ...p }) => pgJson({ hostRunId, ...p, evidenceKeys: evidence })));
      if (kind === "VERIFICATION") {
        // A verification run judges hardening steps; it has no probes, so it does not classify.
        await recordVerification(tx, { engagementId: host.engagementId, hostId: host.id, runId, hostRunId, at: finishedAt, facts: result.facts, checks: result.checks });
      } else {
        const drafts = classify({ exposure: host.exposure, facts: result.facts, probes: result.probes });
        await recordFindings(tx, { engagementId: host.engagementId, hostId: host.id, hostLabel: host.label, runId, hostRunId, at: finishedAt }, drafts);
      }
      await recordDrift(tx, { engagementId: host.engagementId, hostId: host.id, hostRunId });
      if (result.firstContact) {
        await tx.host.updateMany({ where: { id: host.id, hostKeyFingerprint: null }, data: { hostKeyFingerprint: result.presentedFingerprint, hostKeyPinnedAt: finishedAt } });
      }
    }
    await tx.hostRun.update({
      where: { id: hostRunId },
      data: {
        status,
        finishedAt,
        durationMs: finishedAt.getTime() - startedAt.getTime(),
        presentedFingerprint: result.presentedFingerprint,
        firstContact: result.ok ? result.firstContact : false,
        failureReason: cancelled ? "cancelled" : result.ok ? null : result.reason,
        error: cancelled ? "Cancelled by a user" : result.ok ? null : pgText(result.message).slice(0, 2000),
        inventory: result.ok && !cancelled ? inventoryOf(result.facts) : Prisma.skip,
      },
    });
    return true;
  });
}
