import { afterEach } from "vitest";
import type { TAuditTarget } from "../audit-types";
import { openConnection, type TAuditConnection } from "./open-connection";
import { startTestServer, type TTestServer } from "./test-ssh-server";

type TConnectOptions = Partial<TAuditTarget> & { maxChannels?: number; connectTimeoutMs?: number };

// For tests: a test SSH server and a connection to it, both closed after each test.
export function useTestServer() {
  let server: TTestServer | undefined;
  let conn: TAuditConnection | undefined;
  afterEach(async () => {
    conn?.close();
    conn = undefined;
    await server?.close();
    server = undefined;
  });
  const target = (s: TTestServer, over: Partial<TAuditTarget> = {}): TAuditTarget => ({
    address: "127.0.0.1",
    port: s.port,
    username: "audit",
    auth: { kind: "key", privateKey: s.clientKey },
    pinnedFingerprint: s.hostKeyFingerprint,
    ...over,
  });
  return {
    target,
    start: async (opts?: Parameters<typeof startTestServer>[0]) => (server = await startTestServer(opts)),
    // As the server's audit user with its pinned key, unless `over` says otherwise.
    connect: async (s: TTestServer, { maxChannels = 5, connectTimeoutMs = 5000, ...over }: TConnectOptions = {}) =>
      (conn = await openConnection(target(s, over), { connectTimeoutMs, maxChannels })),
  };
}
