import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

// Built into ui/dist and embedded in the binary by the Tauri shell (see ../tauri.conf.json).
export default defineConfig({
  plugins: [svelte()],
  resolve: {
    alias: {
      // Lets app.scss point NHS.UK frontend's image urls at the package so Vite bundles them.
      '@nhsuk-assets': fileURLToPath(
        new URL('./node_modules/nhsuk-frontend/dist/nhsuk/assets', import.meta.url),
      ),
    },
  },
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // WebKitGTK 2.4x on Debian 12 and Safari on macOS; WebView2 on Windows.
    target: ['safari16', 'chrome110'],
    // Inlined assets would become data: URLs; keep them as files so the CSP stays 'self'.
    assetsInlineLimit: 0,
  },
});
