// Integration tests create and drop databases. This guard makes sure they only
// ever do that on this machine, never on a server someone pointed
// TEST_DATABASE_URL (or a stray DATABASE_URL) at by mistake.

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/** Throws unless the postgresql:// URL points at this machine (loopback or a Unix socket). */
export function assertLocalDatabase(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("Refusing to run integration tests: the database URL is not a valid URL.");
  }
  if (parsed.protocol !== "postgresql:" && parsed.protocol !== "postgres:") {
    throw new Error(`Refusing to run integration tests: expected a postgresql:// URL, got ${parsed.protocol}//`);
  }
  // libpq's ?host= overrides the URL's host; a path there is a Unix socket.
  const hostParam = parsed.searchParams.get("host");
  const host = hostParam ?? parsed.hostname;
  const isSocket = hostParam !== null && hostParam.startsWith("/");
  if (!isSocket && !LOCAL_HOSTS.has(host.toLowerCase())) {
    throw new Error(
      `Refusing to run integration tests against "${host || "(no host)"}": they create and drop databases, ` +
        `so only localhost, 127.0.0.1 or ::1 is allowed. Unset TEST_DATABASE_URL to use a throwaway embedded Postgres.`,
    );
  }
}
