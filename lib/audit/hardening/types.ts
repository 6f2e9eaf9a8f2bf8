// Phase 4's contract: a confirmed finding plus its host run's facts in, one
// proposed hardening step (or the reasons none can be proposed) out. Pure
// types: no Next, no Prisma.
import type { THostFacts } from "../facts";

export type THardeningStrategy = "BIND_LOCALHOST" | "FIREWALL_DENY" | "REVERSE_PROXY";

export type THardeningFinding = {
  ruleId: string;
  proto: "tcp" | "udp" | null;
  port: number | null;
  address: string | null;
  executable: string | null;
};

export type TPlanInput = {
  finding: THardeningFinding;
  facts: THostFacts;
  exposure: "INTERNET" | "INTERNAL";
  // Names this step's backups and firewall objects on the host; [a-z0-9]{6,32}.
  tag: string;
};

// A file the step touches. `before` is what it held when it was read from the
// host (null with state "absent": the step creates it; "unreadable": the read
// failed otherwise, e.g. permission or no `cat`). The engine cannot read
// files, so it says how (`readCommand`); execution (or the consultant) fills
// `before` from that read over SSH before running anything.
export type TStepFile = {
  path: string;
  readCommand: string;
  state: "not-read" | "read" | "absent" | "unreadable";
  before: string | null;
};

export type TPlannedStep = {
  strategy: THardeningStrategy;
  title: string;
  rationale: string;
  commands: string[];
  expectedAfter: string;
  verifyCommands: string[];
  rollbackCommands: string[];
  files: TStepFile[];
};

// What one strategy says about one finding: a step, or why it does not apply.
export type TStrategyResult = { ok: true; step: Omit<TPlannedStep, "rationale"> & { why: string } } | { ok: false; why: string };

export type TPlanResult = { ok: true; step: TPlannedStep } | { ok: false; reason: string };
