import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import purgeCss from '@fullhuman/postcss-purgecss';
import react from '@vitejs/plugin-react';
import type { AcceptedPlugin } from 'postcss';
import { defineConfig, type Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const EARLY = join(here, 'src/api/early.ts');

/**
 * The web app is built into web/dist, which the server serves at `/`. In development the API is
 * proxied to a server started separately (`npm start`, port 8080 unless API_URL says otherwise).
 */
export default defineConfig({
  root: here,
  base: '/',
  plugins: [react(), precompress(), earlyEntry(), preloadFonts()],
  css: { postcss: { plugins: process.env.ALBERO_FULL_CSS === '1' ? [] : [onlyUsedBootstrap()] } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // ECharts alone is ~600 kB minified; it is loaded only with the charts panel.
    chunkSizeWarningLimit: 1200,
    rollupOptions: { input: { index: join(here, 'index.html'), early: EARLY } },
  },
  server: {
    proxy: { '/api': process.env.API_URL ?? 'http://127.0.0.1:8080' },
  },
});

/**
 * src/api/early.ts is built as its own small entry and named in index.html before the app, `async`
 * so it runs as soon as it arrives (not after the stylesheet and the parse): the first screen's
 * reads (session, plan, tree) start while the app's script still arrives (issue 15 §4). The app imports the same chunk, so both share its reads. In
 * development main.tsx's imports run it, later but the same way.
 */
function earlyEntry(): Plugin {
  return {
    name: 'albero-early-entry',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunk = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.isEntry && c.facadeModuleId === EARLY);
        if (chunk === undefined) throw new Error('src/api/early.ts was not built as an entry');
        return [{ tag: 'script', attrs: { type: 'module', async: true, crossorigin: true, src: `/${chunk.fileName}` }, injectTo: 'head-prepend' }];
      },
    },
  };
}

/**
 * Names the stylesheet's fonts in index.html as preloads. Otherwise the browser asks for them only
 * once the first screen is styled, and the screen is laid out twice: in a fallback font, then again
 * when they arrive (`font-display: swap`). The build's fonts are the ones the trimmed stylesheet
 * uses (Titillium Web, three weights), all of them on the first screen (issue 15 §4).
 */
function preloadFonts(): Plugin {
  return {
    name: 'albero-preload-fonts',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const fonts = Object.keys(ctx.bundle ?? {}).filter((name) => name.endsWith('.woff2'));
        return fonts.map((name) => ({ tag: 'link', attrs: { rel: 'preload', as: 'font', type: 'font/woff2', crossorigin: true, href: `/${name}` }, injectTo: 'head' as const }));
      },
    },
  };
}

/**
 * Writes a brotli (quality 11) and a gzip (level 9) copy beside every text asset of the build, so
 * the server sends the smallest without compressing on each request (`serveStatic` with
 * `precompressed`). Fonts and images are already compressed and are left alone. index.html too:
 * the server fills it with the reader's language on each request and compresses what it filled
 * (src/server/web-page.ts), so a copy made here would never be sent.
 */
function precompress(): Plugin {
  const br = promisify(brotliCompress);
  const gz = promisify(gzip);
  return {
    name: 'albero-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? join(here, 'dist');
      const texts = Object.keys(bundle).filter((name) => name !== 'index.html' && /\.(js|css|html|svg|json|map)$/.test(name));
      await Promise.all(
        texts.map(async (name) => {
          const bytes = await readFile(join(dir, name));
          if (bytes.length < 1024) return;
          await writeFile(join(dir, `${name}.br`), await br(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
          await writeFile(join(dir, `${name}.gz`), await gz(bytes, { level: 9 }));
        }),
      );
    },
  };
}

/**
 * Keeps only the Bootstrap Italia rules whose classes, tags or attributes appear in the app's
 * sources (572 kB of CSS of which the app uses a small part; issue 15 §4). Only the library's
 * stylesheet is trimmed: the app's own styles.css builds class names at run time (`band-${key}`),
 * which a scan of the sources cannot see. `e2e/css-trim.test.ts` checks, screen by screen, that
 * every element's computed style is the same as with the whole library. ALBERO_FULL_CSS=1 builds
 * without trimming, to compare.
 */
function onlyUsedBootstrap(): AcceptedPlugin {
  const purge = purgeCss({
    content: [join(here, 'index.html'), join(here, 'src/**/*.{ts,tsx}')],
    // The keyboard focus ring is drawn on `:focus:not([data-focus-mouse=true])`, an attribute the
    // app never writes, so a scan of the sources would drop the ring.
    dynamicAttributes: ['data-focus-mouse'],
    // design-react-kit's <Button color="success" outline> makes its class (`btn-outline-success`) at
    // run time: a colour named only in a prop (the OIV's "Valida") would lose its button.
    safelist: { standard: [/^was-validated$/, /^btn-(outline-)?(primary|secondary|success|danger|warning|info|light|dark)$/], greedy: [/focus/] },
  }) as { OnceExit: (root: unknown, helpers: unknown) => Promise<void> };
  return {
    postcssPlugin: 'albero-only-used-bootstrap',
    OnceExit(root, helpers) {
      const file = root.source?.input.file ?? '';
      return file.includes('bootstrap-italia') ? purge.OnceExit(root, helpers) : undefined;
    },
  };
}
