/**
 * The agents' console: a static single-page app (Vite + React). `npm run build:web` writes
 * web/dist; `npm start` serves it from the agent API's port, CloudFront serves it on AWS.
 * Everything it loads is in the bundle (no CDN at run time). JSX goes through Vite's own oxc
 * transform (React's automatic runtime); no dev-server plugin is needed for a production build.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
