/**
 * The custom panel providers. Each file holds one class decorated with `@PanelProvider`; importing it here
 * registers it (the dashboards module provides every registered class).
 */
export { AccountSummaryProvider } from './account-summary.provider';
export { UsageHeatmapProvider } from './usage-heatmap.provider';
export {
  panelProviderRegistry,
  PanelProvider,
  type ImagePanelProvider,
  type PanelProviderContext,
  type RenderedImage,
  type TemplatePanelProvider,
} from './panel-provider';
