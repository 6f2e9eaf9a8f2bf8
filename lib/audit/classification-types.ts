// Phase 3's contract: what probes learn about a listener, and the finding
// drafts rules produce from facts. Pure types: no Next, no Prisma.
import type { THostFacts, TSourced } from "./facts";

export type TProbeProtocol =
  | "http"
  | "redis"
  | "memcached"
  | "postgresql"
  | "mysql"
  | "mongodb"
  | "elasticsearch"
  | "ssh"
  | "smtp"
  | "docker-api"
  | "inspector" // node/chrome DevTools protocol
  | "unknown";

export type TTlsInfo = { subject: string | null; issuer: string | null; validTo: string | null; selfSigned: boolean; protocol: string | null };

export type THttpInfo = {
  status: number | null;
  server: string | null;
  // 401/403 or a WWW-Authenticate challenge on GET /
  authRequired: boolean;
  // Access-Control-Allow-Origin answered to a cross-origin request
  corsAllowOrigin: string | null;
  // Well-known debug/metrics paths and what they answered
  paths: { path: string; status: number | null }[];
};

// What one listener actually speaks, learned through the SSH connection
// (forwardOut to the listener from the host itself), never guessed from the
// port number.
export type TProbe = {
  proto: "tcp";
  address: string; // the listener's address as ss printed it
  port: number;
  // "forwarded": reached through SSH port forwarding; "unavailable": the host
  // refused forwarding (AllowTcpForwarding no) — fall back to discovery facts.
  via: "forwarded" | "unavailable";
  tls: TTlsInfo | null; // null: no TLS handshake
  protocol: TProbeProtocol;
  // true: the service demanded credentials; false: it answered without any;
  // null: could not tell.
  authRequired: boolean | null;
  http: THttpInfo | null;
  banner: string | null; // first line a greeting-based service sent (truncated)
  details: Record<string, string>; // e.g. { version: "7.0.15" }, { authMethod: "scram-sha-256" }
  error: string | null;
};

export type THostContext = {
  exposure: "INTERNET" | "INTERNAL";
};

export type TClassificationInput = THostContext & {
  facts: THostFacts;
  probes: TSourced<TProbe>[];
};

export type TSeverity = "CRITICAL" | "HIGH" | "MEDIUM" | "LOW";

export type TFindingDraft = {
  ruleId: string; // stable, e.g. "exposed-unauthenticated-datastore"
  title: string;
  severity: TSeverity;
  // The facts, in words a reviewer can check against the evidence.
  why: string;
  // Why this severity, including what raised or lowered it (exposure, firewall).
  severityReason: string;
  confidence: "high" | "medium" | "low";
  // The exact command(s) a reviewer runs on the host to see it themselves.
  reproduce: string;
  evidence: string[]; // evidence keys
  // Identity across runs: fingerprint = host + ruleId + proto + port + executable.
  proto: "tcp" | "udp" | null;
  port: number | null;
  address: string | null;
  executable: string | null;
};

export type TRule = {
  id: string;
  title: string;
  // The CWE weakness its findings are an instance of, for trackers that group by it (DefectDojo
  // deduplicates on it); none for a rule that records a state rather than a weakness.
  cwe: number | null;
  classify: (input: TClassificationInput) => TFindingDraft[];
};
