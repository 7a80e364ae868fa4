import { Readable } from "node:stream";
import type { PutBody } from "./types";

/** Buffers and strings are small bodies written in one request; streams go through multipart/resumable uploads. */
export function isInMemoryBody(body: PutBody): body is Buffer | string {
  return typeof body === "string" || Buffer.isBuffer(body);
}

export function bodyStream(body: PutBody): Readable {
  return isInMemoryBody(body) ? Readable.from([Buffer.from(body)]) : body;
}
