// Loopback by address: 127.0.0.0/8, ::1 and IPv4-mapped 127.x, with or without brackets, and
// the name localhost.
export function isLoopbackAddress(address: string): boolean {
  const a = address.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  return a === "localhost" || a === "::1" || a.startsWith("127.") || a.startsWith("::ffff:127.");
}
