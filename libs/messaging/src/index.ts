export * from './messaging';
export * from './messaging-error';
export * from './consume-options';
export * from './outbox-relay';
export * from './stream-definitions';
export { traceHeaders, readTime, readHeader } from './nats-headers';
export { encodeJson, decodeJson } from './codec';
export { ensureStreams, ensureConsumer } from './jetstream-admin';
export { isErrorReply, type ErrorReply } from './reply-body';
