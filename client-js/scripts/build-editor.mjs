// `npm run build:editor [OUT_DIR]`: bundles the editor page (editor/) with yjs and y-websocket into the folder the
// server serves `/` from, its classpath resources dev/weft/server/web/. The folder is build output (gitignored):
// `./weft serve` and `./weft test` run this before Maven whenever editor/, src/ or the lockfile changed.
import { build } from 'esbuild'
import { copyFile, mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const packageRoot = fileURLToPath(new URL('..', import.meta.url))
const editor = join(packageRoot, 'editor')
const outDir = process.argv[2] ?? join(packageRoot, '../server/src/main/resources/dev/weft/server/web')

// Whatever an older build left (a renamed file) must not be served.
await rm(outDir, { recursive: true, force: true })
await mkdir(outDir, { recursive: true })
await build({
  // The editor at `/`, the reader page where share links open (read.html#<link token>), and the canvas page.
  entryPoints: { editor: join(editor, 'main.js'), reader: join(editor, 'reader.js'), canvas: join(editor, 'canvas.js') },
  outdir: outDir,
  bundle: true,
  format: 'esm',
  // What current browsers run; the page has no other build step.
  target: 'es2022',
  minify: true,
  sourcemap: 'linked',
  logLevel: 'warning'
})
await Promise.all(['index.html', 'read.html', 'canvas.html', 'editor.css', 'canvas.css']
  .map(file => copyFile(join(editor, file), join(outDir, file))))
