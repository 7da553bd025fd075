export { createLogHandlers, DEFAULT_BACKLOG_BYTES, DEFAULT_MAX_FOLLOWS, type LogHandlers, type LogHandlersOptions } from './handlers';
export { logRoutes } from './routes';
export { type CylcId, formatCylcId, parseCylcId } from './cylc-id';
