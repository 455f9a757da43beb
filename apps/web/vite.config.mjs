// The web app's build: `npm run build:web` writes dist/web, which the API serves on its own origin.
// `npm run dev:web` serves the app with hot reload and passes API calls on to the API on port 3000.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const apiPaths = [
  '/me',
  '/web-config',
  '/dev',
  '/families',
  '/stafettlogger',
  '/meetings',
  '/municipalities',
  '/concerns',
  '/arenas',
  '/discussions',
  '/programme',
  '/metrics',
  '/health',
  '/docs',
];

export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    rolldownOptions: {
      output: {
        // The libraries change less often than the app: their own chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'router', test: /node_modules[\\/]react-router[\\/]/ },
            {
              name: 'designsystemet',
              test: /node_modules[\\/](@digdir|@floating-ui|@u-elements|@tanstack[\\/]virtual|@tanstack[\\/]react-virtual|tabbable|@navikt|@radix-ui|clsx)/,
            },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
      // Designsystemet's icon modules start with "use client" (for React Server Components), which
      // means nothing in a browser bundle; every icon file would print the same warning.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(apiPaths.map((path) => [path, 'http://127.0.0.1:3000'])),
  },
});
