/** Shell-quotes a value for a copy-paste command (values come from metadata, not from us). */
export function shellQuote(text: string): string {
  return /^[\w@%+=:,./~-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
