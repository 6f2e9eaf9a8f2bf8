// A web server or HTTP application on a non-loopback interface without TLS: whatever crosses
// it (pages, credentials, session cookies) can be read and changed on the way.
import type { TRule } from "../classification-types";
import { probeState } from "./describe";
import { endpointDraft } from "./draft";
import { endpointsFor, exposedEndpoints, type TEndpoint } from "./endpoints";
import { probeAnswered } from "./identify-service";

const ID = "plain-http-exposed";

const REDIRECT = new Set([301, 302, 307, 308]);

// Plain HTTP that only redirects, beside a TLS port of the same server, is the usual setup.
function tlsSibling(all: TEndpoint[], e: TEndpoint): TEndpoint | null {
  if (!e.owner?.exe) return null;
  return all.find((x) => x !== e && x.owner?.exe === e.owner!.exe && probeAnswered(x.probe) && x.probe.tls) ?? null;
}

export const plainHttpExposed: TRule = {
  id: ID,
  title: "Plain HTTP served on a network interface",
  cwe: 319, // Cleartext Transmission of Sensitive Information
  classify: (input) =>
    endpointsFor(input, ID).map((e) => {
      const state = probeState(e.probe);
      const name = e.identity.name;
      const spokeHttp = state === "answered" && e.probe!.protocol === "http";
      if (!spokeHttp) {
        const unsure = state === "answered" ? `the probe got an answer, but not in HTTP (${e.probe!.protocol})` : "discovery only";
        return endpointDraft(input, e, {
          ruleId: ID,
          title: `${name} listens on ${e.proto}/${e.port}; TLS not verified`,
          base: "MEDIUM",
          baseReason: `Medium: a known web server (${name}) is exposed, but whether it speaks TLS or asks for credentials was not checked, so the rubric's High (known service missing TLS) cannot be asserted; it is not guessed from the port number`,
          why: [`${name} listens beyond loopback.`],
          confidence: "low",
          confidenceReason: `${unsure}: ${e.identity.detail}; nothing tells plain HTTP from HTTPS. Re-run with port forwarding allowed to settle it.`,
        });
      }
      const http = e.probe!.http;
      const sibling = tlsSibling(exposedEndpoints(input), e);
      if (http?.status && REDIRECT.has(http.status) && sibling) {
        return endpointDraft(input, e, {
          ruleId: ID,
          title: `${name} redirects plain HTTP on ${e.proto}/${e.port}`,
          base: "LOW",
          baseReason: `Low: the plain HTTP port answers ${http.status} (a redirect) and the same server serves TLS on port ${sibling.port}`,
          why: [`${name} answers plain HTTP with a ${http.status} redirect; the same executable serves TLS on ${sibling.proto}/${sibling.port}.`],
          confidence: "medium",
          confidenceReason: "the probe saw the redirect status; where it redirects to is not recorded.",
          evidence: sibling.probe?.evidence,
        });
      }
      const auth = e.probe!.authRequired ? " It asks for credentials (or refuses) at /, and those would cross the network in clear." : " It answered GET / without credentials.";
      return endpointDraft(input, e, {
        ruleId: ID,
        title: `${name} serves plain HTTP on ${e.proto}/${e.port}`,
        base: "HIGH",
        baseReason: `High: a known service (${name}) missing TLS on a public interface`,
        why: [`${name} answers plain HTTP with no TLS on a non-loopback interface.${auth}`],
        confidence: e.identity.by === "probe" && !e.owner?.exe ? "medium" : "high",
        confidenceReason:
          e.identity.by === "probe" && !e.owner?.exe
            ? `the probe got a plain HTTP answer; the owner is not visible, so the service is identified by the probe only (${e.identity.detail}).`
            : `the probe got a plain HTTP answer with no TLS handshake; ${e.identity.detail}.`,
      });
    }),
};
