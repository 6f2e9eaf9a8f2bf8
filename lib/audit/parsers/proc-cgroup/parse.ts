// `cat /proc/PID/cgroup`: "ID:CONTROLLERS:PATH" lines; cgroup v2 is the single "0::PATH" line,
// a hybrid host adds v1 lines ("9:name=systemd:PATH"). The path names the systemd unit and,
// for a container, its id:
//   0::/system.slice/nginx.service
//   0::/machine.slice/systemd-nspawn@web.service/payload/system.slice/nginx.service  (nspawn guest)
//   0::/system.slice/docker-<64 hex>.scope          (docker, systemd cgroup driver)
//   1:name=systemd:/docker/<64 hex>                  (docker, cgroupfs driver, cgroup v1)
//   0::/machine.slice/libpod-<64 hex>.scope/container (podman)
//   0::/user.slice/user-1000.slice/session-3.scope  (a login session)
import type { TCgroup, TParsed } from "../../facts";
import { clip, collector, eachLine, isBlank } from "../collect";

const CONTAINER_SCOPE = /^(?:docker|libpod|cri-containerd|crio)-([0-9a-f]{64})\.scope$/;
const BARE_ID = /^[0-9a-f]{64}$/;
const UNIT = /^[^/]{1,255}\.(?:service|scope)$/;

export function parseProcCgroup(text: string): TParsed<TCgroup> {
  const out = collector<TCgroup>();
  let unified: string | null = null;
  let named: string | null = null;
  let first: string | null = null;
  let withContainer: string | null = null; // a v1-only docker host names the container per controller
  eachLine(text, out, (line, no) => {
    if (isBlank(line)) return;
    const a = line.indexOf(":");
    const b = a === -1 ? -1 : line.indexOf(":", a + 1);
    if (a <= 0 || b === -1 || !/^\d{1,6}$/.test(line.slice(0, a)) || line[b + 1] !== "/") return out.skip(no, line, "not ID:CONTROLLERS:PATH");
    const path = clip(line.slice(b + 1));
    if (line.startsWith("0::")) unified ??= path;
    else if (line.slice(a + 1, b) === "name=systemd") named ??= path;
    first ??= path;
    if (withContainer === null && containerIn(path) !== null) withContainer = path;
  });
  // systemd tracks units in name=systemd where that exists (v1 and hybrid hosts), else in v2.
  const path: string | null = named ?? unified ?? first;
  if (path !== null) {
    const containerId = containerIn(path) ?? (withContainer !== null ? containerIn(withContainer) : null);
    out.add({ path, systemdUnit: unitIn(path), containerId });
  }
  return out.result();
}

function containerIn(path: string): string | null {
  for (const seg of path.split("/").slice(0, 256)) {
    const scope = CONTAINER_SCOPE.exec(seg);
    if (scope) return scope[1] as string;
    if (BARE_ID.test(seg)) return seg;
  }
  return null;
}

// The innermost .service or .scope: a unit inside a guest's or a user's own systemd counts.
// "container" under libpod-ID.scope is podman's own sub-group, not a unit.
function unitIn(path: string): string | null {
  const segs = path.split("/").slice(0, 256);
  for (let i = segs.length - 1; i >= 0; i--) if (UNIT.test(segs[i] as string)) return segs[i] as string;
  return null;
}
