/** The theme files, imported as text by the theming stories (Vite's `?raw`). */
declare module '*.css?raw' {
  const css: string;
  export default css;
}
