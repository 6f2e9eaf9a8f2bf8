// Test helper: firewall facts parsed from a captured fixture of the firewall parsers.
import type { TFirewall, TSourced } from "../../facts";
import { loadFixtures } from "../../parsers/load-fixtures";
import { PARSERS } from "../../parsers";

export function parsedFirewall(parser: "nft" | "iptables" | "ufw", file: string): TSourced<TFirewall>[] {
  const fixture = loadFixtures(parser).find((f) => f.file === file);
  if (!fixture) throw new Error(`no ${parser} fixture ${file}`);
  const key = { nft: "nft-ruleset", iptables: "iptables", ufw: "ufw-status" }[parser];
  return fixture.outputs.flatMap((o) => PARSERS[parser](o.stdout).items.map((fw) => ({ ...fw, evidence: [key] })));
}
