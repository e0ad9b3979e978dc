export { ReportFormat } from './format';
export { Reporters } from './reporters';
export type { RenderContext } from './render-context';
