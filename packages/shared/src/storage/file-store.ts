import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, open, readFile, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative, sep } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { pathToFileURL } from "node:url";
import { randomBytes } from "node:crypto";
import { ConfigError, ConflictError, NotFoundError } from "../core/errors";
import type { Logger } from "../core/logger";
import { mapFileError } from "./file-errors";
import { acquireFileLock } from "./file-lock";
import { checkKey } from "./keys";
import { bodyStream } from "./put-body";
import type { ObjectInfo, ObjectStore, PutBody, PutOptions } from "./types";

/**
 * Internal files sit beside the object as hidden ".<name>.chainops-*" files (metadata sidecar,
 * lock, temp), so an object keeps its metadata whichever directory the store was opened at,
 * and list() never shows them. ".chainops-meta" folders are from an older layout.
 */
const INTERNAL_FILE = /^\..+\.chainops-(meta\.json|lock(-[0-9a-f]+|-break)?|tmp-[0-9a-f-]+)$/;
const LEGACY_META_DIR = ".chainops-meta";

interface Sidecar {
  contentType?: string;
  cacheControl?: string;
  metadata: Record<string, string>;
}

/**
 * The embedded default: a directory on local disk. Writes go to a temp file and are
 * renamed into place, so a reader never sees half an object; CAS takes a lock file.
 */
export class FileStore implements ObjectStore {
  readonly kind = "file" as const;
  readonly url: string;
  /** input: the setting that named this store, for errors (a permission problem is bad configuration). */
  constructor(
    private readonly root: string,
    private readonly options: { logger?: Logger; input?: string } = {},
  ) {
    this.url = pathToFileURL(root).href;
  }

