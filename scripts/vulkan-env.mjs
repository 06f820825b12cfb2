#!/usr/bin/env node
// Runs a command with a Vulkan loader that Dawn (the `webgpu` npm package, WebGPU in Node) can open.
//   node scripts/vulkan-env.mjs <command> [args...]
// A machine with a GPU driver (or apt's libvulkan1 + mesa-vulkan-drivers) has a system loader and ICDs: the
// command runs unchanged. Otherwise Debian's chromium ships a loader and SwiftShader (Vulkan on the CPU): the
// command runs with LD_LIBRARY_PATH / VK_ICD_FILENAMES pointing there. glibc reads LD_LIBRARY_PATH at process
// start, hence a launcher rather than setting it inside the process.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const CHROMIUM_DIR = '/usr/lib/chromium';
const SYSTEM_LOADERS = ['/usr/lib/x86_64-linux-gnu/libvulkan.so.1', '/usr/lib/aarch64-linux-gnu/libvulkan.so.1', '/usr/lib64/libvulkan.so.1', '/usr/lib/libvulkan.so.1'];
const ICD_DIRS = ['/usr/share/vulkan/icd.d', '/etc/vulkan/icd.d', '/usr/local/share/vulkan/icd.d'];

const hasJson = (dir) => existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.json'));

function vulkanEnv() {
  if (process.platform !== 'linux' || process.env.VK_ICD_FILENAMES) return {};
  const systemLoader = SYSTEM_LOADERS.some(existsSync);
  if (systemLoader && ICD_DIRS.some(hasJson)) return {};
  const icd = `${CHROMIUM_DIR}/vk_swiftshader_icd.json`;
  if (existsSync(`${CHROMIUM_DIR}/libvulkan.so.1`) && existsSync(icd)) {
    const path = [CHROMIUM_DIR, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
    return { LD_LIBRARY_PATH: path, VK_ICD_FILENAMES: icd };
  }
  console.error(
    'WebGPU in Node (Dawn) needs a Vulkan loader and driver, and this machine has neither.\n' +
      "  Debian/Ubuntu without a GPU: sudo apt-get install chromium   (ships SwiftShader's loader; also the e2e browser)\n" +
      '  or:                          sudo apt-get install libvulkan1 mesa-vulkan-drivers\n' +
      "  With a GPU: install its vendor's Vulkan driver.",
  );
  process.exit(2);
}

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node scripts/vulkan-env.mjs <command> [args...]');
  process.exit(2);
}
const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...vulkanEnv() }, shell: false });
if (result.error) {
  console.error(result.error.message);
  process.exit(2);
}
process.exit(result.status ?? 1);
