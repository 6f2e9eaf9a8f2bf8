// `npm run bench -- <name> [options]`. Each benchmark prints one JSON line last.
import { parseArgs } from "node:util";
import { benchFindings } from "./findings";
import { benchReport } from "./report";
import { benchScale } from "./scale";
import { limitHeapGrowth } from "@/lib/worker/heap-growth";
import { benchSshd } from "./sshd";

const usage = "usage: npm run bench -- scale [--hosts 1000] [--concurrency 32] [--no-probes] | sshd [--hosts 20] [--concurrency 32] [--rounds 3] [--ansible-mode shell|raw] | findings [--findings 100000] [--hosts 1000] [--repeat 50] [--page 1000] | report [--findings 500] [--hosts 50] [--out report.pdf]";

async function main() {
  // This process hosts the worker the benches measure: it runs under the worker's heap policy
  // from the start, so the seeding before a run does not leave it a heap sized for another policy.
  limitHeapGrowth();
  const [name, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({ args: rest, options: { hosts: { type: "string" }, concurrency: { type: "string" }, rounds: { type: "string" }, "ansible-mode": { type: "string" }, findings: { type: "string" }, repeat: { type: "string" }, page: { type: "string" }, out: { type: "string" }, "no-probes": { type: "boolean" } } });
  const concurrency = Number(values.concurrency ?? 32);
  switch (name) {
    case "scale":
      return benchScale({ hosts: Number(values.hosts ?? 1000), concurrency, probes: !values["no-probes"] });
    case "sshd":
      return benchSshd({ hosts: Number(values.hosts ?? 20), concurrency, rounds: Number(values.rounds ?? 3), ansibleMode: values["ansible-mode"] ?? "shell" });
    case "findings":
      return benchFindings({ findings: Number(values.findings ?? 100_000), hosts: Number(values.hosts ?? 1000), repeat: Number(values.repeat ?? 50), deepPage: Number(values.page ?? 1000) });
    case "report":
      return benchReport({ findings: Number(values.findings ?? 500), hosts: Number(values.hosts ?? 50), out: values.out });
    default:
      throw new Error(usage);
  }
}

main().then(
  (result) => {
    console.log(JSON.stringify(result));
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
