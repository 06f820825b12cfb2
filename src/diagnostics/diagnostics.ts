// What the playground measures INSIDE a network while it trains, to show why the curves look as they do:
//   - the L2 norm of each layer's loss gradient (§4.1: with BN the plain nets' gradients keep "healthy norms",
//     so the degradation is not vanishing gradients);
//   - the std of each conv layer's response after BN, before the ReLU and the addition (Fig. 7: residual nets
//     respond less than plain ones, deeper ResNets less still);
//   - at each evaluation, the 10x10 confusion matrix, and each evaluated image's top-3 predictions.
// Plain data only (no tensors): the worker sends it, the store keeps it, exports write it, imports read it.
import { CLASS_NAMES, NUM_CLASSES } from '../data/cifarFormat';

/** One row of the gradient heatmap: a convolution, a batch norm (gamma and beta together) or the FC layer. */
export interface GradientLayer {
  /** e.g. 'stem/conv', 'stage2/block0/bn1', 'stage3/block1/shortcut/conv', 'fc'. */
  name: string;
  kind: 'conv' | 'bn' | 'fc';
  /** 0 = the first layer (stem), 1..3 = the three stages of §4.2, 4 = the classifier (fc). */
  stage: number;
}

/** One point of Fig. 7: a conv + BN layer on the main path (the stem and the layers of each residual
 *  function, in forward order; option B's projection shortcuts are not layers of the stack and are left out). */
export interface ResponseLayer {
  /** The batch norm's name, e.g. 'stem/bn', 'stage1/block0/bn2'. */
  name: string;
  stage: number;
  /** 3 for the paper's 3x3 layers; 1 for a bottleneck's 1x1 layers (an extension). */
  kernelSize: number;
}

/** Which layers a run's diagnostics describe, in the order of their values. */
export interface DiagnosticsLayout {
  gradientLayers: GradientLayer[];
  responseLayers: ResponseLayer[];
}

/** Measured on one training step: the last step of a chart point's window (same iteration as that point). */
export interface TrainingSample {
  iteration: number;
  /** ||dL/dW|| per gradient layer (L2 over the layer's parameters; the loss is the batch's mean cross-entropy,
   *  without weight decay, like PyTorch's p.grad). Same order as layout.gradientLayers. */
  gradientNorms: number[];
  /** Std over the whole response (batch x height x width x channels, divided by N) of each response layer,
   *  in training mode (batch statistics). Same order as layout.responseLayers. */
  responseStds: number[];
}

/** Measured during a test evaluation, on all the images it evaluates. */
export interface EvaluationSample {
  iteration: number;
  /** 10 x 10 counts, row-major: confusion[trueClass * 10 + predictedClass]. Sums to the images evaluated. */
  confusion: number[];
}

/** Each evaluated image's three most likely classes, from one evaluation (the newest one of the run). */
export interface Predictions {
  iteration: number;
  /** The images are the first `count` images of this split (the test set, or the 5,000 held-out training
   *  images of §4.2's 45k/5k split): the image of prediction i is image i of it. */
  evaluatedOn: 'test' | 'validation';
  /** count x 3 class indices (0..9), most likely first. */
  top3Classes: Uint8Array;
  /** count x 3 softmax probabilities in whole percent (0..100), matching top3Classes. */
  top3Percent: Uint8Array;
  /** count true classes (0..9): kept with the predictions, so a confusion cell finds its images without the
   *  dataset (an imported run), and the images shown are checked against the dataset loaded now. */
  labels: Uint8Array;
}

export interface RunDiagnostics {
  layout: DiagnosticsLayout;
  /** Oldest first, one per chart point of the training curve. Never downsampled (exports hold every sample). */
  training: TrainingSample[];
  /** Oldest first, one per test evaluation. */
  evaluations: EvaluationSample[];
  predictions?: Predictions;
}

export const CLASS_COUNT = NUM_CLASSES;
export { CLASS_NAMES };

