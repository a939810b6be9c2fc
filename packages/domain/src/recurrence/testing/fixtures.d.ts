// Vite's import.meta.glob, as the fixture tests use it (the domain package compiles without vite/client).
interface ImportMeta {
  glob(pattern: string, options: { query: '?raw'; import: 'default'; eager: true }): Record<string, string>;
}
