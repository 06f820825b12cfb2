#!/usr/bin/env node
// `npm test` needs three things beyond npm packages. Checks them all first and names, in one message, what
// this machine lacks and the command that installs it, instead of failing half way through the tiers.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

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
  missing.push('a Vulkan loader and driver for WebGPU in Node (Debian\'s chromium ships SwiftShader\'s; or libvulkan1 + mesa-vulkan-drivers)');
  apt.add('chromium');
}

if (missing.length > 0) {
  console.error(`npm test cannot run on this machine yet. Missing:\n${missing.map((m) => `  - ${m}`).join('\n')}`);
  console.error(`On Debian or Ubuntu, install them with:\n  sudo apt-get install -y ${[...apt].join(' ')}\n(bash .ci/run does this by itself on a bare machine.)`);
  process.exit(1);
}
