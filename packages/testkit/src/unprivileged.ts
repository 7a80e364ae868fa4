import { chmod, mkdir, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The uid/gid of `nobody` on Debian and Ubuntu. */
const NOBODY = 65534;

/**
 * Spawn options for a child that must meet file permissions: root may write anywhere, so as root
 * the child runs as nobody; as any other user it runs as that user. Pass to spawn/execFile.
 */
export function unprivilegedUser(): { uid?: number; gid?: number } {
  return process.getuid?.() === 0 ? { uid: NOBODY, gid: NOBODY } : {};
}

/** A temp dir an unprivileged child may use (mkdtemp makes it 0700 for its creator). */
export async function sharedTempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await chmod(dir, 0o777);
  return dir;
}

/** A folder the unprivileged child may read and enter but not write: a read-only bucket. */
export async function readOnlyFolder(path: string): Promise<string> {
  await mkdir(path, { recursive: true });
  await chmod(path, 0o555);
  return path;
}
