import type { TFindingDetail } from "@/lib/domain/findings/get-finding";
import type { TFindingRow } from "@/lib/domain/findings/list-findings";

// What crosses to the browser: dates as ISO strings, bigint ids as strings.
export type TJson<T> = T extends Date ? string : T extends bigint ? string : T extends (infer U)[] ? TJson<U>[] : T extends object ? { [K in keyof T]: TJson<T[K]> } : T;

export function toJson<T>(value: T): TJson<T> {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v))) as TJson<T>;
}

export type TRow = TJson<TFindingRow>;
export type TDetail = TJson<TFindingDetail>;

// Who looks: their id (a requester may not approve their own acceptance) and
// whether their role may approve risk acceptances at all.
export type TViewer = { id: string; canApprove: boolean };

export const formatTime = (iso: string | null | undefined) => (iso ? `${iso.replace("T", " ").slice(0, 16)} UTC` : "");
