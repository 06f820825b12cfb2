#!/usr/bin/env node
// `npm test` needs three things beyond npm packages: a Chromium (the end-to-end tier), a Python with PyTorch (the
// reference tier) and a Vulkan loader (WebGPU in Node, the webgpu tier). On Debian or Ubuntu, where it may (as
// root, or with a sudo that asks no password), it installs what is missing with apt-get, saying what and why, so
// the README's test command is all a fresh machine needs. Elsewhere it names what is missing and the command that
// installs it, in one message, instead of failing half way through the tiers.
//   RP_NO_INSTALL=1 npm test   checks only, never installs.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** What this machine lacks: one line each (what and why), and the apt packages that provide it. */
function findMissing() {
  const missing = [];
  const apt = new Set();

  // 1. A Chromium for the end-to-end tier (Playwright drives it with SwiftShader's WebGPU).
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const playwrightCache = join(homedir(), '.cache', 'ms-playwright');
  const hasPlaywrightBrowser = existsSync(playwrightCache) && readdirSync(playwrightCache).some((d) => d.startsWith('chromium'));
  if (!existsSync(chromium) && !hasPlaywrightBrowser) {
    missing.push(`Chromium for the end-to-end tests (looked for ${chromium}; or set CHROMIUM_PATH)`);
    apt.add('chromium');
  }

  // 2. PyTorch for the reference tier.
  const python = process.env.TORCH_PYTHON ?? '/usr/bin/python3';
  const torch = spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' });
  if (torch.status !== 0) {
    missing.push(`PyTorch for the reference tests (${python} cannot import torch; or set TORCH_PYTHON to a Python that can)`);
    apt.add('python3-torch');
  }

  // 3. A Vulkan loader for WebGPU in Node (the webgpu tier): a system one with a driver, or chromium's SwiftShader.
  const icdDirs = ['/usr/share/vulkan/icd.d', '/etc/vulkan/icd.d'];
  const systemVulkan = icdDirs.some((d) => existsSync(d) && readdirSync(d).some((f) => f.endsWith('.json')));
  const chromiumVulkan = existsSync('/usr/lib/chromium/vk_swiftshader_icd.json');
  if (process.platform === 'linux' && !process.env.VK_ICD_FILENAMES && !systemVulkan && !chromiumVulkan) {
    missing.push("a Vulkan loader and driver for WebGPU in Node (Debian's chromium ships SwiftShader's; or libvulkan1 + mesa-vulkan-drivers)");
    apt.add('chromium');
  }
  return { missing, apt: [...apt] };
}

/** How to run a command as root here: directly, through a sudo that asks no password, or not at all (null). */
function rootRunner() {
  if (process.platform !== 'linux' || process.env.RP_NO_INSTALL === '1') return null;
  if (spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status !== 0) return null;
  if (process.getuid?.() === 0) return [];
  return spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0 ? ['sudo', '-n'] : null;
}

function run(prefix, command) {
  const [program, ...args] = [...prefix, ...command];
  console.error(`  $ ${[program, ...args].join(' ')}`);
  return spawnSync(program, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
}

function explainAndExit(missing, apt) {
  console.error(`npm test cannot run on this machine yet. Missing:\n${missing.map((m) => `  - ${m}`).join('\n')}`);
  console.error(
    `On Debian or Ubuntu, install them with:\n  sudo apt-get install -y ${apt.join(' ')}\n` +
      '(npm test does this by itself when it runs as root or sudo needs no password.)',
  );
  process.exit(1);
}

const first = findMissing();
if (first.missing.length > 0) {
  const asRoot = rootRunner();
  if (!asRoot) explainAndExit(first.missing, first.apt);
  console.error(`npm test: this machine lacks what some test tiers need:\n${first.missing.map((m) => `  - ${m}`).join('\n')}`);
  console.error(`Installing ${first.apt.join(' ')} with apt-get (Debian's packages; a few minutes, once):`);
  const installed = run(asRoot, ['apt-get', 'update', '-qq']) && run(asRoot, ['apt-get', 'install', '-y', '-qq', ...first.apt]);
  const after = findMissing();
  if (!installed || after.missing.length > 0) {
    console.error(installed ? 'apt-get finished, but something is still missing.' : 'apt-get failed (see above).');
    explainAndExit(after.missing.length > 0 ? after.missing : first.missing, after.apt.length > 0 ? after.apt : first.apt);
  }
  console.error('npm test: installed; the tests run now.');
}
