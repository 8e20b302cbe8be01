/**
 * Segmentation repairs: plan (pure) from `--labels` scan results and the declared
 * labels, then apply (streaming, atomic, verified). See plan.ts for what is offered and
 * apply.ts for the write guarantees.
 */
export { planSegmentationRepairs, planFileRepair, planRemap, declaredLabels, type DeclaredLabels, type SegmentationRepairPlan } from './plan.js';
export { applySegmentationRepair, applySegmentationRepairs } from './apply.js';
