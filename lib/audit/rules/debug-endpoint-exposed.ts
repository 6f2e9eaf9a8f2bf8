// A remote debugging endpoint on a non-loopback interface: the Node/Chrome inspector, JDWP
// and debugpy all run arbitrary code for whoever connects; Go's pprof leaks memory contents
// and lets anyone profile the process.
import type { TFindingDraft, TRule } from "../classification-types";
import { probeState } from "./describe";
import { endpointDraft } from "./draft";
import { endpointsFor, exposedEndpoints, primaryRule } from "./endpoints";
import { answersEveryPath, debugFlagOf, probeAnswered } from "./identify-service";
import { curlPath } from "./reproduce";

const ID = "debug-endpoint-exposed";

const PPROF = /^\/debug\/pprof\/?/;

export const debugEndpointExposed: TRule = {
  id: ID,
  title: "Remote debugging endpoint reachable from the network",
  cwe: 489, // Active Debug Code
  classify: (input) => {
    const drafts: TFindingDraft[] = endpointsFor(input, ID).map((e) => {
      const flag = debugFlagOf(e.owner);
      const state = probeState(e.probe);
      const confirmed = state === "answered" && e.probe!.protocol === "inspector";
      const bound = flag?.host ? ` The flag binds it to ${flag.host}, not to loopback.` : "";
      return endpointDraft(input, e, {
        ruleId: ID,
        title: `${e.identity.name} open on ${e.proto}/${e.port}`,
        base: "CRITICAL",
        baseReason: "Critical: a debug endpoint without authentication that executes code for any client, reachable from a non-loopback interface",
        why: [`${e.identity.name} accepts debugger connections with no authentication; a client can evaluate any code in the process, as its user.${bound}`],
        confidence: (confirmed && flag) || (flag && flag.port === e.port && flag.host) ? "high" : confirmed || flag ? "medium" : "low",
        confidenceReason: confirmed
          ? `${e.identity.detail}; the probe was answered by the DevTools endpoint (/json/version).`
          : `${e.identity.detail}; ${state === "answered" ? "the probe answer did not identify the protocol" : "the endpoint was not probed (discovery only)"}.`,
      });
    });
    // pprof rides on an ordinary HTTP port, whatever rule rates the port itself.
    for (const e of exposedEndpoints(input)) {
      if (primaryRule(e) === ID || !probeAnswered(e.probe) || answersEveryPath(e.probe)) continue;
      const hit = e.probe.http?.paths.find((p) => PPROF.test(p.path) && p.status === 200);
      if (!hit) continue;
      drafts.push(
        endpointDraft(input, e, {
          ruleId: ID,
          title: `Go pprof debug endpoint ${hit.path} open on ${e.proto}/${e.port}`,
          base: "CRITICAL",
          baseReason: "Critical: a debug endpoint (pprof) without authentication, reachable from a non-loopback interface",
          why: [`${hit.path} answered 200 to an unauthenticated request: heap and goroutine dumps expose memory contents, and CPU profiling can be triggered by anyone.`],
          confidence: "high",
          confidenceReason: `the probe requested ${hit.path} and got 200.`,
          reproduce: [curlPath(e.address, e.port, hit.path, { tls: !!e.probe.tls })],
        }),
      );
    }
    return drafts;
  },
};
