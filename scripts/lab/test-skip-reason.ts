import { existsSync } from "node:fs";
import { labPaths, type TLabPaths } from "./config";
import { labPrerequisites } from "./lab";
import { listLabNetns } from "./net";
import { which } from "./run";
import { readState } from "./state";

// Why a test that needs the real lab cannot run here ("" when it can), printed
// so a skipped run says so: not root or no nspawn, a lab already up, or no
// image and no debootstrap to build one.
export async function labTestSkipReason(testName: string, paths: TLabPaths = labPaths()): Promise<string> {
  const missing = await labPrerequisites();
  let reason = "";
  if (missing.length > 0) reason = `needs ${missing.join("; ")}`;
  else if (readState(paths.stateFile) !== undefined || (await listLabNetns()).length > 0) reason = "a lab is already up (npm run lab -- down first)";
  else if (!existsSync(paths.cache) && !(await which("debootstrap"))) reason = "no cached lab image and no debootstrap to build one";
  if (reason) console.log(`${testName} skipped: ${reason}`);
  return reason;
}
