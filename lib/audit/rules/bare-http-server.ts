// A throwaway file server (python -m http.server, php -S, ...) on a non-loopback interface:
// no authentication, no TLS, and it serves whatever directory it was started in.
import type { TRule } from "../classification-types";
import { probeState } from "./describe";
import { endpointDraft } from "./draft";
import { endpointsFor } from "./endpoints";

const ID = "bare-http-server";

export const bareHttpServer: TRule = {
  id: ID,
  title: "Bare HTTP file server reachable from the network",
  cwe: 552, // Files or Directories Accessible to External Parties
  classify: (input) =>
    endpointsFor(input, ID).map((e) => {
      const state = probeState(e.probe);
      const p = e.probe;
      const confirmed = state === "answered" && p!.protocol === "http" && !p!.tls && p!.authRequired !== true;
      const serves = e.owner?.cwd ? ` It serves ${e.owner.cwd} and everything below it.` : "";
      const byProcess = e.identity.by === "process";
      return endpointDraft(input, e, {
        ruleId: ID,
        title: `${e.identity.name} serves files without authentication or TLS on ${e.proto}/${e.port}`,
        base: "CRITICAL",
        baseReason: "Critical: a bare HTTP server with no authentication and no TLS, reachable from a non-loopback interface",
        why: [`${e.identity.name} is a development file server with no authentication or TLS support.${serves}`],
        confidence: confirmed && byProcess ? "high" : confirmed || byProcess ? "medium" : "low",
        confidenceReason: confirmed
          ? `${e.identity.detail}; the probe got a plain HTTP answer without credentials (${p!.http?.status ?? "no status"}).`
          : `${e.identity.detail}; ${state === "answered" ? "the probe answer did not confirm plain, open HTTP" : "discovery only, the server was not probed"}.`,
      });
    }),
};
