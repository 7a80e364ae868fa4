// Dev-only local test world. Each server starts on 127.0.0.1 with port 0 and returns a close().
export * from "./s3/index";
export * from "./gcs/index";
export * from "./octez-sim/index";
export * from "./lotus-sim/index";
export * from "./capture/index";
export * from "./fake-executables/index";
export * from "./systemd/index";
export * from "./conformance";
export * from "./unprivileged";
export * from "./kube-fake/index";
export * from "./spacemesh-sim/index";
export * from "./helm-binary";
