// Running host tools: one place that spawns, captures output and turns failures into errors.
import { spawn, type SpawnOptions } from "node:child_process";

export type TRunResult = { code: number | null; stdout: string; stderr: string };

export function run(cmd: string, args: string[], opts: SpawnOptions & { input?: string } = {}): Promise<TRunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...opts, stdio: [opts.input === undefined ? "ignore" : "pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (d) => (stdout += d));
    child.stderr!.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    if (opts.input !== undefined) {
      // A tool that exits before reading its input must not crash us with EPIPE.
      child.stdin!.on("error", () => {});
      child.stdin!.end(opts.input);
    }
  });
}

// Runs and throws with the tool's own message on a non-zero exit.
export async function mustRun(cmd: string, args: string[], opts: SpawnOptions & { input?: string } = {}): Promise<string> {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} exited ${r.code}: ${(r.stderr || r.stdout).trim().slice(-2000)}`);
  }
  return r.stdout;
}

export async function which(cmd: string): Promise<boolean> {
  const r = await run("sh", ["-c", `command -v ${cmd}`]).catch(() => ({ code: 1 }));
  return r.code === 0;
}
