// A datastore listening beyond loopback that asks for credentials (or whose authentication
// could not be checked). Datastores belong on loopback or a private network: even with a
// password, an internet-facing port invites brute force and exploits of the wire protocol.
import type { TRule } from "../classification-types";
import { probeState } from "./describe";
import { endpointDraft } from "./draft";
import { endpointsFor } from "./endpoints";

const ID = "datastore-network-exposed";

export const datastoreNetworkExposed: TRule = {
  id: ID,
  title: "Datastore listens on a non-loopback interface",
  cwe: 1327, // Binding to an Unrestricted IP Address
  classify: (input) =>
    endpointsFor(input, ID).map((e) => {
      const state = probeState(e.probe);
      const asked = state === "answered" && e.probe!.authRequired === true;
      const d = e.probe?.details ?? {};
      const method = d.authMethod ?? d.authPlugin ? ` (${d.authMethod ?? d.authPlugin})` : "";
      const ssl = d.ssl ? ` TLS is ${d.ssl}.` : "";
      const why = asked
        ? `${e.identity.name} asked the probe for credentials${method}, but it listens beyond loopback.${ssl}`
        : `${e.identity.name} listens beyond loopback; whether it demands credentials was not verified.`;
      const confidenceReason = asked
        ? `the probe saw the authentication request; ${e.identity.detail}.`
        : state === "answered"
          ? `${e.identity.detail}; the probe reached it but could not tell whether it needs credentials.`
          : `discovery only (${state === "unavailable" ? "port forwarding refused" : "no probe answer"}): ${e.identity.detail}. If it answers without credentials this is Critical.`;
      return endpointDraft(input, e, {
        ruleId: ID,
        title: `${e.identity.name} listens on ${e.proto}/${e.port} beyond loopback`,
        base: "HIGH",
        baseReason: `High: a known datastore (${e.identity.name}) exposed on a network interface is overly permissive even with authentication; it should be bound to localhost or a private network`,
        why: [why],
        confidence: asked ? "high" : state === "answered" || e.identity.by === "process" ? "medium" : "low",
        confidenceReason,
      });
    }),
};
