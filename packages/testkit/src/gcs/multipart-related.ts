/** Splits a multipart/related body (what the GCS client sends for uploadType=multipart) into its parts. */
export function parseMultipartRelated(body: Buffer, contentType: string): Array<{ headers: Record<string, string>; body: Buffer }> {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) throw new Error(`multipart body without a boundary (Content-Type: ${contentType})`);
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Array<{ headers: Record<string, string>; body: Buffer }> = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const afterDelimiter = start + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === "--") break;
    const next = body.indexOf(delimiter, afterDelimiter);
    if (next === -1) break;
    // A part is "\r\n<headers>\r\n\r\n<body>\r\n" between two delimiters.
    const part = body.subarray(afterDelimiter + 2, next - 2);
    const split = part.indexOf("\r\n\r\n");
    const headerText = split === -1 ? "" : part.subarray(0, split).toString("utf8");
    const headers: Record<string, string> = {};
    for (const line of headerText.split("\r\n")) {
      const colon = line.indexOf(":");
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    parts.push({ headers, body: split === -1 ? part : part.subarray(split + 4) });
    start = next;
  }
  return parts;
}
