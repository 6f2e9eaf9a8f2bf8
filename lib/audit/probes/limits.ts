// How long and how much a probe may take. Every wait is short: a probe that learns nothing in a
// few seconds records that and moves on; it never fails the host.
export type TProbeLimits = {
  openMs: number; // the host opening the forwarded connection (direct-tcpip) for us
  greetingMs: number; // waiting for a banner a service sends unprompted (SSH, SMTP, MySQL)
  identifyMs: number; // the first plaintext request, to a port whose protocol is still unknown
  tlsMs: number; // one TLS handshake
  requestMs: number; // one request to a service already identified (HTTP paths, Redis INFO)
  datastoreMs: number; // one datastore ping (Redis PING, memcached stats, PostgreSQL, MongoDB)
  listenerBudgetMs: number; // everything for one listener
  phaseBudgetMs: number; // every listener of the host
  maxBytes: number; // read from one connection; the rest is not read
  maxTranscriptBytes: number; // kept as one listener's evidence
};

export const DEFAULT_PROBE_LIMITS: TProbeLimits = {
  openMs: 3000,
  greetingMs: 500,
  identifyMs: 2000,
  tlsMs: 1500,
  requestMs: 3000,
  datastoreMs: 1500,
  listenerBudgetMs: 10_000,
  phaseBudgetMs: 60_000,
  maxBytes: 16 * 1024,
  maxTranscriptBytes: 64 * 1024,
};
