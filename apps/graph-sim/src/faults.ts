// Injected faults. Each fault has an optional scope (tenant, path substring) and an optional count;
// it is consumed each time it shapes a response and disappears when its count runs out.

import type { Fault, FaultKind } from "./types.ts";

type FaultOf<K extends FaultKind> = Extract<Fault, { kind: K }>;

export interface FaultTarget {
  tenantId: string;
  /** Version-rooted path incl. query. */
  path: string;
  /** True for a $batch envelope: only faults that name it in pathContains apply. */
  envelope?: boolean;
}

export class FaultInjector {
  private active: Array<{ fault: Fault; remaining: number }> = [];

  add(fault: Fault): void {
    const checked = validateFault(fault);
    this.active.push({ fault: checked, remaining: checked.count ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.active = [];
  }

  /** The first matching fault of that kind, consumed once; undefined when none applies. */
  take<K extends FaultKind>(kind: K, target: FaultTarget, predicate: (fault: FaultOf<K>) => boolean = () => true): FaultOf<K> | undefined {
    const entry = this.active.find(({ fault }) => fault.kind === kind && matches(fault, target) && predicate(fault as FaultOf<K>));
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.active = this.active.filter((candidate) => candidate !== entry);
    return entry.fault as FaultOf<K>;
  }
}

function matches(fault: Fault, target: FaultTarget): boolean {
  if (fault.tenantId !== undefined && fault.tenantId !== target.tenantId) return false;
  if (fault.pathContains === undefined) return !target.envelope;
  return target.path.includes(fault.pathContains);
}

const KINDS: readonly FaultKind[] = [
  "throttleStorm",
  "serverError",
  "latency",
  "dropPage",
  "ignoreCount",
  "malformedBody",
  "mutateAfterWrite",
  "dropConnection",
  "deleteAfterWrite",
  "consentMissing",
];

/** Validates untrusted input (POST /_sim/faults) so a typo fails loudly instead of never firing. */
export function validateFault(input: unknown): Fault {
  if (typeof input !== "object" || input === null) throw new FaultValidationError("A fault must be a JSON object");
  const fault = input as Record<string, unknown>;
  const kind = fault.kind as FaultKind;
  if (!KINDS.includes(kind)) throw new FaultValidationError(`Unknown fault kind '${String(fault.kind)}'. Known: ${KINDS.join(", ")}`);
  const optionalString = (name: string) => {
    if (fault[name] !== undefined && typeof fault[name] !== "string") throw new FaultValidationError(`${name} must be a string`);
  };
  const number = (name: string, { required, min }: { required: boolean; min: number }) => {
    const value = fault[name];
    if (value === undefined && !required) return;
    if (typeof value !== "number" || !Number.isFinite(value) || value < min) {
      throw new FaultValidationError(`${kind}.${name} must be a number >= ${min}`);
    }
  };
  optionalString("tenantId");
  optionalString("pathContains");
  number("count", { required: kind === "throttleStorm", min: 1 });
  if (kind === "throttleStorm") number("retryAfterSeconds", { required: false, min: 0 });
  if (kind === "serverError") number("status", { required: false, min: 500 });
  if (kind === "latency") number("ms", { required: true, min: 0 });
  if (kind === "mutateAfterWrite") optionalString("property");
  if (kind === "consentMissing" && fault.stage !== undefined && fault.stage !== "token" && fault.stage !== "graph") {
    throw new FaultValidationError("consentMissing.stage must be 'token' or 'graph'");
  }
  if (kind === "dropPage") {
    number("page", { required: true, min: 1 });
    if (typeof fault.tenantId !== "string" || typeof fault.pathContains !== "string") {
      throw new FaultValidationError("dropPage needs tenantId and pathContains");
    }
  }
  return { ...fault } as unknown as Fault;
}

export class FaultValidationError extends Error {}
