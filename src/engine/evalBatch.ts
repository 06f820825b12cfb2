// Shared by the worker (evaluate.ts runs the passes) and the UI (wallTime.ts counts the shaders each batch shape
// compiles), so it lives apart from evaluate.ts, which needs tfjs: tfjs must never load on the UI thread.

/** Test images per forward pass; 200 divides the 10,000 test images, so only a subset's last batch differs. */
export const EVAL_BATCH = 200;
