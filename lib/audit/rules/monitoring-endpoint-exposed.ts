// Monitoring and management endpoints (Prometheus /metrics, Spring actuator, Apache
// server-status, nginx stub_status, expvar) answering on a network interface: they leak
// internals (hostnames, versions, request URLs, sometimes secrets) to anyone.
import type { TRule } from "../classification-types";
import { endpointDraft } from "./draft";
import { exposedEndpoints } from "./endpoints";
import { answersEveryPath, probeAnswered } from "./identify-service";
import { curlPath } from "./reproduce";

const ID = "monitoring-endpoint-exposed";

const MONITORING = /^\/(metrics|actuator(\/[\w.-]+)?|server-status|server-info|nginx_status|stub_status|debug\/vars|jolokia|_status)\/?$/;
// Health checks are meant to be public.
const HARMLESS = /^\/(actuator\/health|actuator\/info)\/?$/;

export const monitoringEndpointExposed: TRule = {
  id: ID,
  title: "Monitoring or management endpoint reachable from the network",
  cwe: 200, // Exposure of Sensitive Information to an Unauthorized Actor
  classify: (input) =>
    exposedEndpoints(input).flatMap((e) => {
      if (!probeAnswered(e.probe) || !e.probe.http || answersEveryPath(e.probe)) return [];
      const open = e.probe.http.paths.filter((p) => p.status === 200 && MONITORING.test(p.path) && !HARMLESS.test(p.path));
      if (open.length === 0) return [];
      const paths = open.map((p) => p.path);
      return [
        endpointDraft(input, e, {
          ruleId: ID,
          title: `${paths.join(", ")} open on ${e.proto}/${e.port}`,
          base: "HIGH",
          baseReason: "High: monitoring/management endpoints reachable on a public interface",
          why: [`${paths.join(", ")} answered 200 without credentials on ${e.identity.name}.${paths.some((p) => /heapdump|env/.test(p)) ? " Actuator env/heapdump can hand out credentials." : ""}`],
          confidence: "high",
          confidenceReason: "the probe requested each path and recorded a 200 answer.",
          reproduce: paths.map((p) => curlPath(e.address, e.port, p, { tls: !!e.probe!.tls })),
        }),
      ];
    }),
};
