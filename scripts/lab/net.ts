// The lab network: one bridge in the host's namespace (10.250.0.1/24) and one network
// namespace per machine with a veth on that bridge. No namespace gets a default route, IPv6 is
// off on every lab link (no router solicitations or MLD), and an nft table drops anything the
// host might forward to or from the bridge: the lab can reach nothing but itself and this host.
import { existsSync, writeFileSync } from "node:fs";
import { BRIDGE, BRIDGE_ADDRESS, NFT_TABLE, PREFIX_LEN } from "./config";
import { mustRun, run, which } from "./run";

export const NETNS_PREFIX = "palisade-lab-";

export function netnsName(index: number): string {
  return `${NETNS_PREFIX}${String(index + 1).padStart(3, "0")}`;
}

export function vethName(index: number): string {
  return `plab${String(index + 1).padStart(3, "0")}`; // <= 15 chars (IFNAMSIZ)
}

function disableIpv6(ifname: string) {
  const f = `/proc/sys/net/ipv6/conf/${ifname}/disable_ipv6`;
  if (existsSync(f)) writeFileSync(f, "1");
}

async function linkExists(name: string): Promise<boolean> {
  return (await run("ip", ["link", "show", "dev", name])).code === 0;
}

export async function ensureBridge() {
  if (!(await linkExists(BRIDGE))) {
    await mustRun("ip", ["link", "add", BRIDGE, "type", "bridge"]);
  }
  disableIpv6(BRIDGE);
  await run("ip", ["addr", "add", `${BRIDGE_ADDRESS}/${PREFIX_LEN}`, "dev", BRIDGE]); // exists: fine
  await mustRun("ip", ["link", "set", BRIDGE, "up"]);
}

export async function ensureForwardGuard(): Promise<boolean> {
  if (!(await which("nft"))) {
    process.stderr.write("[lab] nft not found: relying on ip_forward and the absence of routes alone\n");
    return false;
  }
  const rules = [
    `table inet ${NFT_TABLE} {`,
    "  chain forward {",
    "    type filter hook forward priority filter - 10; policy accept;",
    `    iifname "${BRIDGE}" drop`,
    `    oifname "${BRIDGE}" drop`,
    "  }",
    "}",
  ].join("\n");
  await run("nft", ["delete", "table", "inet", NFT_TABLE]);
  await mustRun("nft", ["-f", "-"], { input: rules });
  return true;
}

export async function removeForwardGuard() {
  if (await which("nft")) await run("nft", ["delete", "table", "inet", NFT_TABLE]);
}

export async function removeBridge() {
  if (await linkExists(BRIDGE)) await mustRun("ip", ["link", "del", BRIDGE]);
}

export async function createHostNetwork(index: number, address: string): Promise<{ netns: string; veth: string }> {
  const netns = netnsName(index);
  const veth = vethName(index);
  await mustRun("ip", ["netns", "add", netns]);
  // Set before the guest's eth0 exists, so it is born without IPv6.
  await mustRun("ip", ["netns", "exec", netns, "sh", "-c", "echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6"]);
  await mustRun("ip", ["link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", netns]);
  disableIpv6(veth);
  await mustRun("ip", ["link", "set", veth, "master", BRIDGE, "up"]);
  await mustRun("ip", ["-n", netns, "addr", "add", `${address}/${PREFIX_LEN}`, "dev", "eth0"]);
  await mustRun("ip", ["-n", netns, "link", "set", "lo", "up"]);
  await mustRun("ip", ["-n", netns, "link", "set", "eth0", "up"]);
  return { netns, veth };
}

export async function removeHostNetwork(netns: string) {
  // Deleting the namespace destroys its eth0 and with it the veth's host end.
  const r = await run("ip", ["netns", "del", netns]);
  if (r.code !== 0 && !/No such file|not found/i.test(r.stderr)) throw new Error(r.stderr.trim());
}

export async function listLabNetns(): Promise<string[]> {
  const r = await run("ip", ["netns", "list"]);
  return r.stdout
    .split("\n")
    .map((l) => l.split(" ")[0] ?? "")
    .filter((n) => n.startsWith(NETNS_PREFIX));
}
