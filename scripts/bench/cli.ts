// `npm run bench -- <name> [options]`. Each benchmark prints one JSON line last.
import { parseArgs } from "node:util";
import { benchScale } from "./scale";

const usage = "usage: npm run bench -- scale [--hosts 1000] [--concurrency 32]";

async function main() {
  const [name, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({ args: rest, options: { hosts: { type: "string" }, concurrency: { type: "string" } } });
  const concurrency = Number(values.concurrency ?? 32);
  switch (name) {
    case "scale":
      return benchScale({ hosts: Number(values.hosts ?? 1000), concurrency });
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
