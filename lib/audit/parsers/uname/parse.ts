// `uname -a`: "Linux lab01 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01) x86_64 GNU/Linux".
// The kernel version in the middle holds spaces, so the machine is read from the end: GNU
// prints "MACHINE [PROCESSOR PLATFORM] OS" (RHEL: "x86_64 x86_64 x86_64 GNU/Linux").
import type { TParsed, TUname } from "../../facts";
import { clip, collector, eachLine, isBlank, MAX_FIELD, tokens } from "../collect";

const ARCH = /^(?:x86_64|amd64|i[3-6]86|aarch64|arm64|armv\w{1,8}|riscv(?:32|64)|ppc\w{0,6}|s390x?|mips\w{0,8}|loongarch64|sparc\w{0,4}|ia64|alpha|m68k)$/;

export function parseUname(text: string): TParsed<TUname> {
  const out = collector<TUname>();
  eachLine(text, out, (line, no) => {
    if (isBlank(line)) return;
    if (out.result().items.length > 0) return out.skip(no, line, "more than one line");
    const w = tokens(line.slice(0, MAX_FIELD), 128);
    if (w.length < 3) return out.skip(no, line, "fewer than three fields");
    const [kernelName, nodeName, kernelRelease] = w as [string, string, string];
    const tail = w.slice(3);
    const last = tail[tail.length - 1];
    const os = last !== undefined && /Linux|BSD|Darwin|SunOS/.test(last);
    let machine: string | null = null;
    for (let k = tail.length - (os ? 2 : 1); k >= Math.max(0, tail.length - 4); k--) {
      if (ARCH.test(tail[k] as string) && (k === 0 || !ARCH.test(tail[k - 1] as string))) {
        machine = tail[k] as string;
        break;
      }
    }
    out.add({ kernelName: clip(kernelName, 64), nodeName: clip(nodeName, 255), kernelRelease: clip(kernelRelease, 255), machine, raw: clip(line.trim()) });
  });
  return out.result();
}
