import type { TReportSeverity } from "./report-model";

// What could happen if a finding is left as it is, in the client's words. The
// rules say what was seen (why) and why that severity; the report also has to
// say what it means for the business. Keyed by the rules' stable ids
// (lib/audit/rules/index.ts); an unknown rule falls back to its severity.
const RULE_IMPACT: Record<string, string> = {
  "exposed-unauthenticated-datastore":
    "Anyone who can reach this port can read, change or delete the stored data without a password; datastores like this are routinely found by automated scans and wiped or held for ransom.",
  "bare-http-server":
    "An unidentified web server answers on a network interface without TLS: whatever it serves can be read and tampered with in transit, and its owner and purpose are not documented.",
  "debug-endpoint-exposed":
    "Debug and profiling endpoints can reveal source, memory contents and secrets, and some allow running code; reachable from the network they hand an attacker an inside view of the application.",
  "unexpected-listener-process":
    "A process that is not a recognised service accepts network connections. It may be a forgotten tool, a developer's test server or a sign of compromise; until its owner explains it, it is an unmanaged way into the host.",
  "datastore-network-exposed":
    "The datastore accepts connections from the network. Even with authentication, it is exposed to password guessing and to any vulnerability in its network protocol.",
  "plain-http-exposed":
    "Traffic to this service is unencrypted: credentials, session cookies and data can be read or altered by anyone on the network path.",
  "wildcard-cors":
    "Any website a user visits can make requests to this service from the user's browser and read the answers, which can leak data the user is entitled to.",
  "monitoring-endpoint-exposed":
    "Monitoring endpoints disclose internal details (versions, hostnames, traffic, sometimes configuration) that help an attacker plan an intrusion.",
  "recently-restarted-listener":
    "The service restarted recently without a recorded reason. That may be routine maintenance, a crash loop, or a change nobody reviewed.",
  "exposed-listener-unclassified":
    "A service is reachable from the network whose protocol could not be identified; its exposure has not been justified.",
  "ssh-exposed":
    "SSH is how the host is administered. Reachable from the network, it is the first thing automated attacks try; password logins in particular invite brute force.",
  "tls-service-exposed": "The service is encrypted in transit; its exposure should still be intended and documented.",
  "loopback-only-listener": "The service listens on the loopback interface only and cannot be reached from the network; no action is needed beyond keeping it that way.",
};

const SEVERITY_IMPACT: Record<TReportSeverity, string> = {
  CRITICAL: "This can be exploited from the network without credentials and should be fixed immediately.",
  HIGH: "This weakens a known service's protection against attackers on the network and should be fixed soon.",
  MEDIUM: "This reduces the ability to detect or limit an attack and should be scheduled for remediation.",
  LOW: "This is informational or already well controlled; keep it documented.",
};

export function impactOf(ruleId: string, severity: TReportSeverity): string {
  return RULE_IMPACT[ruleId] ?? SEVERITY_IMPACT[severity];
}

export function severityAdvice(severity: TReportSeverity): string {
  return SEVERITY_IMPACT[severity];
}
