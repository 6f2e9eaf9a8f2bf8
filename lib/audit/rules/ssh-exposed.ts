// SSH on a network interface: how the host is administered (the audit itself came in this
// way). Low when only keys are accepted; password logins invite brute force.
import type { TRule } from "../classification-types";
import { probeState } from "./describe";
import { endpointDraft } from "./draft";
import { endpointsFor } from "./endpoints";

const ID = "ssh-exposed";

// Methods the server offers before authentication, as the probe recorded them
// ("publickey,password").
function offeredMethods(details: Record<string, string> | undefined): string[] | null {
  const raw = details?.authMethods ?? details?.authMethod;
  return raw ? raw.split(/[\s,]+/).filter(Boolean) : null;
}

export const sshExposed: TRule = {
  id: ID,
  title: "SSH server reachable from the network",
  cwe: 1327, // Binding to an Unrestricted IP Address
  classify: (input) =>
    endpointsFor(input, ID).map((e) => {
      const methods = offeredMethods(e.probe?.details);
      const passwords = methods?.some((m) => m === "password" || m === "keyboard-interactive") ?? false;
      const version = e.probe?.banner ? ` It identifies as "${e.probe.banner.slice(0, 60)}".` : "";
      if (passwords) {
        return endpointDraft(input, e, {
          ruleId: ID,
          title: `SSH on ${e.proto}/${e.port} accepts password logins`,
          base: "MEDIUM",
          baseReason: "Medium: SSH is encrypted and authenticated, but offering password logins on a network interface invites brute force; keys only, or rate limiting, is the control",
          why: [`${e.identity.name} offers ${methods!.join(", ")} before login.${version}`],
          confidence: "high",
          confidenceReason: "the probe recorded the authentication methods the server offers.",
        });
      }
      const checked = methods !== null;
      return endpointDraft(input, e, {
        ruleId: ID,
        title: `SSH on ${e.proto}/${e.port}`,
        base: "LOW",
        baseReason: checked
          ? "Low: SSH with key-only authentication is a controlled way to administer the host"
          : "Low: SSH is encrypted and authenticated; whether it also accepts passwords was not checked",
        why: [checked ? `${e.identity.name} offers only ${methods!.join(", ")}.${version}` : `${e.identity.name} listens beyond loopback.${version}`],
        confidence: checked ? "high" : probeState(e.probe) === "answered" || e.identity.by === "process" ? "medium" : "low",
        confidenceReason: checked
          ? "the probe recorded the authentication methods the server offers."
          : `${e.identity.detail}; the offered authentication methods are not in the facts (check PasswordAuthentication with \`sshd -T\`).`,
        reproduce: ["sudo sshd -T | grep -Ei '^(passwordauthentication|kbdinteractiveauthentication|permitrootlogin) '"],
      });
    }),
};