  /** Runs one operation; a permission error on the disk becomes a ConfigError naming the bucket and what is needed. */
  private async guard<T>(operation: string, key: string | undefined, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw mapFileError(error, { operation, url: this.url, root: this.root, key, input: this.options.input ?? "bucket" });
    }
  }

  private pathOf(key: string): string {
    const parts = checkKey(key).split("/");
    if (INTERNAL_FILE.test(parts[parts.length - 1]!)) {
      throw new ConfigError("object key", "ends in a name the file:// store uses for its own metadata, locks and temp files", {
        value: key,
        example: "mainnet/snapshot.car.zst",
      });
    }
    return join(this.root, ...parts);
  }
  private sidecarOf(key: string): string {
    return hiddenBeside(this.pathOf(key), "meta.json");
  }

  put(key: string, body: PutBody, options: PutOptions = {}): Promise<ObjectInfo> {
    return this.guard("upload", key, () => this.putFile(key, body, options));
  }

  private async putFile(key: string, body: PutBody, options: PutOptions): Promise<ObjectInfo> {
    const path = this.pathOf(key);
    await this.makeParentOf(key, path);
    // Checked before anything is written: the rename would fail only after the sidecar was replaced.
    if ((await stat(path).catch(() => undefined))?.isDirectory()) {
      throw new ConfigError("object key", `is a folder in ${this.url}, not an object`, { value: key, example: `${key}/file.bin` });
    }
    const temp = tempName(path);
    try {
      await pipeline(bodyStream(body), createWriteStream(temp), { signal: options.signal });
      await this.writeSidecar(key, options);
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    return (await this.statFile(key))!;
  }

  get(key: string, options: { signal?: AbortSignal } = {}): Promise<Readable> {
    return this.guard("read", key, () => this.openFile(key, options));
  }

  private async openFile(key: string, options: { signal?: AbortSignal }): Promise<Readable> {
    const path = this.pathOf(key);
    // Open first so a missing object fails here, not on the first read.
    const handle = await open(path, "r").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") throw new NotFoundError(`No object ${key} in ${this.url}`);
      throw error;
    });
    if (!(await handle.stat()).isFile()) {
      await handle.close();
      throw new NotFoundError(`No object ${key} in ${this.url}: it is a folder`, { hint: `List what is under it with \`chainops store ls ${this.url}/${key}\`.` });
    }
    // Hand the FileHandle itself to the stream, so it owns the close (a bare fd would be closed twice).
    return createReadStream("", { fd: handle, signal: options.signal });
  }

  head(key: string): Promise<ObjectInfo | null> {
    return this.guard("head", key, () => this.statFile(key));
  }

  private async statFile(key: string): Promise<ObjectInfo | null> {
    const path = this.pathOf(key);
    let info;
    try {
      info = await stat(path, { bigint: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
    if (!info.isFile()) return null;
    const sidecar = await this.readSidecar(key);
    return {
      key,
      size: Number(info.size),
      version: `${info.ino}-${info.mtimeNs}-${info.size}`,
      contentType: sidecar.contentType,
      sha256: sidecar.metadata.sha256,
      updated: new Date(Number(info.mtimeMs)),
      metadata: sidecar.metadata,
    };
  }

  async *list(prefix = ""): AsyncIterable<ObjectInfo> {
    const keys: string[] = [];
    await this.guard("list", undefined, () => this.walk(this.root, keys));
    keys.sort();
    for (const key of keys) {
      if (!key.startsWith(prefix)) continue;
      const info = await this.head(key);
      if (info) yield info;
    }
  }

  private async walk(dir: string, keys: string[]): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === LEGACY_META_DIR) continue;
        await this.walk(full, keys);
      } else if (entry.isFile() && !INTERNAL_FILE.test(entry.name)) {
        keys.push(relative(this.root, full).split(sep).join("/"));
      }
    }
  }

  delete(key: string): Promise<void> {
    return this.guard("delete", key, async () => {
      await rm(this.pathOf(key), { force: true });
      await rm(this.sidecarOf(key), { force: true });
    });
  }

  putIfMatch(key: string, body: Buffer | string, version: string | null, options: PutOptions = {}): Promise<ObjectInfo> {
    return this.guard("conditional write", key, () => this.swapFile(key, body, version, options));
  }

  private async swapFile(key: string, body: Buffer | string, version: string | null, options: PutOptions): Promise<ObjectInfo> {
    const path = this.pathOf(key);
    await this.makeParentOf(key, path);
    const release = await acquireFileLock(hiddenBeside(path, "lock"), { logger: this.options.logger, label: `${this.url}/${key}` });
    try {
      const current = await this.statFile(key);
      const currentVersion = current?.version ?? null;
      if (currentVersion !== version) {
        throw new ConflictError(key, version === null ? `Object ${key} already exists` : `Object ${key} changed since it was read`);
      }
      return await this.putFile(key, body, options);
    } finally {
      await release();
    }
  }

  /** Creates the object's folder; an object where a folder must be is bad input, not an EEXIST. */
  private async makeParentOf(key: string, path: string): Promise<void> {
    await mkdir(dirname(path), { recursive: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "EEXIST" && error.code !== "ENOTDIR") throw error;
      throw new ConfigError("object key", `needs a folder where ${this.url} already holds an object`, { value: key, example: "mainnet/snapshot.car.zst", cause: error });
    });
  }

  publicUrl(key: string): string {
    return pathToFileURL(this.pathOf(key)).href;
  }

  private async writeSidecar(key: string, options: PutOptions): Promise<void> {
    const path = this.sidecarOf(key);
    const sidecar: Sidecar = { contentType: options.contentType, cacheControl: options.cacheControl, metadata: options.metadata ?? {} };
    await mkdir(dirname(path), { recursive: true });
    const temp = tempName(path);
    await writeFile(temp, JSON.stringify(sidecar));
    await rename(temp, path);
  }

  private async readSidecar(key: string): Promise<Sidecar> {
    try {
      const parsed = JSON.parse(await readFile(this.sidecarOf(key), "utf8")) as Partial<Sidecar>;
      return { contentType: parsed.contentType, cacheControl: parsed.cacheControl, metadata: parsed.metadata ?? {} };
    } catch {
      return { metadata: {} };
    }
  }
}

function hiddenBeside(path: string, suffix: string): string {
  return join(dirname(path), `.${basename(path)}.chainops-${suffix}`);
}

function tempName(path: string): string {
  return hiddenBeside(path, `tmp-${randomBytes(6).toString("hex")}`);
}
