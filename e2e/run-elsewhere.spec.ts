import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { expectDiagnosticsShown } from './diagnostics';
import { MICRO_RUN_QUERY, openApp, waitForDataReady } from './helpers';

// Debian's Python with python3-torch, as the reference tier uses (TORCH_PYTHON names another).
const PYTHON = process.env.TORCH_PYTHON || '/usr/bin/python3';
// The dataset the app serves (npm run prepare-data put it there), which the script reads as CIFAR-10's files.
const CIFAR = process.env.CIFAR10_DIR ?? join(process.cwd(), 'public', 'data', 'cifar-10-batches-bin');

// Two micro networks (8 layers, 4 filters, 64 images, 2 epochs of 4 steps, seed 1) as one experiment.
const MICRO_EXPERIMENT_QUERY = `${MICRO_RUN_QUERY.replace('epochs=3', 'epochs=2')}&exp=custom&runs=plain-8,resnet-8`;

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 300_000 });
  if (result.error || result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

test('Run elsewhere…: the downloaded folder trains the experiment with torchrun (2 processes, CPU), and its results import as runs trained elsewhere', async ({ page }) => {
  const folder = mkdtempSync(join(tmpdir(), 'run-elsewhere-'));
  try {
    await openApp(page, MICRO_EXPERIMENT_QUERY);
    await waitForDataReady(page);
    await expect(page.getByTestId('backend-badge')).toHaveText('WebGPU', { timeout: 60_000 });

    await page.getByRole('button', { name: 'Run elsewhere…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Run this experiment elsewhere with PyTorch' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('plain-8');
    // The paper's 64k iterations by default; the form's micro length here, to run in seconds on this CPU.
    await expect(dialog.getByRole('radio', { name: /The paper’s length: 64,000 iterations/ })).toBeChecked();
    await dialog.getByRole('radio', { name: /As set in the form/ }).check();
    await expect(dialog).toContainText('2 epochs (8 iterations at batch 16)');
    // Bad seeds are refused where the user types them; the download waits.
    const seeds = dialog.getByRole('textbox', { name: 'Seeds' });
    await seeds.fill('1, x');
    await expect(dialog.getByRole('button', { name: 'Download the folder (.zip)' })).toBeDisabled();
    await seeds.fill('1');
    await dialog.getByRole('checkbox', { name: /Start from this app’s initial weights \(seed 1\)/ }).check();
    await mkdirSync('e2e-artifacts', { recursive: true });
    await page.screenshot({ path: 'e2e-artifacts/run-elsewhere-dialog.png' });
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Download the folder (.zip)' }).click();
    const zipPath = join(folder, (await download).suggestedFilename());
    await (await download).saveAs(zipPath);
    // Then the dialog says what to run.
    await expect(dialog).toContainText('torchrun');
    await page.screenshot({ path: 'e2e-artifacts/run-elsewhere-commands.png' });
    await dialog.getByRole('button', { name: 'Close' }).click();

    // The folder, as a user unzips it: the script, its README, the experiment and the app's initial weights.
    run(PYTHON, ['-m', 'zipfile', '-e', zipPath, folder], folder);
    const [inner] = readdirSync(folder).filter((name) => !name.endsWith('.zip'));
    const root = join(folder, inner);
    for (const file of ['residual_playground.py', 'README.md', 'requirements.txt', 'slurm.sh', 'experiment.json']) expect(existsSync(join(root, file)), file).toBe(true);
    const experiment = JSON.parse(readFileSync(join(root, 'experiment.json'), 'utf8')) as { seeds: number[]; runs: { initialWeights: string | null }[] };
    expect(experiment.seeds).toEqual([1]);
    expect(experiment.runs.map((r) => r.initialWeights !== null && existsSync(join(root, r.initialWeights)))).toEqual([true, true]);

    // torchrun, 2 processes on the CPU (gloo). --redirects/--tee 2: torch 1.13's torchrun on Python 3.11 crashes on
    // its default of 0 (an IntFlag change); 2 (stderr) works with every version.
    const started = Date.now();
    const output = run(
      PYTHON,
      ['-m', 'torch.distributed.run', '--standalone', '--nproc_per_node=2', '--redirects=2', '--tee=2', 'residual_playground.py', '--data', CIFAR, '--no-download'],
      root,
    );
    console.log(`torchrun, 2 CPU processes: ${((Date.now() - started) / 1000).toFixed(1)} s for the micro pair\n${output}`);
    expect(output).toContain('Wrote');

    await page.getByTestId('import-json').setInputFiles(join(root, 'results.json'));
    await expect(page.locator('.notice').filter({ hasText: 'results.json' })).toContainText('Imported 2 runs');
    const rows = page.getByTestId('run-row');
    await expect(rows).toHaveCount(2);
    for (const index of [0, 1]) {
      await expect(rows.nth(index)).toHaveAttribute('data-state', 'finished');
      await expect(rows.nth(index).getByTestId('run-elsewhere-label')).toContainText(/PyTorch \S+ on 2x CPU .*via torchrun.*\(run elsewhere\)/);
    }
    const legend = page.getByTestId('legend-entry');
    await expect(legend).toHaveCount(2);
    await expect(legend.nth(0)).toContainText('plain-8 (width 4) · PyTorch');
    await expect(legend.nth(1)).toContainText('ResNet-8 (option A, width 4) · PyTorch');
    expect(Number(await page.getByTestId('error-chart').getAttribute('data-points'))).toBeGreaterThan(0);
    // The verdict weighs them, by their names.
    await expect(page.getByTestId('verdict-card')).toContainText('· PyTorch');
    await page.getByTestId('error-chart').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'e2e-artifacts/run-elsewhere-imported.png', fullPage: true });
    // The script measured what the app measures inside the networks: the diagnostics panels draw its runs.
    await expectDiagnosticsShown(page, ['plain-8 (width 4) · PyTorch', 'ResNet-8 (option A, width 4) · PyTorch'], 64, 'e2e-artifacts/run-elsewhere-diagnostics.png');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
