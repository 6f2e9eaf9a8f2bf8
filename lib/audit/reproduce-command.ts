// The command a reviewer pastes to see a piece of evidence for themselves.
// Everything is single-quoted, so nothing in it is interpreted locally.
import { shellQuote } from "./shell-quote";

export function reproduceCommand(host: { address: string; port: number; username: string }, command: string): string {
  const port = host.port === 22 ? "" : `-p ${host.port} `;
  return `ssh ${port}${shellQuote(`${host.username}@${host.address}`)} ${shellQuote(command)}`;
}
