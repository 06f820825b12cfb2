import { describe, expect, it } from 'vitest';
import { closestKey } from './urlKeySuggestion';

const SPELLINGS: [string, string][] = [
  ['depth', 'depth'],
  ['lr', 'lr'],
  ['wd', 'wd'],
  ['runs', 'runs'],
  ['train', 'train'],
  ['test', 'test'],
  ['trainSubset', 'train'],
  ['learningRate', 'lr'],
];

describe('closest known URL key', () => {
  it('suggests the key for a typo, a swap, another case or the config field name', () => {
    expect(closestKey('depht', SPELLINGS)).toBe('depth');
    expect(closestKey('DEPTH', SPELLINGS)).toBe('depth');
    expect(closestKey('LR', SPELLINGS)).toBe('lr');
    expect(closestKey('trainSubset', SPELLINGS)).toBe('train');
    expect(closestKey('training_subset', SPELLINGS)).toBeNull();
    expect(closestKey('train_subset', SPELLINGS)).toBe('train');
    expect(closestKey('learning_rate', SPELLINGS)).toBe('lr');
  });

  it('suggests nothing when no key is close enough to be the one meant', () => {
    for (const key of ['junk0', 'colour', 'id', 'x', '', 'tfjsflags', '__proto__', 'z'.repeat(10_000)]) {
      expect(closestKey(key, SPELLINGS), key).toBeNull();
    }
  });
});
