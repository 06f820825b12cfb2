import { describe, expect, it } from 'vitest';
import { TEST_ELSEWHERE } from '../export/testRuns';
import { elsewhereDetails, elsewhereLabel } from './elsewhereLabel';

describe('where a run trained outside this browser, in the run list', () => {
  it('says the framework, the device and the wall time, marked as run elsewhere', () => {
    expect(elsewhereLabel(TEST_ELSEWHERE)).toBe('PyTorch 2.4.1 on 8x NVIDIA H200 via torchrun, 20 min 35 s (run elsewhere)');
    expect(elsewhereLabel({ ...TEST_ELSEWHERE, device: 'CPU (8 threads)', wallSeconds: 7_260 })).toBe('PyTorch 2.4.1 on CPU (8 threads), 2 h 1 min (run elsewhere)');
  });

  it('names a precision other than the browser\'s fp32', () => {
    expect(elsewhereLabel({ ...TEST_ELSEWHERE, precision: 'bf16', device: '1x NVIDIA A100-SXM4-80GB', wallSeconds: 42 })).toBe(
      'PyTorch 2.4.1 on 1x NVIDIA A100-SXM4-80GB, bf16, 42 s (run elsewhere)',
    );
  });

  it('gives every recorded field in the tooltip', () => {
    expect(elsewhereDetails(TEST_ELSEWHERE)).toBe(
      'Trained outside this browser by residual_playground.py: PyTorch 2.4.1 on 8x NVIDIA H200 via torchrun, 8 processes, fp32 arithmetic, 20 min 35 s of wall time (1,234.5 s).',
    );
    expect(elsewhereDetails({ ...TEST_ELSEWHERE, processes: 1 })).toMatch(/, 1 process, /);
  });
});
