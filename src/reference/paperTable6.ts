// The paper's own CIFAR-10 numbers, for the chart's "Paper's Table 6" markers.
//
// Provenance: He, Zhang, Ren, Sun, "Deep Residual Learning for Image Recognition", arXiv:1512.03385 (2015),
// Table 6 ("Classification error on the CIFAR-10 test set"), the ResNet rows (option A shortcuts, basic
// two-3x3 blocks, 16/32/64 filters, §4.2 recipe: 64k iterations at batch 128, lr 0.1 divided by 10 at 32k
// and 48k). Numbers copied from the table (also in shared/PAPER.md). Plain nets have NO Table 6 entry: the
// paper shows them only as curves (Fig. 6 left); the chart shows the ResNet number of their depth, named so.
import type { ModelConfig } from '../config';

export interface Table6Result {
  /** Weighted layers, 6n+2. */
  depth: number;
  /** Test error (%) on the 10,000 CIFAR-10 test images after the whole schedule. */
  testError: number;
  /** Trainable parameters as Table 6 rounds them. */
  parameters: string;
  /** What the table says beside the number, if anything. */
  detail?: string;
}

/** Iterations after which Table 6's errors were measured (§4.2: training stops at 64k). */
export const TABLE6_ITERATIONS = 64_000;

export const TABLE6_RESNETS: readonly Table6Result[] = [
  { depth: 20, testError: 8.75, parameters: '0.27M' },
  { depth: 32, testError: 7.51, parameters: '0.46M' },
  { depth: 44, testError: 7.17, parameters: '0.66M' },
  { depth: 56, testError: 6.97, parameters: '0.85M' },
  // The table reports the best of 5 runs, with their mean ± std in brackets.
  { depth: 110, testError: 6.43, parameters: '1.7M', detail: 'best of 5 runs; mean 6.61 ± 0.16' },
  // Overfits (Fig. 6 right: training error below 0.1%), so it is worse than ResNet-110.
  { depth: 1202, testError: 7.93, parameters: '19.4M' },
];

export function table6Result(depth: number): Table6Result | undefined {
  return TABLE6_RESNETS.find((result) => result.depth === depth);
}

/** The marker's label, e.g. "paper ResNet-56: 6.97%": says on its face that it is the paper's number. */
export function table6Label(result: Table6Result): string {
  return `paper ResNet-${result.depth}: ${result.testError.toFixed(2)}%`;
}

/** The hover text: where the number comes from and what it is not. */
export function table6Title(result: Table6Result): string {
  const detail = result.detail ? ` (${result.detail})` : '';
  return (
    `He et al. 2015, Table 6: ResNet-${result.depth} (${result.parameters} parameters) test error ${result.testError.toFixed(2)}%${detail}, ` +
    `after ${TABLE6_ITERATIONS.toLocaleString('en-US')} iterations. The paper's final number, not a curve and not a result of this browser. ` +
    'Plain nets have no Table 6 entry.'
  );
}

/** Is this network at one of Table 6's depths and of the table's kind (basic two-3x3 blocks)? Bottleneck blocks
 *  on CIFAR are an extension, so they get no paper number even at a table depth. Plain nets count: the star
 *  says "paper ResNet-56", the number a plain-56 is to be compared with (Fig. 6). */
function atTable6Depth(model: Pick<ModelConfig, 'depth'> & Partial<Pick<ModelConfig, 'block'>>): boolean {
  return (model.block ?? 'basic') === 'basic' && table6Result(model.depth) !== undefined;
}

/** The Table 6 rows for the depths of these (visible) networks, plain or residual, in the table's order; none
 *  when no network is at a table depth (the micro net's 8, say): a number for a depth that is not on the chart
 *  would only crowd it. */
export function table6ForModels(models: readonly (Pick<ModelConfig, 'depth'> & Partial<Pick<ModelConfig, 'block'>>)[]): Table6Result[] {
  const depths = new Set(models.filter(atTable6Depth).map((model) => model.depth));
  return TABLE6_RESNETS.filter((result) => depths.has(result.depth));
}
