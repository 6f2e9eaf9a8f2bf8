import type { HostRunStatus } from "@/lib/generated/prisma/enums";

export const TERMINAL_HOST_STATUSES: HostRunStatus[] = ["DONE", "FAILED", "CANCELLED"];
export const ACTIVE_HOST_STATUSES: HostRunStatus[] = ["CONNECTING", "DISCOVERING", "FORENSICS", "PROBING"];

export const isTerminal = (status: HostRunStatus) => TERMINAL_HOST_STATUSES.includes(status);
