// MongoDB: an OP_MSG isMaster (answered before authentication by every server since 3.6) to
// recognise the wire protocol. Whether data can be read without credentials is not asked.
import type { TOpener, TProbeContext } from "./context";

const OP_MSG = 2013;
const OP_REPLY = 1;

function cstring(s: string) {
  return Buffer.from(`${s}\0`, "utf8");
}

// {isMaster: 1, $db: "admin"} as BSON.
function isMasterDocument(): Buffer {
  const db = cstring("admin");
  const dbLen = Buffer.alloc(4);
  dbLen.writeInt32LE(db.length);
  const one = Buffer.alloc(4);
  one.writeInt32LE(1);
  const elements = Buffer.concat([Buffer.from([0x10]), cstring("isMaster"), one, Buffer.from([0x02]), cstring("$db"), dbLen, db]);
  const size = Buffer.alloc(4);
  size.writeInt32LE(4 + elements.length + 1);
  return Buffer.concat([size, elements, Buffer.from([0])]);
}

export function isMasterMessage(requestId = 1): Buffer {
  const doc = isMasterDocument();
  const header = Buffer.alloc(16);
  const body = Buffer.concat([Buffer.alloc(4) /* flagBits */, Buffer.from([0]) /* section kind 0 */, doc]);
  header.writeInt32LE(16 + body.length, 0);
  header.writeInt32LE(requestId, 4);
  header.writeInt32LE(0, 8);
  header.writeInt32LE(OP_MSG, 12);
  return Buffer.concat([header, body]);
}

const messageComplete = (b: Buffer) => b.length >= 4 && b.length >= b.readInt32LE(0);

// Top-level scalar fields of a BSON document (strings, int32, int64 as number, doubles, booleans).
export function bsonScalars(doc: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  try {
    readScalars(doc, out);
  } catch {
    // A document cut short: keep what was read.
  }
  return out;
}

function readScalars(doc: Buffer, out: Record<string, string>) {
  if (doc.length < 5) return;
  const end = Math.min(doc.readInt32LE(0), doc.length) - 1;
  let i = 4;
  while (i < end) {
    const type = doc[i]!;
    const nameEnd = doc.indexOf(0, i + 1);
    if (nameEnd === -1) break;
    const name = doc.subarray(i + 1, nameEnd).toString("utf8");
    i = nameEnd + 1;
    if (type === 0x02) {
      const len = doc.readInt32LE(i);
      out[name] = doc.subarray(i + 4, i + 4 + len - 1).toString("utf8");
      i += 4 + len;
    } else if (type === 0x10) {
      out[name] = String(doc.readInt32LE(i));
      i += 4;
    } else if (type === 0x12 || type === 0x09 || type === 0x11) {
      out[name] = String(doc.readBigInt64LE(i));
      i += 8;
    } else if (type === 0x01) {
      out[name] = String(doc.readDoubleLE(i));
      i += 8;
    } else if (type === 0x08) {
      out[name] = doc[i] ? "true" : "false";
      i += 1;
    } else if (type === 0x03 || type === 0x04) {
      i += doc.readInt32LE(i); // sub-documents and arrays: skipped
    } else if (type === 0x07) {
      i += 12;
    } else if (type === 0x0a) {
      // null: no value
    } else {
      break; // a type we do not read: stop rather than guess its size
    }
  }
}

export async function probeMongo(ctx: TProbeContext, open: TOpener): Promise<boolean> {
  const p = ctx.probe;
  const link = await open();
  try {
    const r = await ctx.talk(link, "OP_MSG isMaster", { send: isMasterMessage(), timeoutMs: ctx.limits.datastoreMs, complete: messageComplete });
    const b = r.bytes;
    if (b.length < 16 || !messageComplete(b)) return false;
    const opCode = b.readInt32LE(12);
    if (opCode !== OP_MSG && opCode !== OP_REPLY) return false;
    p.protocol = "mongodb";
    const doc = opCode === OP_MSG ? b.subarray(21) : b.subarray(36);
    const fields = bsonScalars(doc);
    for (const k of ["maxWireVersion", "setName", "msg", "ismaster", "isWritablePrimary"]) if (fields[k] !== undefined) p.details[k] = fields[k]!;
    return true;
  } finally {
    link.close();
  }
}
