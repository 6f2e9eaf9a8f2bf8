// Why a host could not be audited, as a typed error the phases throw and auditHost turns into
// { ok: false, reason, message }. Messages are written for the consultant reading the host's row.
import type { TFailureReason } from "../audit-types";

export class AuditFailure extends Error {
  constructor(
    readonly reason: TFailureReason,
    message: string,
    readonly presentedFingerprint: string | null = null,
  ) {
    super(message);
    this.name = "AuditFailure";
  }
}

const UNREACHABLE_CODES: Record<string, string> = {
  ECONNREFUSED: "connection refused (nothing listens on that port, or a firewall rejects it)",
  EHOSTUNREACH: "no route to host",
  ENETUNREACH: "network unreachable",
  ETIMEDOUT: "no answer from the host (TCP connect timed out)",
  EHOSTDOWN: "host is down",
  ENOTFOUND: "the host name does not resolve",
  EAI_AGAIN: "the host name could not be resolved (DNS temporarily unavailable)",
  EADDRNOTAVAIL: "address not available",
};

// Errors from the TCP connect, before any SSH byte was exchanged.
export function tcpFailure(err: NodeJS.ErrnoException, where: string): AuditFailure {
  const code = err.code ?? "";
  const why = UNREACHABLE_CODES[code];
  if (why) return new AuditFailure("unreachable", `${where}: ${why} [${code}]`);
  return new AuditFailure("unreachable", `${where}: ${err.message}`);
}

type TSsh2Error = Error & { level?: string; code?: string };

// Errors ssh2 reports during the SSH handshake and authentication.
export function handshakeFailure(err: TSsh2Error, where: string): AuditFailure {
  if (err.level === "client-authentication") {
    return new AuditFailure("auth-refused", `${where}: the host refused the credential (${err.message})`);
  }
  if (err.level === "client-timeout") {
    return new AuditFailure("timeout", `${where}: SSH handshake or authentication did not finish in time`);
  }
  if (err.level === "client-socket" || err.code) {
    if (err.code === "ECONNRESET" || err.code === "EPIPE") {
      return new AuditFailure("connection-lost", `${where}: the host closed the connection during the SSH handshake [${err.code}]`);
    }
    return tcpFailure(err as NodeJS.ErrnoException, where);
  }
  if (err.level === "protocol" || err.level === "handshake") {
    return new AuditFailure("error", `${where}: SSH handshake failed: ${err.message}`);
  }
  return new AuditFailure("error", `${where}: ${err.message}`);
}

export function asAuditFailure(err: unknown): AuditFailure {
  if (err instanceof AuditFailure) return err;
  return new AuditFailure("error", err instanceof Error ? err.message : String(err));
}
