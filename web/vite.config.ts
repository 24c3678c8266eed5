import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = path.dirname(fileURLToPath(import.meta.url));

// Two pages: the explorer (index.html) and the GraphQL IDE (ide.html). Everything they load is
// bundled here; the server serves dist/ and nothing is fetched from elsewhere.
export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.join(webRoot, 'dist'),
    emptyOutDir: true,
    // The IDE's editor is large by nature; it is a separate page that analysts never load.
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: { index: path.join(webRoot, 'index.html'), ide: path.join(webRoot, 'ide.html') },
    },
  },
  server: { proxy: { '/graphql': 'http://localhost:4000' } },
});
