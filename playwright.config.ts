import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// Debian's Chromium (apt package `chromium`); Playwright's own browser download does not work on machines
// without general internet, so it is only the fallback when /usr/bin/chromium is absent.
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined);

const QUIET = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** Gives headless Chromium a WebGPU adapter without a GPU: SwiftShader (Vulkan on the CPU). DESIGN.md. */
export const WEBGPU_FLAGS = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-webgpu-adapter=swiftshader',
  '--use-angle=swiftshader',
];

const PORT = Number(process.env.E2E_PORT ?? 4173);
/** The built app to serve (`dist` from `npm run build`); another folder lets two builds be tested side by side. */
const DIST = process.env.E2E_DIST ?? 'dist';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  // SwiftShader runs WebGPU on the CPU: a micro-network step takes seconds.
  timeout: 8 * 60_000,
  expect: { timeout: 60_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    browserName: 'chromium',
    viewport: { width: 1360, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'webgpu',
      testIgnore: /fallback\.spec\.ts/,
      use: { launchOptions: { executablePath, args: [...QUIET, ...WEBGPU_FLAGS] } },
    },
    {
      // Without the WebGPU flags Chromium has no adapter: the app must fall back, and say so.
      name: 'no-webgpu',
      testMatch: /fallback\.spec\.ts/,
      use: { launchOptions: { executablePath, args: [...QUIET, '--use-angle=swiftshader'] } },
    },
  ],
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort --host 127.0.0.1 --outDir ${DIST}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
