import react from '@vitejs/plugin-react'
import { configDefaults, defineConfig } from 'vitest/config'

// One config for the dev server, the static build and vitest.
export default defineConfig({
  root: '.',
  // Relative asset URLs: dist/ works as a static site from any path.
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    port: 5173,
  },
  preview: {
    port: 4173,
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'app/**/*.test.ts', 'app/**/*.test.tsx'],
    exclude: [...configDefaults.exclude, 'e2e/**'],
    passWithNoTests: false,
    // Whole engine runs (double-cache: a million events) on a shared 2-core machine; a limit, not a benchmark.
    testTimeout: 60_000,
  },
})
