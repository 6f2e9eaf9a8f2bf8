import type { TScenario } from "./types";

export const unreachable: TScenario = {
  id: "unreachable",
  title: "An address on the lab network with no machine behind it",
  reach: "unreachable",
  auditUser: { name: "root", sudo: "root" },
  expected: { outcome: "unreachable", services: [], listeners: [], findings: [] },
};
