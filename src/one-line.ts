// Messages on standard error stay one line and cannot drive the terminal, whatever names they carry.

const NAMED_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A message kept to one line that cannot drive the terminal: control characters (C0, DEL, C1) and
 * line or paragraph separators in it (a file name may hold any of them) written as escapes.
 */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/gu, (c) => NAMED_ESCAPES[c] ?? (c.charCodeAt(0) < 0x100 ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${c.charCodeAt(0).toString(16)}`));
}