/** How one trainable tensor's gradient enters the layout: its layer's row. */
export interface DiagnosticsPlan {
  layout: DiagnosticsLayout;
  /** For parameter i (network creation order), the index of its row in layout.gradientLayers. */
  gradientLayerOfParameter: number[];
}

/** True for a batch norm on the main path (Fig. 7's layers), false for option B's projection shortcuts. */
export function isResponseLayer(batchNormName: string): boolean {
  return !batchNormName.includes('/shortcut/');
}

/** 'stage2/block0/bn1/gamma' -> 2; 'stem/...' -> 0; 'fc/...' -> 4. */
function stageOf(name: string): number {
  if (name.startsWith('stem/')) return 0;
  if (name.startsWith('fc/') || name === 'fc') return 4;
  const match = /^stage(\d+)\//.exec(name);
  return match ? Number(match[1]) : 0;
}

/**
 * The layout for a network's trainable tensors, given their names in creation order (Network.parameters):
 * a conv kernel is a row of its own; a BN's gamma and beta share the BN's row; the FC's kernel and bias share
 * 'fc'. Response layers are the main path's batch norms, in creation order (which is forward order).
 * `kernelSizeOf` gives a conv's kernel size by the conv's name.
 */
export function planDiagnostics(parameterNames: readonly string[], kernelSizeOf: (convName: string) => number): DiagnosticsPlan {
  const gradientLayers: GradientLayer[] = [];
  const rowByName = new Map<string, number>();
  const gradientLayerOfParameter = parameterNames.map((name) => {
    const kind: GradientLayer['kind'] = name.startsWith('fc/') ? 'fc' : /\/bn[^/]*\/(gamma|beta)$/.test(name) ? 'bn' : 'conv';
    const layerName = kind === 'conv' ? name : name.slice(0, name.lastIndexOf('/'));
    let row = rowByName.get(layerName);
    if (row === undefined) {
      row = gradientLayers.length;
      rowByName.set(layerName, row);
      gradientLayers.push({ name: layerName, kind, stage: stageOf(layerName) });
    }
    return row;
  });
  const responseLayers: ResponseLayer[] = gradientLayers
    .filter((layer) => layer.kind === 'bn' && isResponseLayer(layer.name))
    .map((layer) => ({
      name: layer.name,
      stage: layer.stage,
      // 'stage1/block0/bn2' is the BN of 'stage1/block0/conv2'.
      kernelSize: kernelSizeOf(layer.name.replace(/bn([^/]*)$/, 'conv$1')),
    }));
  return { layout: { gradientLayers, responseLayers }, gradientLayerOfParameter };
}

/** Per-row L2 norms from per-parameter sums of squares: sqrt of the sum over the row's parameters. */
export function layerNorms(sumsOfSquares: ArrayLike<number>, plan: DiagnosticsPlan): number[] {
  const totals = new Array<number>(plan.layout.gradientLayers.length).fill(0);
  plan.gradientLayerOfParameter.forEach((row, i) => {
    totals[row] += sumsOfSquares[i];
  });
  return totals.map(Math.sqrt);
}

/** % of each true class's images predicted right (null for a class with no images). */
export function perClassAccuracy(confusion: readonly number[]): (number | null)[] {
  return Array.from({ length: CLASS_COUNT }, (_, t) => {
    const row = confusion.slice(t * CLASS_COUNT, (t + 1) * CLASS_COUNT);
    const total = row.reduce((a, b) => a + b, 0);
    return total === 0 ? null : (100 * row[t]) / total;
  });
}

/** Indices of the evaluated images with true class `trueClass` that were predicted as `predictedClass`. */
export function imagesInCell(predictions: Predictions, trueClass: number, predictedClass: number): number[] {
  const found: number[] = [];
  const { labels, top3Classes } = predictions;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === trueClass && top3Classes[3 * i] === predictedClass) found.push(i);
  }
  return found;
}
