export * from './panel.schema';
export * from './dashboard.schema';
export * from './panel-data.schema';
