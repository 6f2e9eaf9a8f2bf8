import type { FindingStatus } from "@/lib/generated/prisma/enums";

// One key per triage move, shown in the legend exactly as handled.
export const STATUS_KEYS: Record<string, FindingStatus> = { c: "CONFIRMED", f: "FALSE_POSITIVE", a: "ACCEPTANCE_REQUESTED", d: "DUPLICATE" };

const LEGEND: [keys: string[], what: string][] = [
  [["j", "k"], "next / previous finding"],
  [["x"], "select or unselect it"],
  [["Enter", "o"], "open its details"],
  [["c"], "confirm"],
  [["f"], "false positive"],
  [["a"], "request risk acceptance"],
  [["d"], "duplicate of…"],
  [["Esc"], "close"],
];

const NOT_TEXT = new Set(["checkbox", "radio", "button", "submit", "reset"]);

// Keys typed into a field are text, not commands. A row's checkbox is not a
// field: after clicking one, j/k must still move.
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !NOT_TEXT.has(target.type);
  return target.isContentEditable || ["TEXTAREA", "SELECT"].includes(target.tagName);
}

export function ShortcutLegend() {
  return (
    <div aria-label="Keyboard shortcuts" role="note" className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-600">
      <span className="font-medium text-slate-700">Keys:</span>
      {LEGEND.map(([keys, what]) => (
        <span key={what} className="whitespace-nowrap">
          {keys.map((k, i) => (
            <span key={k}>
              {i > 0 && " / "}
              <kbd className="rounded border border-slate-300 bg-slate-50 px-1 font-mono text-[0.7rem] text-slate-800">{k}</kbd>
            </span>
          ))}{" "}
          {what}
        </span>
      ))}
      <span className="text-slate-500">(status keys act on the selected findings, or the highlighted one)</span>
    </div>
  );
}
