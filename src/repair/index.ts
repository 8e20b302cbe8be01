/**
 * Segmentation repairs: plan (pure) from `--labels` scan results and the declared
 * labels, then apply (streaming, atomic, verified). See plan.ts for what is offered and
 * apply.ts for the write guarantees.
 */
export { planSegmentationRepairs, planFileRepair, planRemap, declaredLabels, repairableFormat, type DeclaredLabels, type SegmentationRepairPlan, type RepairKind, type ProblemKind } from './plan.js';
export { applySegmentationRepair, applySegmentationRepairs, cleanRepairLeftovers, type ApplyOptions, type ApplyManyOptions, type RepairResult, type RepairStatus } from './apply.js';
export { mapCounts, totalCounts, effectiveChanges, formatChange, formatValue, formatCount, asRead, type ValueChange, type CountDelta } from './model.js';
export { REPAIR_GZIP_LEVEL } from './gzip.js';
export type { HeaderChange } from './storage.js';
export type { RepairHooks } from './commit.js';
