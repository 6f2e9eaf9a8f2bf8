// An HTTP service on a network interface that lets any web origin read its responses:
// Access-Control-Allow-Origin "*", "null" (sent by sandboxed pages and file://), or an echo of
// whatever origin asked. The probe asks from an origin under .invalid (RFC 2606), which no
// real allow-list names, so seeing it echoed back means any origin would be.
import type { TRule } from "../classification-types";
import { endpointDraft } from "./draft";
import { exposedEndpoints } from "./endpoints";
import { probeAnswered } from "./identify-service";
import { curlPath } from "./reproduce";

const ID = "wildcard-cors";

export const wildcardCors: TRule = {
  id: ID,
  title: "Cross-origin requests allowed from any origin",
  cwe: 942, // Permissive Cross-domain Policy with Untrusted Domains
  classify: (input) =>
    exposedEndpoints(input).flatMap((e) => {
      if (!probeAnswered(e.probe)) return [];
      const origin = e.probe.http?.corsAllowOrigin?.trim();
      if (!origin) return [];
      const reflected = /^https?:\/\/[^/]+\.invalid(:\d+)?$/i.test(origin);
      if (origin !== "*" && origin !== "null" && !reflected) return [];
      const whom = reflected ? "any origin (it echoes the requesting origin)" : origin === "*" ? "any origin" : "the null origin";
      return [
        endpointDraft(input, e, {
          ruleId: ID,
          title: `${e.identity.name} allows cross-origin reads from ${whom} on ${e.proto}/${e.port}`,
          base: "HIGH",
          baseReason: "High: overly permissive exposure (wildcard CORS) on a non-loopback interface",
          why: [
            `A cross-origin request was answered with Access-Control-Allow-Origin: ${origin}${reflected ? " (the probe's own made-up origin, echoed back)" : ""}, so any web page a user of this service opens can read its responses from the user's browser.`,
          ],
          confidence: "high",
          confidenceReason: "the probe sent a cross-origin request and recorded the header.",
          reproduce: [curlPath(e.address, e.port, "/", { tls: !!e.probe.tls, headers: ["Origin: https://example.invalid"] })],
        }),
      ];
    }),
};
