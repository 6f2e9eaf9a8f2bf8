// Every exposed socket no other rule rates: the owner is hidden, or the process and the probe
// do not say what it is. Never dropped silently: a reviewer has to say what it is. Known
// system daemons that must face the network (DHCP client, NTP, mDNS) are recorded as Low.
import type { TRule } from "../classification-types";
import { probeState } from "./describe";
import { endpointDraft } from "./draft";
import { endpointsFor } from "./endpoints";

const ID = "exposed-listener-unclassified";

export const exposedListenerUnclassified: TRule = {
  id: ID,
  title: "Exposed listener the rules cannot classify",
  cwe: 1327, // Binding to an Unrestricted IP Address
  classify: (input) =>
    endpointsFor(input, ID).map((e) => {
      const state = probeState(e.probe);
      if (e.identity.kind === "system-daemon") {
        return endpointDraft(input, e, {
          ruleId: ID,
          title: `${e.identity.name} listens on ${e.proto}/${e.port}`,
          base: "LOW",
          baseReason: `Low: ${e.identity.name} is a system daemon whose protocol needs a network-facing socket`,
          why: [`${e.identity.name} listens beyond loopback, as that protocol requires.`],
          confidence: "medium",
          confidenceReason: `${e.identity.detail}.`,
        });
      }
      const hidden = !e.owner?.exe && !e.owner?.processName;
      const what = hidden ? "The audit could not see which process owns this socket" : `The rules do not recognise ${e.identity.name}`;
      const probeWords = state === "answered" ? "and the probe answer does not identify the protocol" : "and there is no probe answer to identify it";
      return endpointDraft(input, e, {
        ruleId: ID,
        title: hidden ? `Unidentified listener on ${e.proto}/${e.port} (owner not visible)` : `Unclassified listener ${e.identity.name} on ${e.proto}/${e.port}`,
        base: "MEDIUM",
        baseReason: `Medium: reachable from a non-loopback interface but not identified, so no rubric level can be asserted; it is not guessed from the port number. If a reviewer cannot say what it is, it is an unknown process on a network interface (Critical)`,
        why: [`${what}, ${probeWords}.`],
        confidence: "low",
        confidenceReason: hidden
          ? "limited visibility: re-run as root or with password-less sudo to see the owner."
          : `${e.identity.detail}; nothing in the facts says what it speaks or whether it asks for credentials.`,
      });
    }),
};
