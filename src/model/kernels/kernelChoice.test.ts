import { afterEach, describe, expect, it } from 'vitest';
import type { Implementation } from './implementation';
import { choiceKey, forceImplementations, implementationFor, listenToKernelUses, setChosenImplementations, type KernelUse } from './kernelChoice';

type Shape = { size: number };
const candidate = (name: string, handles: (s: Shape) => boolean): Implementation<Shape, object> => ({ name, description: name, handles, run: () => undefined });
const CANDIDATES = [candidate('register-tile', () => true), candidate('workgroup-tile', (s) => s.size % 4 === 0), candidate('split-reduction', () => true)];
const pick = (size: number) => implementationFor('convForward', `${size}`, { size }, CANDIDATES)?.name;

afterEach(() => {
  forceImplementations(null);
  setChosenImplementations({});
});

describe('which implementation runs', () => {
  it('the first that handles the shape, unless this GPU timed another for it', () => {
    expect(pick(8)).toBe('register-tile');
    setChosenImplementations({ [choiceKey('convForward', '8')]: 'workgroup-tile', [choiceKey('convForward', '6')]: 'workgroup-tile' });
    expect(pick(8)).toBe('workgroup-tile');
    expect(pick(6), 'a kept choice that does not handle the shape is passed over').toBe('register-tile');
    expect(pick(12), 'another shape keeps the default').toBe('register-tile');
  });

  it('?kernel= forces by name, per class or for every class, before a timed choice', () => {
    setChosenImplementations({ [choiceKey('convForward', '8')]: 'split-reduction' });
    expect(forceImplementations('workgroup-tile')).toEqual([]);
    expect(pick(8)).toBe('workgroup-tile');
    expect(pick(6), 'forced but not handled: the timed choice or the default').toBe('register-tile');
    expect(forceImplementations('convInputGradient:split-reduction')).toEqual([]);
    expect(pick(8), 'forced for another class only').toBe('split-reduction');
    expect(forceImplementations('workgroup-tile,split-reduction')).toEqual([]);
    expect(pick(8)).toBe('workgroup-tile');
    expect(pick(6), 'the next forced name that handles the shape').toBe('split-reduction');
  });

  it('names what it cannot read in ?kernel= and applies the rest', () => {
    expect(forceImplementations('convForward:workgroup-tile,nonsense:x,Bad Name,a:b:c')).toEqual([
      '“nonsense” is not a kernel class',
      '“Bad Name” is not an implementation name',
      '“a:b:c” is not an implementation name',
    ]);
    expect(pick(8)).toBe('workgroup-tile');
  });

  it('tells a listener of every request, for the autotune to collect', () => {
    const seen: KernelUse[] = [];
    listenToKernelUses((use) => seen.push(use));
    pick(8);
    pick(8);
    listenToKernelUses(null);
    pick(8);
    expect(seen.map((u) => u.shapeKey)).toEqual(['8', '8']);
  });
});
