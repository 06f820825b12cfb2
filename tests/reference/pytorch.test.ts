// Reference tier on the tfjs CPU backend (the cases and bounds: referenceTier.ts).
import * as tf from '@tensorflow/tfjs';
import { beforeAll } from 'vitest';
import { describeReferenceTier } from './referenceTier';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describeReferenceTier('CPU backend');
