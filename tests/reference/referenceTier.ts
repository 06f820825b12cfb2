// Reference tier (DESIGN.md, testing tier 2): the same micro networks, weights and batch in tfjs and in
// PyTorch (Debian's python3-torch). Logits, loss, every gradient, the BN running statistics, eval-mode
// logits and two momentum-SGD steps must agree, and so must the diagnostics of step 1 (each layer's gradient
// norm and Fig. 7's response std, measured by the app's DiagnosticsProbe): this is the check that our tfjs model IS the paper's
// network (§4.2) trained with the reference recipe. The cases run on the tfjs CPU backend here (npx vitest run
// --project reference) and on the WebGPU backend with the fused kernels in pytorch.webgpu.test.ts.
import { describe, expect, it } from 'vitest';
import type { ModelConfig } from '../../src/config';
import { relativeDifference, worstOf, worstUpdate } from './compare';
import { runTfjsCase } from './tfjsCase';
import { requireTorch, runTorchReference, SYSTEM_PYTHON } from './torchReference';
import { residualConfig } from '../../src/model/testing/configs';

/** max |tfjs - torch| / max |torch| per tensor. Both sides compute in float32 with different summation
 *  orders, which gives ~1e-6; 1e-4 leaves room for that and still catches real differences (measured by
 *  breaking the code on purpose: 'same' padding or prepended option-A channels give 1e-2 to 1, a biased
 *  running variance 3.6e-4). One exception: the SGD updates p_after - p_before also carry the float32
 *  rounding of p itself, so each tensor's bound is widened by 2 ulp(max |p|) / max |update| (worstUpdate). */
const BOUND = 1e-4;
const SEED = 2015;
const BATCH = 8;

const PARAMETER_GROUPS: [string, (name: string) => boolean][] = [
  ['grad conv kernels', (n) => /\/conv\d*$/.test(n) && !n.includes('/shortcut/')],
  ['grad projection conv (B)', (n) => n.endsWith('/shortcut/conv')],
  ['grad BN gamma', (n) => n.endsWith('/gamma')],
  ['grad BN beta', (n) => n.endsWith('/beta')],
  ['grad fc kernel', (n) => n === 'fc/kernel'],
  ['grad fc bias', (n) => n === 'fc/bias'],
];

const micro = (extra: Partial<ModelConfig> = {}): ModelConfig => residualConfig(8, 4, extra);

/** [label, network, random BN gamma/beta (so Fig. 7's stds are not all ~1, as at initialisation)]. */
const CASES: [string, ModelConfig, boolean?][] = [
  ['plain-8, option A', micro({ blockType: 'plain' })],
  ['plain-8, option B (no shortcuts, so no projections)', micro({ blockType: 'plain', shortcut: 'B' })],
  ['ResNet-8, option A', micro({})],
  ['ResNet-8, option B', micro({ shortcut: 'B' })],
  ['ResNet-8, option B, random BN gamma and beta', micro({ shortcut: 'B' }), true],
  ['plain-8, random BN gamma and beta', micro({ blockType: 'plain' }), true],
  ['ResNet-14, option A', micro({ depth: 14 })],
  ['bottleneck ResNet-11, option A (extension)', micro({ depth: 11, block: 'bottleneck' })],
  ['bottleneck ResNet-11, option B (extension)', micro({ depth: 11, block: 'bottleneck', shortcut: 'B' })],
];

interface Row {
  quantity: string;
  /** The largest relative difference over the tensors of this quantity. */
  difference: number;
  ok: boolean;
  worst?: string;
  note?: string;
}

/** The bound of the case being checked: BOUND, or a documented looser one (describeReferenceTier). */
let caseBound = BOUND;

function value(quantity: string, difference: number): Row {
  return { quantity, difference, ok: difference <= caseBound };
}

/** A group of tensors; `count` of them, the worst named. */
function row(quantity: string, worst: { difference: number; name: string; count: number }): Row {
  return { ...value(`${quantity} (${worst.count})`, worst.difference), worst: worst.name };
}

/** SGD updates: each tensor has its own bound, the case's bound plus float32 rounding of p (see worstUpdate). */
function updateRow(quantity: string, worst: ReturnType<typeof worstUpdate>): Row {
  const note = `per-tensor bounds ${caseBound.toExponential(0)}..${worst.loosestBound.toExponential(1)} incl. float32 rounding of p`;
  return { ...row(quantity, worst), ok: worst.withinBounds, note };
}

