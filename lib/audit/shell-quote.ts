// One argument for a POSIX shell, single-quoted: nothing in it is interpreted, a quote inside
// closes, escapes and reopens. Used by every command Palisade builds from a value.
export const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
