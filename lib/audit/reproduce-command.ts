// The command a reviewer pastes to see a piece of evidence for themselves.
// Everything is single-quoted, so nothing in it is interpreted locally.
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function reproduceCommand(host: { address: string; port: number; username: string }, command: string): string {
  const port = host.port === 22 ? "" : `-p ${host.port} `;
  return `ssh ${port}${quote(`${host.username}@${host.address}`)} ${quote(command)}`;
}