const endsWith = (suffix: string) => (name: string) => name.endsWith(suffix);

/** A case that this backend cannot bring within BOUND, and why (printed with the case). */
export interface KnownDifference {
  bound: number;
  why: string;
}

/** Declares the tier's tests for the active tfjs backend (`engine` names it in the output). */
export function describeReferenceTier(engine: string, known: Record<string, KnownDifference> = {}): void {
  describe(`tfjs (${engine}) vs PyTorch, width 4, batch ${BATCH}, seed ${SEED}`, () => {
    it(`${SYSTEM_PYTHON} can import torch`, () => {
      expect(requireTorch()).toMatch(/^\d+\.\d+/);
    });

    it.each(CASES)('%s', async (label, config, randomBatchNorm = false) => {
      const torchVersion = requireTorch(); // each case FAILS with the install hint when torch is missing
      caseBound = known[label]?.bound ?? BOUND;
      const input = await runTfjsCase(config, SEED, BATCH, undefined, randomBatchNorm);
      const torchRun = runTorchReference(input, label.replace(/[^a-zA-Z0-9]+/g, '-'));
      const ours = input.tfjs;
      const ref = torchRun.results;

      // The same layers on both sides (worstOf only checks that PyTorch's names exist in tfjs).
      expect(Object.keys(ours.gradientNorms).sort(), 'gradient rows').toEqual(Object.keys(ref.gradientNorms).sort());
      expect(Object.keys(ours.responseStds).sort(), 'Fig. 7 layers').toEqual(Object.keys(ref.responseStds).sort());
      const initial = Object.fromEntries(input.parameters.map((p) => [p.name, p.value]));
      const rows: Row[] = [
        value('logits (train mode)', relativeDifference(ours.trainLogits.data, ref.trainLogits.data)),
        value('loss', relativeDifference([ours.loss], [ref.loss])),
        ...PARAMETER_GROUPS.filter(([, select]) => Object.keys(ref.gradients).some(select)).map(([group, select]) =>
          row(group, worstOf(ours.gradients, ref.gradients, select)),
        ),
        row('gradient norm per layer', worstOf(ours.gradientNorms, ref.gradientNorms)),
        row('response std per layer (Fig. 7)', worstOf(ours.responseStds, ref.responseStds)),
        row('running mean after step 1', worstOf(ours.statisticsAfterStep1, ref.statisticsAfterStep1, endsWith('runningMean'))),
        row('running var after step 1', worstOf(ours.statisticsAfterStep1, ref.statisticsAfterStep1, endsWith('runningVariance'))),
        value('logits (eval mode)', relativeDifference(ours.evalLogits.data, ref.evalLogits.data)),
        updateRow(
          'SGD update, step 1',
          worstUpdate(
            { before: initial, after: ours.parametersAfterStep1 },
            { before: initial, after: ref.parametersAfterStep1 },
            caseBound,
          ),
        ),
        value('loss, step 2', relativeDifference([ours.loss2], [ref.loss2])),
        row('all gradients, step 2', worstOf(ours.gradientsStep2, ref.gradientsStep2)),
        updateRow(
          'SGD update, step 2 (momentum)',
          worstUpdate(
            { before: ours.parametersAfterStep1, after: ours.parametersAfterStep2 },
            { before: ref.parametersAfterStep1, after: ref.parametersAfterStep2 },
            caseBound,
          ),
        ),
        row('parameters after step 2', worstOf(ours.parametersAfterStep2, ref.parametersAfterStep2)),
        row('running stats after step 2', worstOf(ours.statisticsAfterStep2, ref.statisticsAfterStep2)),
      ];

      console.log(
        [
          `${label}: max relative difference tfjs vs PyTorch ${torchVersion} (bound ${caseBound}` +
            `${known[label] ? `: ${known[label].why}` : ''}); ` +
            `loss ${ours.loss.toFixed(6)} (tfjs) / ${ref.loss.toFixed(6)} (torch)`,
          ...rows.map(
            (r) =>
              `  ${r.ok ? ' ' : 'X'} ${r.quantity.padEnd(36)} ${r.difference.toExponential(2)}` +
              `${r.worst ? `  worst: ${r.worst}` : ''}${r.note ? `  [${r.note}]` : ''}`,
          ),
        ].join('\n'),
      );
      const failures = rows.filter((r) => !r.ok);
      expect(failures, `files kept in ${torchRun.directory}`).toEqual([]);
      torchRun.cleanup();
    });
  });
}
