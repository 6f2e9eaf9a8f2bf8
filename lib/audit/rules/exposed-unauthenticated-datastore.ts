// A datastore or control API that answers without credentials on a non-loopback interface:
// anyone who can reach the port can read, change or wipe its data (Redis and the Docker API
// also hand out code execution on the host).
import type { TClassificationInput, TRule } from "../classification-types";
import { endpointDraft, type TConfidence } from "./draft";
import { datastoreAnswersWithoutAuth, endpointsFor, probeFor, type TEndpoint } from "./endpoints";
import { probeAnswered } from "./identify-service";

const ID = "exposed-unauthenticated-datastore";

type TAuthFact = { why: string; confidence: TConfidence; confidenceReason: string; evidence: string[] };

function authFact(input: TClassificationInput, e: TEndpoint): TAuthFact {
  const name = e.identity.name;
  if (datastoreAnswersWithoutAuth(e).from === "probe") {
    const said = e.probe!.banner ? ` (it answered "${e.probe!.banner.slice(0, 60)}")` : "";
    return {
      why: `${name} answered the probe without asking for credentials${said}.`,
      confidence: "high",
      confidenceReason: `the probe spoke ${e.probe!.protocol} to the port and got an answer without authenticating; ${e.identity.detail}.`,
      evidence: [],
    };
  }
  if (e.identity.kind === "memcached" && e.proto === "udp") {
    // The UDP socket belongs to the same process as the TCP one, which the probe can reach.
    const tcp = probeFor(input.probes, "tcp", e.address, e.port);
    const confirmed = probeAnswered(tcp) && tcp.authRequired === false;
    return {
      why: `memcached serves UDP on this port. Its UDP protocol has no authentication at all (SASL works over TCP only), and an open UDP memcached is a known DDoS amplification vector.${confirmed ? ` The TCP port ${e.port} of the same service answered the probe without credentials.` : ""}`,
      confidence: "medium",
      confidenceReason: `${e.identity.detail}, with -U ${e.port} on its command line; UDP itself is not probed${confirmed ? "" : " and the TCP side gave no probe answer"}.`,
      evidence: confirmed ? tcp.evidence : [],
    };
  }
  if (e.identity.kind === "memcached") {
    return {
      why: "memcached was started without SASL (-S) or an auth file (-Y), so it serves anyone who connects.",
      confidence: "medium",
      confidenceReason: `discovery only: ${e.identity.detail} and its command line has no authentication option; no probe answer confirmed it.`,
      evidence: [],
    };
  }
  return {
    why: "dockerd serves its API on TCP without --tlsverify: the API is unauthenticated and grants root on the host.",
    confidence: "medium",
    confidenceReason: `discovery only: ${e.identity.detail} and no --tlsverify on its command line; no probe answer confirmed it.`,
    evidence: [],
  };
}

export const exposedUnauthenticatedDatastore: TRule = {
  id: ID,
  title: "Datastore or control API answers without authentication",
  cwe: 306, // Missing Authentication for Critical Function
  classify: (input) =>
    endpointsFor(input, ID).map((e) => {
      const fact = authFact(input, e);
      return endpointDraft(input, e, {
        ruleId: ID,
        title: `${e.identity.name} answers without authentication on ${e.proto}/${e.port}`,
        base: "CRITICAL",
        baseReason: `Critical: an exposed ${e.identity.name} with no authentication, reachable from a non-loopback interface`,
        why: [fact.why],
        confidence: fact.confidence,
        confidenceReason: fact.confidenceReason,
        evidence: fact.evidence,
      });
    }),
};
