// The two IPC channel names shared by preload and main. Only these are ever registered.
export const INVOKE_CHANNEL = 'conn:invoke';
export const EVENT_CHANNEL = 'conn:event';
