import { cronHttpServer } from "./cron-http-server";
import { dualStack } from "./dual-stack";
import { firewalled } from "./firewalled";
import { hostKeyChanged } from "./host-key-changed";
import { localhostOnly } from "./localhost-only";
import { nginxHttp } from "./nginx-http";
import { nginxTls } from "./nginx-tls";
import { nodeDebug } from "./node-debug";
import { redisOpen } from "./redis-open";
import { sudoDenied } from "./sudo-denied";
import { sudoNopasswd } from "./sudo-nopasswd";
import type { TScenario } from "./types";
import { udpMemcached } from "./udp-memcached";
import { unreachable } from "./unreachable";

// Order matters: `up --hosts N` takes the first N, cycling when N is larger than the list.
export const SCENARIOS: readonly TScenario[] = [
  redisOpen,
  cronHttpServer,
  nginxHttp,
  nginxTls,
  localhostOnly,
  dualStack,
  udpMemcached,
  nodeDebug,
  sudoNopasswd,
  sudoDenied,
  firewalled,
  hostKeyChanged,
  unreachable,
];

export function scenarioById(id: string): TScenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}

export type THostPlan = { index: number; name: string; scenario: TScenario };

export function planHosts(count: number): THostPlan[] {
  const plans: THostPlan[] = [];
  for (let i = 0; i < count; i++) {
    const scenario = SCENARIOS[i % SCENARIOS.length]!;
    plans.push({ index: i, name: `lab${String(i + 1).padStart(2, "0")}-${scenario.id}`, scenario });
  }
  return plans;
}
