// A service on a non-loopback interface that speaks TLS: the controlled form of public
// exposure. Recorded as Low so the inventory is complete and the certificate is on file.
import type { TRule } from "../classification-types";
import { endpointDraft } from "./draft";
import { endpointsFor } from "./endpoints";

const ID = "tls-service-exposed";

export const tlsServiceExposed: TRule = {
  id: ID,
  title: "Service reachable over TLS",
  cwe: 1327, // Binding to an Unrestricted IP Address
  classify: (input) =>
    endpointsFor(input, ID).map((e) => {
      const tls = e.probe!.tls!;
      const notes = [
        tls.protocol && /^(SSLv|TLSv1(\.[01])?$)/.test(tls.protocol) ? `it negotiated ${tls.protocol}, which is deprecated` : null,
        tls.selfSigned ? "the certificate is self-signed (clients cannot verify it; fine for internal use, not for a public site)" : null,
        tls.validTo ? `the certificate is valid to ${tls.validTo}` : null,
      ].filter(Boolean);
      const auth = e.probe!.authRequired === true ? " It asks for credentials." : e.probe!.authRequired === false ? " It answers without credentials, which suits a public site, not an admin interface." : "";
      return endpointDraft(input, e, {
        ruleId: ID,
        title: `${e.identity.name} serves TLS on ${e.proto}/${e.port}`,
        base: "LOW",
        baseReason: "Low: the exposure is encrypted (TLS), the controlled way to offer a service publicly; confirm that public access is intended",
        why: [`${e.identity.name} completed a TLS handshake${tls.protocol ? ` (${tls.protocol})` : ""}${tls.subject ? ` with a certificate for ${tls.subject}` : ""}.${auth}`, notes.length > 0 ? `Noted: ${notes.join("; ")}.` : ""].filter(Boolean),
        confidence: e.owner?.exe ? "high" : "medium",
        confidenceReason: e.owner?.exe ? `the probe completed the TLS handshake; ${e.identity.detail}.` : `the probe completed the TLS handshake; the owner is not visible (${e.identity.detail}).`,
      });
    }),
};
