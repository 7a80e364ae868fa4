/** The kinds the fake API server serves, as discovery lists them. */
export interface ResourceType {
  group: string; // "" for the core group
  version: string;
  /** Plural, lower case: the path segment. */
  name: string;
  singularName: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
}

const VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

export const RESOURCE_TYPES: readonly ResourceType[] = [
  { group: "", version: "v1", name: "namespaces", singularName: "namespace", kind: "Namespace", namespaced: false, shortNames: ["ns"] },
  { group: "", version: "v1", name: "nodes", singularName: "node", kind: "Node", namespaced: false, shortNames: ["no"] },
  { group: "", version: "v1", name: "configmaps", singularName: "configmap", kind: "ConfigMap", namespaced: true, shortNames: ["cm"] },
  { group: "", version: "v1", name: "secrets", singularName: "secret", kind: "Secret", namespaced: true },
  { group: "", version: "v1", name: "services", singularName: "service", kind: "Service", namespaced: true, shortNames: ["svc"] },
  { group: "", version: "v1", name: "pods", singularName: "pod", kind: "Pod", namespaced: true, shortNames: ["po"] },
  { group: "", version: "v1", name: "serviceaccounts", singularName: "serviceaccount", kind: "ServiceAccount", namespaced: true, shortNames: ["sa"] },
  { group: "apps", version: "v1", name: "deployments", singularName: "deployment", kind: "Deployment", namespaced: true, shortNames: ["deploy"] },
  { group: "networking.k8s.io", version: "v1", name: "ingresses", singularName: "ingress", kind: "Ingress", namespaced: true, shortNames: ["ing"] },
];

export function groupVersionOf(type: ResourceType): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

/** GET /api, /apis, /api/v1, /apis/<group>/<version>: the discovery documents. */
export function discoveryDocument(path: string, serverAddress: string): unknown | undefined {
  if (path === "/api") return { kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }] };
  if (path === "/apis") {
    const groups = [...new Set(RESOURCE_TYPES.filter((t) => t.group).map((t) => t.group))].map((name) => {
      const versions = [...new Set(RESOURCE_TYPES.filter((t) => t.group === name).map((t) => t.version))].map((version) => ({ groupVersion: `${name}/${version}`, version }));
      return { name, versions, preferredVersion: versions[0] };
    });
    return { kind: "APIGroupList", apiVersion: "v1", groups };
  }
  const match = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path);
  if (!match) return undefined;
  const group = match[1] ? "" : match[2]!;
  const version = match[1] ?? match[3]!;
  const types = RESOURCE_TYPES.filter((t) => t.group === group && t.version === version);
  if (!types.length) return undefined;
  return {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion: group ? `${group}/${version}` : version,
    resources: types.map((t) => ({ name: t.name, singularName: t.singularName, namespaced: t.namespaced, kind: t.kind, verbs: VERBS, ...(t.shortNames ? { shortNames: t.shortNames } : {}) })),
  };
}

export interface ResourcePath {
  type: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** /api/v1/namespaces/ns/configmaps/x, /apis/apps/v1/deployments, /api/v1/namespaces/x … → what it names. */
export function parseResourcePath(path: string): ResourcePath | undefined {
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === "api" && parts.length >= 3) [group, version, rest] = ["", parts[1]!, parts.slice(2)];
  else if (parts[0] === "apis" && parts.length >= 4) [group, version, rest] = [parts[1]!, parts[2]!, parts.slice(3)];
  else return undefined;
  const typeNamed = (name: string) => RESOURCE_TYPES.find((t) => t.group === group && t.version === version && t.name === name);
  let namespace: string | undefined;
  if (rest[0] === "namespaces" && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const type = typeNamed(rest[0] ?? "");
  if (!type || rest.length > 3) return undefined;
  return { type, namespace, name: rest[1], subresource: rest[2] };
}
