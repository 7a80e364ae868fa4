import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { writeFileSync } from "node:fs";
import yaml from "js-yaml";
import { discoveryDocument, groupVersionOf, parseResourcePath, RESOURCE_TYPES, type ResourceType } from "./resources";
import { reconcile, type ControllerFaults } from "./controller";

export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; resourceVersion?: string; uid?: string; generation?: number; [k: string]: unknown };
  [key: string]: any;
};

export interface KubeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType?: string;
}

/** An apply the fake refuses, as an admission webhook or quota would. */
export interface ApplyRefusal {
  kind: string;
  name?: string;
  status?: number;
  message: string;
}

export interface StartKubeFakeOptions {
  /** Worker nodes of the cluster (default 3), each with an InternalIP 10.0.0.<n+1>. */
  nodes?: number;
  /** Bearer token clients must send (default "chainops-fake-token"). */
  token?: string;
}

export interface KubeFake {
  /** http://127.0.0.1:<port>: the cluster's server URL. */
  url: string;
  token: string;
  requests: KubeRequest[];
  /** Writes a kubeconfig for this cluster to path (context "fake"). */
  writeKubeconfig(path: string, namespace?: string): string;
  /** Every stored object of a kind (namespace optional), for assertions. */
  objects(kind: string, namespace?: string): KubeObject[];
  get(kind: string, namespace: string | undefined, name: string): KubeObject | undefined;
  /** Applies that changed something (resourceVersion moved), per "Kind/namespace/name". */
  writes: string[];
  /** Pods of this Deployment never become Ready. */
  neverReady(deployment: string): void;
  /** Pods of this Deployment restart over and over (CrashLoopBackOff). */
  crashLoop(deployment: string, restarts: number): void;
  /** Clears neverReady/crashLoop for a Deployment. */
  heal(deployment: string): void;
  refuseApply(refusal: ApplyRefusal): void;
  /** Resolves once the controller has nothing left to do. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

interface Stored {
  object: KubeObject;
  /** Field manager → the configuration it last applied. */
  applied: Map<string, Record<string, unknown>>;
}

interface Watcher {
  type: ResourceType;
  namespace?: string;
  name?: string;
  labels: Array<[string, string | undefined]>;
  res: ServerResponse;
}

/**
 * A Kubernetes API server for tests, driven by the real @kubernetes/client-node (and kubectl):
 * discovery, server-side apply (PATCH application/apply-patch+yaml with fieldManager, field
 * ownership conflicts → 409 unless force), create, get, list (labelSelector), watch (chunked
 * JSON lines, resourceVersion replay), delete (namespaces and Deployments cascade), Status errors.
 * A controller makes Deployments roll out one Pod per replica, schedules pods onto nodes (pod
 * anti-affinity and host ports respected), gives them pod and host IPs and makes them Ready —
 * unless told otherwise (neverReady, crashLoop, refuseApply).
 */
