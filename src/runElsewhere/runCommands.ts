// The commands that run an exported folder, shown in the dialog after the download and at the top of the
// folder's README.md: one list, so the two never disagree.

export interface RunCommand {
  /** Where the command is the right one, as a lead-in. */
  where: string;
  command: string;
}

export const SCRIPT_FILE = 'residual_playground.py';

/** The script's own output, which the app's Import JSON… reads. */
export const RESULTS_FILE = 'results.json';

export const RUN_COMMANDS: readonly RunCommand[] = [
  { where: 'On the CPU or one GPU:', command: `python ${SCRIPT_FILE}` },
  // torchrun is PyTorch's own launcher: one process per GPU, data-parallel, no extra package.
  { where: 'On one machine with 8 GPUs:', command: `torchrun --standalone --nproc_per_node=8 ${SCRIPT_FILE}` },
];

/** The last step, back in the app. */
export const IMPORT_STEP = `Then import ${RESULTS_FILE} with Import JSON… (under the chart) to see the runs beside yours.`;
