import { describe, expect, it } from 'vitest';
import { EXPERIMENT_PRESETS } from './experimentPresets';
import { MAX_MEMBERS, memberFromToken, membersFromParam, membersToParam } from './memberTokens';

describe('experiment members in the URL', () => {
  it('refuses a 6n+2 depth beyond the deepest network the app builds when the link is read', () => {
    expect(memberFromToken('resnet-6002')).toMatch(/resnet-6002.*1202/);
    expect(memberFromToken('plain-1202')).toMatchObject({ depth: 1202, blockType: 'plain' });
  });

  it('round-trips every preset', () => {
    EXPERIMENT_PRESETS.forEach((preset) => {
      const param = membersToParam(preset.members);
      expect(membersFromParam(param)).toEqual({ members: preset.members, problems: [] });
    });
    expect(membersToParam(EXPERIMENT_PRESETS[1].members)).toBe('plain-20,plain-56,resnet-20,resnet-56');
  });

  it('reads option B and bottleneck tokens', () => {
    expect(memberFromToken('resnet-56-B')).toEqual({ depth: 56, blockType: 'residual', shortcut: 'B', block: 'basic' });
    expect(memberFromToken('resnet-29-bottleneck')).toEqual({ depth: 29, blockType: 'residual', shortcut: 'A', block: 'bottleneck' });
  });

  it('names each junk token and keeps the good ones', () => {
    const { members, problems } = membersFromParam('plain-20,resnet-21,<script>,plain-56-B,,resnet-56');
    expect(members.map((m) => `${m.blockType}-${m.depth}`)).toEqual(['plain-20', 'residual-56']);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/resnet-21.*6n\+2/);
    expect(problems[1]).toMatch(/<script>/);
    expect(problems[2]).toMatch(/no option B/);
  });

  it('caps how many runs a link can queue', () => {
    const { members, problems } = membersFromParam(Array.from({ length: MAX_MEMBERS + 3 }, () => 'plain-20').join(','));
    expect(members).toHaveLength(MAX_MEMBERS);
    expect(problems).toHaveLength(3);
  });
});

describe('experiment set-up in the URL', async () => {
  const { experimentFromQuery, experimentToParams } = await import('./experimentUrl');

  it('round-trips a preset and a custom list', () => {
    for (const setup of [
      { mode: 'figure6' as const, members: EXPERIMENT_PRESETS[1].members.slice() },
      { mode: 'custom' as const, members: [EXPERIMENT_PRESETS[1].members[3], EXPERIMENT_PRESETS[2].members[1]] },
    ]) {
      const params = new URLSearchParams();
      experimentToParams(setup, params);
      expect(experimentFromQuery(params.toString())).toEqual({ ...setup, problems: [] });
    }
  });

  it('shows one network when the URL says nothing, and names a junk mode', () => {
    expect(experimentFromQuery('depth=20')).toEqual({ mode: 'single', members: [], problems: [] });
    const junk = experimentFromQuery('exp=fig7');
    expect(junk.mode).toBe('single');
    expect(junk.problems[0]).toMatch(/exp=“fig7”/);
  });

  it('calls an edited preset list custom', () => {
    expect(experimentFromQuery('exp=figure6&runs=plain-20,resnet-110').mode).toBe('custom');
  });

  // Found by the fuzz test (src/fuzz/urlFuzz.test.ts): a long junk token or mode was pasted whole into the notice.
  it('quotes a kilobytes-long mode or network name short', () => {
    const long = 'resnet-'.repeat(1_000);
    const { problems } = experimentFromQuery(`exp=${long}&runs=${long},plain-20`);
    expect(problems).toHaveLength(2);
    problems.forEach((problem) => expect(problem.length).toBeLessThan(300));
    expect(problems[0]).toMatch(/^URL parameter exp=“(resnet-){5}resne…” must be one of/);
    expect(problems[1]).toMatch(/^URL parameter runs: “(resnet-){5}resne…” is not a network name/);
  });
});
