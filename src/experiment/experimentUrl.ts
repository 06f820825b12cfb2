// The experiment in the page URL next to the recipe (urlConfig.ts): `exp` names the mode, `runs` lists the
// networks, so a link reproduces the whole set-up. Junk is named and replaced, never fatal.
import { EXPERIMENT_PRESETS, presetMembers, sameMember, type ExperimentMember, type ExperimentMode } from './experimentPresets';
import { membersFromParam, membersToParam } from './memberTokens';
import { shownInput } from '../shownInput';

export const EXPERIMENT_URL_KEYS = ['exp', 'runs'] as const;

const MODES: readonly ExperimentMode[] = ['single', ...EXPERIMENT_PRESETS.map((p) => p.id), 'custom'];

export interface ExperimentSetup {
  mode: ExperimentMode;
  members: ExperimentMember[];
}

export function experimentToParams(setup: ExperimentSetup, params: URLSearchParams): void {
  if (setup.mode === 'single') return;
  params.set('exp', setup.mode);
  params.set('runs', membersToParam(setup.members));
}

export function experimentFromQuery(search: string): ExperimentSetup & { problems: string[] } {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const rawMode = params.get('exp');
  let mode: ExperimentMode = 'single';
  if (rawMode !== null) {
    if ((MODES as readonly string[]).includes(rawMode)) mode = rawMode as ExperimentMode;
    // Quoted short: a link can carry kilobytes in one value.
    else problems.push(`URL parameter exp=“${shownInput(rawMode)}” must be one of ${MODES.join(', ')}; showing one network.`);
  }
  const rawRuns = params.get('runs');
  if (rawRuns === null) return { mode, members: presetMembers(mode), problems };
  const parsed = membersFromParam(rawRuns);
  problems.push(...parsed.problems);
  if (mode === 'single') mode = 'custom';
  const preset = presetMembers(mode);
  const matchesPreset = preset.length === parsed.members.length && preset.every((m, i) => sameMember(m, parsed.members[i]));
  return { mode: mode === 'custom' || matchesPreset ? mode : 'custom', members: parsed.members, problems };
}
