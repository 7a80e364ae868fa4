import { ConfigError } from "@chainops/shared";

export interface MachineType {
  name: string;
  cpuMilli: number;
  memoryMiB: number;
}

// GKE machine families a test network uses: vCPUs and memory (GiB) per machine.
const FAMILIES: Array<{ prefix: string; gibPerCpu: number; sizes: number[] }> = [
  { prefix: "e2-standard", gibPerCpu: 4, sizes: [2, 4, 8, 16, 32] },
  { prefix: "e2-highmem", gibPerCpu: 8, sizes: [2, 4, 8, 16] },
  { prefix: "n2-standard", gibPerCpu: 4, sizes: [2, 4, 8, 16, 32, 48, 64, 80, 96, 128] },
  { prefix: "n2-highmem", gibPerCpu: 8, sizes: [2, 4, 8, 16, 32, 48, 64, 80, 96, 128] },
  { prefix: "n2d-standard", gibPerCpu: 4, sizes: [2, 4, 8, 16, 32, 48, 64, 80, 96, 128, 224] },
  { prefix: "c2-standard", gibPerCpu: 4, sizes: [4, 8, 16, 30, 60] },
];

export const MACHINE_TYPES: ReadonlyMap<string, MachineType> = new Map(
  FAMILIES.flatMap((family) =>
    family.sizes.map((cpus): [string, MachineType] => {
      const name = `${family.prefix}-${cpus}`;
      return [name, { name, cpuMilli: cpus * 1000, memoryMiB: cpus * family.gibPerCpu * 1024 }];
    }),
  ),
);

export function machineType(name: string, input = "machine-type"): MachineType {
  const type = MACHINE_TYPES.get(name.trim());
  if (!type) {
    const families = FAMILIES.map((f) => `${f.prefix}-{${f.sizes.join(",")}}`).join(", ");
    throw new ConfigError(input, `is not a machine type chainops knows (${families})`, { value: name, example: "e2-standard-8" });
  }
  return type;
}
