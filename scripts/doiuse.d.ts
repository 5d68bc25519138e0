/** doiuse ships its types in types/, which its package "exports" do not point at. */
declare module 'doiuse' {
  import type { PluginCreator } from 'postcss';

  interface Usage {
    feature: string;
    message: string;
  }
  const doiuse: PluginCreator<{ browsers?: string[]; ignore?: string[]; onFeatureUsage?: (usage: Usage) => void }>;
  export default doiuse;
}
