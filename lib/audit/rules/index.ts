// Every classification rule, in the order their findings are listed. Rule ids are stable:
// findings are fingerprinted by them across runs.
import type { TRule } from "../classification-types";
import { bareHttpServer } from "./bare-http-server";
import { datastoreNetworkExposed } from "./datastore-network-exposed";
import { debugEndpointExposed } from "./debug-endpoint-exposed";
import { exposedListenerUnclassified } from "./exposed-listener-unclassified";
import { exposedUnauthenticatedDatastore } from "./exposed-unauthenticated-datastore";
import { loopbackOnlyListener } from "./loopback-only-listener";
import { monitoringEndpointExposed } from "./monitoring-endpoint-exposed";
import { plainHttpExposed } from "./plain-http-exposed";
import { recentlyRestartedListener } from "./recently-restarted-listener";
import { sshExposed } from "./ssh-exposed";
import { tlsServiceExposed } from "./tls-service-exposed";
import { unexpectedListenerProcess } from "./unexpected-listener-process";
import { wildcardCors } from "./wildcard-cors";

export const RULES: readonly TRule[] = [
  exposedUnauthenticatedDatastore,
  bareHttpServer,
  debugEndpointExposed,
  unexpectedListenerProcess,
  datastoreNetworkExposed,
  plainHttpExposed,
  wildcardCors,
  monitoringEndpointExposed,
  recentlyRestartedListener,
  exposedListenerUnclassified,
  sshExposed,
  tlsServiceExposed,
  loopbackOnlyListener,
];

// The CWE of a rule's findings, by the rule's id (null: none, or a rule no longer known).
export function cweOf(ruleId: string): number | null {
  return RULES.find((r) => r.id === ruleId)?.cwe ?? null;
}
