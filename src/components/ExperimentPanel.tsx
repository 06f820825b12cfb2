import { useState } from 'react';
import { PAPER_DEPTHS, modelName, type TrainConfig } from '../config';
import { EXPERIMENT_PRESETS, experimentPresetById, type ExperimentMember, type ExperimentMode } from '../experiment/experimentPresets';
import { memberConfig, type ExperimentPlan } from '../experiment/planExperiment';
import { memberStatus } from './experimentMemberStatus';
import { changeMode } from './experimentModeChange';
import { Field } from './Field';

export interface ExperimentChoice {
  mode: ExperimentMode;
  /** The networks of the experiment, in queue order (unused in 'single' mode: the form's network is the run). */
  members: ExperimentMember[];
  /** Train again networks whose identical run already finished here (otherwise they are reused). */
  retrainFinished: boolean;
}

interface ExperimentPanelProps {
  choice: ExperimentChoice;
  onChange: (choice: ExperimentChoice) => void;
  recipe: TrainConfig;
  /** What pressing the button would do now, to show next to each network. */
  plan: ExperimentPlan | null;
}

type NewMemberKind = 'plain' | 'resnetA' | 'resnetB';

function memberOf(depth: number, kind: NewMemberKind): ExperimentMember {
  return { depth, blockType: kind === 'plain' ? 'plain' : 'residual', shortcut: kind === 'resnetB' ? 'B' : 'A', block: 'basic' };
}

/** What to train: one network (the form below) or an experiment, an ordered list of networks sharing the recipe. */
export function ExperimentPanel({ choice, onChange, recipe, plan }: ExperimentPanelProps) {
  const [newDepth, setNewDepth] = useState(32);
  const [newKind, setNewKind] = useState<NewMemberKind>('resnetA');
  const [keptList, setKeptList] = useState<ExperimentMember[] | null>(null);
  const preset = experimentPresetById(choice.mode);
  const setMembers = (members: ExperimentMember[]) => onChange({ ...choice, mode: 'custom', members });

  return (
    <fieldset className="experiment-panel" aria-label="Experiment">
      <legend>What to train</legend>
      <Field label="Experiment" htmlFor="experiment" hint={choice.mode === 'single' ? 'The network set in the form below.' : preset?.description ?? 'Your own list of networks, trained one after another with the recipe below.'}>
        <select
          id="experiment"
          value={choice.mode}
          onChange={(event) => {
            const change = changeMode(choice, keptList, event.target.value as ExperimentMode);
            setKeptList(change.keptList);
            onChange(change.choice);
          }}
        >
          <option value="single">One network</option>
          {EXPERIMENT_PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
          <option value="custom">My list</option>
        </select>
      </Field>

      {choice.mode !== 'single' ? (
        <>
          <ol className="member-list" data-testid="experiment-members">
            {choice.members.map((member, index) => {
              const config = memberConfig(recipe, member);
              const name = modelName(config.model);
              return (
                <li key={`${name}-${index}`}>
                  <span className="member-name">{name}</span>
                  {config.warmup && !recipe.warmup ? <span className="member-note" title="§4.2: lr 0.01 until training error < 80%, then 0.1"> warm-up</span> : null}
                  <span className="member-note">{memberStatus(plan, config)}</span>
                  <button type="button" aria-label={`Remove ${name} from the experiment`} onClick={() => setMembers(choice.members.filter((_, i) => i !== index))}>
                    ×
                  </button>
                </li>
              );
            })}
            {choice.members.length === 0 ? <li className="member-note">No networks yet: add some below.</li> : null}
          </ol>
          <div className="member-add">
            <select aria-label="Depth of the network to add" value={newDepth} onChange={(e) => setNewDepth(Number(e.target.value))}>
              {PAPER_DEPTHS.map((depth) => (
                <option key={depth} value={depth}>
                  {depth} layers
                </option>
              ))}
            </select>
            <select aria-label="Kind of the network to add" value={newKind} onChange={(e) => setNewKind(e.target.value as NewMemberKind)}>
              <option value="plain">plain</option>
              <option value="resnetA">ResNet (A)</option>
              <option value="resnetB">ResNet (B)</option>
            </select>
            <button type="button" onClick={() => setMembers([...choice.members, memberOf(newDepth, newKind)])}>
              Add
            </button>
          </div>
          <p className="field-hint">All runs share the recipe below (schedule, seed, width, batch, lr), so their curves compare like the paper’s.</p>
        </>
      ) : null}
      <label className="checkbox">
        <input type="checkbox" checked={choice.retrainFinished} onChange={(e) => onChange({ ...choice, retrainFinished: e.target.checked })} />
        Train again networks already finished here with identical settings
      </label>
    </fieldset>
  );
}