export async function startKubeFake(options: StartKubeFakeOptions = {}): Promise<KubeFake> {
  const token = options.token ?? "chainops-fake-token";
  const store = new Map<string, Stored>();
  const history: Array<{ rv: number; type: string; object: KubeObject; resource: ResourceType }> = [];
  const watchers = new Set<Watcher>();
  const requests: KubeRequest[] = [];
  const writes: string[] = [];
  const refusals: ApplyRefusal[] = [];
  const faults: ControllerFaults = { neverReady: new Set(), crashLoop: new Map() };
  const sockets = new Set<Socket>();
  let resourceVersion = 1;
  let reconcileScheduled: Promise<void> | undefined;

  const typeOfKind = (kind: string) => RESOURCE_TYPES.find((t) => t.kind === kind);
  const keyOf = (type: ResourceType, namespace: string | undefined, name: string) => `${type.kind}/${type.namespaced ? namespace ?? "" : ""}/${name}`;

  const api = {
    list: (kind: string, namespace?: string) =>
      [...store.values()].map((s) => s.object).filter((o) => o.kind === kind && (namespace === undefined || o.metadata.namespace === namespace)).sort(byName),
    get: (kind: string, namespace: string | undefined, name: string) => store.get(keyOf(typeOfKind(kind)!, namespace, name))?.object,
    /** Controller writes (status, pods): no field manager. */
    put: (object: KubeObject) => {
      const type = typeOfKind(object.kind)!;
      const key = keyOf(type, object.metadata.namespace, object.metadata.name);
      const existing = store.get(key);
      const next = structuredClone(object);
      if (existing && stableJson(withoutVersion(existing.object)) === stableJson(withoutVersion(next))) return existing.object;
      next.metadata.resourceVersion = String(++resourceVersion);
      next.metadata.uid ??= existing?.object.metadata.uid ?? randomUUID();
      next.metadata.creationTimestamp ??= new Date(Date.UTC(2026, 0, 1)).toISOString();
      store.set(key, { object: next, applied: existing?.applied ?? new Map() });
      emit(existing ? "MODIFIED" : "ADDED", next, type);
      schedule();
      return next;
    },
    remove: (kind: string, namespace: string | undefined, name: string) => {
      const type = typeOfKind(kind)!;
      const key = keyOf(type, namespace, name);
      const existing = store.get(key);
      if (!existing) return;
      store.delete(key);
      const gone = structuredClone(existing.object);
      gone.metadata.resourceVersion = String(++resourceVersion);
      emit("DELETED", gone, type);
      schedule();
    },
    nodeCount: options.nodes ?? 3,
  };

  for (let i = 0; i < api.nodeCount; i++) {
    api.put({
      apiVersion: "v1",
      kind: "Node",
      metadata: { name: `node-${i}`, labels: { "kubernetes.io/hostname": `node-${i}` } },
      status: { addresses: [{ type: "InternalIP", address: `10.0.0.${i + 1}` }, { type: "Hostname", address: `node-${i}` }], conditions: [{ type: "Ready", status: "True" }] },
    });
  }

  function emit(type: string, object: KubeObject, resource: ResourceType): void {
    const rv = Number(object.metadata.resourceVersion);
    history.push({ rv, type, object, resource });
    for (const watcher of watchers) if (matchesWatch(watcher, resource, object)) watcher.res.write(`${JSON.stringify({ type, object })}\n`);
  }

  function schedule(): void {
    reconcileScheduled ??= new Promise<void>((resolve) => {
      setImmediate(() => {
        reconcileScheduled = undefined;
        reconcile(api, faults);
        resolve();
      });
    });
  }

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => status(res, 500, "InternalError", (error as Error).message));
  });
  server.on("connection", (socket) => { sockets.add(socket); socket.on("close", () => sockets.delete(socket)); });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const query = Object.fromEntries(url.searchParams);
    const contentType = req.headers["content-type"]?.split(";")[0];
    requests.push({ method: req.method ?? "GET", path: url.pathname, query, contentType });
    const body = await readBody(req);
    if (req.headers.authorization !== `Bearer ${token}`) return status(res, 401, "Unauthorized", "Unauthorized");
    if (req.method === "GET" && url.pathname === "/version") return json(res, 200, { major: "1", minor: "31", gitVersion: "v1.31.0-chainops-fake", platform: "linux/amd64" });
    const discovery = req.method === "GET" ? discoveryDocument(url.pathname, `127.0.0.1:${port}`) : undefined;
    if (discovery) return json(res, 200, discovery);
    const target = parseResourcePath(url.pathname);
    if (!target) return status(res, 404, "NotFound", `the server could not find the requested resource (${req.method} ${url.pathname})`);
    const { type, namespace } = target;
    // /api/v1/namespaces/<name> names a namespace itself.
    const name = type.kind === "Namespace" ? target.name ?? undefined : target.name;
    if (target.subresource) return status(res, 404, "NotFound", `subresource ${target.subresource} is not served by the fake`);
    if (type.namespaced && target.name !== undefined && namespace === undefined) return status(res, 404, "NotFound", "namespaced resource needs a namespace");

    if (req.method === "GET" && name === undefined) {
      const labels = parseLabelSelector(query.labelSelector);
      const fieldName = /^metadata\.name=(.+)$/.exec(query.fieldSelector ?? "")?.[1];
      if (query.watch === "true" || query.watch === "1") return watch(res, { type, namespace, name: fieldName, labels, res }, query.resourceVersion);
      const items = api.list(type.kind, type.namespaced ? namespace : undefined).filter((o) => labelsMatch(labels, o) && (!fieldName || o.metadata.name === fieldName));
      return json(res, 200, { apiVersion: groupVersionOf(type), kind: `${type.kind}List`, metadata: { resourceVersion: String(resourceVersion) }, items });
    }
    if (name === undefined) {
      if (req.method === "POST") return create(res, type, namespace, parseBody(body, contentType), query);
      return status(res, 405, "MethodNotAllowed", `${req.method} is not allowed on a collection`);
    }
    const key = keyOf(type, namespace, name);
    const existing = store.get(key);
    if (req.method === "GET") return existing ? json(res, 200, existing.object) : notFound(res, type, name);
    if (req.method === "DELETE") {
      if (!existing) return notFound(res, type, name);
      deleteObject(existing.object, type);
      return json(res, 200, { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", details: { name, kind: type.name, uid: existing.object.metadata.uid } });
    }
    if (req.method === "PATCH") {
      if (contentType !== "application/apply-patch+yaml") return status(res, 415, "UnsupportedMediaType", `the fake only serves server-side apply (application/apply-patch+yaml), not ${contentType}`);
      return apply(res, type, namespace, name, parseBody(body, contentType), query);
    }
    return status(res, 405, "MethodNotAllowed", `${req.method} is not served by the fake`);
  }

  function refusalFor(kind: string, name: string): ApplyRefusal | undefined {
    return refusals.find((r) => r.kind === kind && (r.name === undefined || r.name === name));
  }

  function checkWritable(res: ServerResponse, type: ResourceType, namespace: string | undefined, name: string, object: unknown): object is KubeObject {
    const o = object as KubeObject | undefined;
    if (!o || typeof o !== "object" || typeof o.metadata !== "object") {
      status(res, 400, "BadRequest", "the body is not an object with metadata");
      return false;
    }
    if (o.kind !== type.kind || o.apiVersion !== groupVersionOf(type)) {
      status(res, 400, "BadRequest", `the body is a ${o.apiVersion}/${o.kind}, the path names ${groupVersionOf(type)}/${type.kind}`);
      return false;
    }
    if (o.metadata.name !== name) {
      status(res, 400, "BadRequest", `the name of the object (${o.metadata.name}) does not match the name on the URL (${name})`);
      return false;
    }
    if (type.namespaced && (o.metadata.namespace ?? namespace) !== namespace) {
      status(res, 400, "BadRequest", "the namespace of the object does not match the namespace on the URL");
      return false;
    }
    if (!/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(name)) {
      status(res, 422, "Invalid", `${type.kind} "${name}" is invalid: metadata.name: Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'`);
      return false;
    }
    if (type.namespaced && !store.has(keyOf(RESOURCE_TYPES[0]!, undefined, namespace!))) {
      status(res, 404, "NotFound", `namespaces "${namespace}" not found`);
      return false;
    }
    const ns = type.namespaced ? store.get(keyOf(RESOURCE_TYPES[0]!, undefined, namespace!))?.object : undefined;
    if (ns?.status?.phase === "Terminating") {
      status(res, 403, "Forbidden", `${type.name} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`);
      return false;
    }
    const refusal = refusalFor(type.kind, name);
    if (refusal) {
      status(res, refusal.status ?? 403, refusal.status === 422 ? "Invalid" : "Forbidden", refusal.message);
      return false;
    }
    return true;
  }

  function create(res: ServerResponse, type: ResourceType, namespace: string | undefined, object: unknown, query: Record<string, string>): void {
    const name = (object as KubeObject)?.metadata?.name ?? "";
    if (!checkWritable(res, type, namespace, name, object)) return;
    if (store.has(keyOf(type, namespace, name))) return status(res, 409, "AlreadyExists", `${type.name} "${name}" already exists`);
    const manager = query.fieldManager ?? "unknown";
    const stored = writeApplied(type, namespace, name, manager, object as KubeObject, undefined);
    json(res, 201, stored);
  }

  function apply(res: ServerResponse, type: ResourceType, namespace: string | undefined, name: string, object: unknown, query: Record<string, string>): void {
    const manager = query.fieldManager;
    if (!manager) return status(res, 400, "BadRequest", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
    if (!checkWritable(res, type, namespace, name, object)) return;
    const existing = store.get(keyOf(type, namespace, name));
    const config = object as KubeObject;
    if (existing && query.force !== "true") {
      const conflicts = conflictsOf(existing, manager, config);
      if (conflicts.length) {
        return status(res, 409, "Conflict", `Apply failed with ${conflicts.length} conflict${conflicts.length > 1 ? "s" : ""}: ${conflicts.map((c) => `conflict with "${c.manager}": ${c.path}`).join(", ")}`);
      }
    }
    const stored = writeApplied(type, namespace, name, manager, config, existing);
    json(res, existing ? 200 : 201, stored);
  }

  function writeApplied(type: ResourceType, namespace: string | undefined, name: string, manager: string, config: KubeObject, existing: Stored | undefined): KubeObject {
    const applied = new Map(existing?.applied ?? []);
    const clean = stripServerFields(config);
    if (existing && stableJson(applied.get(manager)) === stableJson(clean)) return existing.object; // a no-op apply writes nothing
    applied.set(manager, clean);
    let merged: Record<string, unknown> = {};
    for (const part of applied.values()) merged = mergeApplied(merged, part);
    const object = merged as KubeObject;
    object.metadata = { ...(object.metadata as object), name, ...(type.namespaced ? { namespace } : {}) } as KubeObject["metadata"];
    if (existing) {
      object.metadata.uid = existing.object.metadata.uid;
      object.metadata.creationTimestamp = existing.object.metadata.creationTimestamp;
      if (existing.object.status) object.status = existing.object.status;
    }
    const specChanged = !existing || stableJson(existing.object.spec) !== stableJson(object.spec);
    object.metadata.generation = (existing?.object.metadata.generation ?? 0) + (specChanged ? 1 : 0);
    if (type.kind === "Service") defaultService(object, existing?.object);
    object.metadata.managedFields = [...applied.keys()].map((m) => ({ manager: m, operation: "Apply", apiVersion: groupVersionOf(type), fieldsType: "FieldsV1" }));
    const stored = api.put(object);
    store.get(keyOf(type, namespace, name))!.applied = applied;
    writes.push(`${type.kind}/${namespace ?? ""}/${name}`);
    return stored;
  }

  function deleteObject(object: KubeObject, type: ResourceType): void {
    if (type.kind === "Namespace") {
      // Namespaces terminate: the controller removes their content, then the namespace.
      api.put({ ...object, status: { ...(object.status ?? {}), phase: "Terminating" } });
      return;
    }
    api.remove(type.kind, object.metadata.namespace, object.metadata.name);
  }

  function conflictsOf(existing: Stored, manager: string, config: KubeObject): Array<{ manager: string; path: string }> {
    const mine = leaves(stripServerFields(config));
    const out: Array<{ manager: string; path: string }> = [];
    for (const [other, theirs] of existing.applied) {
      if (other === manager) continue;
      const theirLeaves = leaves(theirs);
      for (const [path, value] of mine) {
        if (theirLeaves.has(path) && theirLeaves.get(path) !== value) out.push({ manager: other, path });
      }
    }
    return out;
  }

  function watch(res: ServerResponse, watcher: Watcher, since: string | undefined): void {
    res.writeHead(200, { "content-type": "application/json", "transfer-encoding": "chunked" });
    res.flushHeaders();
    const from = since && since !== "0" ? Number(since) : undefined;
    if (from === undefined) {
      // No resourceVersion: the current state as ADDED events, then changes.
      for (const object of api.list(watcher.type.kind, watcher.type.namespaced ? watcher.namespace : undefined)) {
        if (matchesWatch(watcher, watcher.type, object)) res.write(`${JSON.stringify({ type: "ADDED", object })}\n`);
      }
    } else {
      for (const event of history) if (event.rv > from && matchesWatch(watcher, event.resource, event.object)) res.write(`${JSON.stringify({ type: event.type, object: event.object })}\n`);
    }
    watchers.add(watcher);
    res.on("close", () => watchers.delete(watcher));
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    token,
    requests,
    writes,
    writeKubeconfig(path, namespace = "default") {
      const config = {
        apiVersion: "v1",
        kind: "Config",
        // Plain http on loopback: client-node only allows it with insecure-skip-tls-verify.
        clusters: [{ name: "fake", cluster: { server: url, "insecure-skip-tls-verify": true } }],
        users: [{ name: "fake", user: { token } }],
        contexts: [{ name: "fake", context: { cluster: "fake", user: "fake", namespace } }],
        "current-context": "fake",
      };
      writeFileSync(path, yaml.dump(config), { mode: 0o600 });
      return path;
    },
    objects: (kind, namespace) => api.list(kind, namespace),
    get: (kind, namespace, name) => api.get(kind, namespace, name),
    neverReady: (deployment) => { faults.neverReady.add(deployment); schedule(); },
    crashLoop: (deployment, restarts) => { faults.crashLoop.set(deployment, restarts); schedule(); },
    heal: (deployment) => { faults.neverReady.delete(deployment); faults.crashLoop.delete(deployment); schedule(); },
    refuseApply: (refusal) => { refusals.push(refusal); },
    async settled() {
      while (reconcileScheduled) await reconcileScheduled;
    },
    close: () => new Promise<void>((resolve) => {
      for (const watcher of watchers) watcher.res.end();
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

function matchesWatch(watcher: Watcher, type: ResourceType, object: KubeObject): boolean {
  if (type.kind !== watcher.type.kind) return false;
  if (watcher.type.namespaced && watcher.namespace !== undefined && object.metadata.namespace !== watcher.namespace) return false;
  if (watcher.name && object.metadata.name !== watcher.name) return false;
  return labelsMatch(watcher.labels, object);
}

function parseLabelSelector(selector: string | undefined): Array<[string, string | undefined]> {
  if (!selector) return [];
  return selector.split(",").map((part) => {
    const [key, value] = part.split("=").map((s) => s.trim());
    return [key!, value];
  });
}

function labelsMatch(selector: Array<[string, string | undefined]>, object: KubeObject): boolean {
  const labels = object.metadata.labels ?? {};
  return selector.every(([key, value]) => (value === undefined ? key in labels : labels[key] === value));
}

function byName(a: KubeObject, b: KubeObject): number {
  return `${a.metadata.namespace ?? ""}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace ?? ""}/${b.metadata.name}`);
}

function stripServerFields(object: KubeObject): Record<string, unknown> {
  const copy = structuredClone(object) as Record<string, any>;
  delete copy.status;
  if (copy.metadata) {
    for (const field of ["resourceVersion", "uid", "generation", "creationTimestamp", "managedFields", "selfLink"]) delete copy.metadata[field];
  }
  return copy;
}

function withoutVersion(object: KubeObject): KubeObject {
  const copy = structuredClone(object);
  delete copy.metadata.resourceVersion;
  return copy;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Later managers' fields win; maps merge, lists and scalars are replaced whole (atomic). */
function mergeApplied(base: Record<string, unknown>, part: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(part)) {
    out[key] = isPlainObject(value) && isPlainObject(out[key]) ? mergeApplied(out[key] as Record<string, unknown>, value) : structuredClone(value);
  }
  return out;
}

function leaves(object: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (isPlainObject(object)) {
    for (const [key, value] of Object.entries(object)) for (const [p, v] of leaves(value, `${prefix}.${key}`)) out.set(p, v);
  } else {
    out.set(prefix, JSON.stringify(object));
  }
  return out;
}

function defaultService(object: KubeObject, existing: KubeObject | undefined): void {
  object.spec ??= {};
  if (!object.spec.clusterIP) {
    const previous = existing?.spec?.clusterIP;
    object.spec.clusterIP = previous ?? `10.96.${createHash("sha256").update(`${object.metadata.namespace}/${object.metadata.name}`).digest()[0]}.${createHash("sha256").update(object.metadata.name).digest()[0]}`;
  }
  object.spec.type ??= "ClusterIP";
}

export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (isPlainObject(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseBody(body: string, contentType: string | undefined): unknown {
  if (!body) return undefined;
  try {
    // apply-patch+yaml bodies are YAML (JSON is YAML too).
    return contentType === "application/apply-patch+yaml" ? yaml.load(body) : JSON.parse(body);
  } catch {
    return undefined;
  }
}

function json(res: ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function status(res: ServerResponse, code: number, reason: string, message: string): void {
  json(res, code, { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, code });
}

function notFound(res: ServerResponse, type: ResourceType, name: string): void {
  status(res, 404, "NotFound", `${type.name}${type.group ? `.${type.group}` : ""} "${name}" not found`);
}
