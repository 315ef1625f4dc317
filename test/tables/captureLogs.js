'use strict';
/**
 * Captures everything logged while the node runs. Node code logs through the Logger that n8n-core
 * takes from its DI container, n8n internals also through n8n-workflow's LoggerProxy; both are
 * replaced here. n8n-core may carry its own copies of @n8n/di and @n8n/backend-common, so they are
 * resolved from n8n-core's location, not this package's. Plain JS because it resolves modules.
 */
const coreDir = require.resolve('n8n-core');
const { Container } = require(require.resolve('@n8n/di', { paths: [coreDir] }));
const { Logger } = require(require.resolve('@n8n/backend-common', { paths: [coreDir] }));
const { LoggerProxy } = require('n8n-workflow');

function captureLogs() {
	const entries = [];
	const capture = (level) => (message, meta) => entries.push({ level, message, meta });
	const logger = {
		error: capture('error'),
		warn: capture('warn'),
		info: capture('info'),
		debug: capture('debug'),
		scoped: () => logger,
	};
	Container.set(Logger, logger);
	LoggerProxy.init(logger);
	return entries;
}

module.exports = { captureLogs };
