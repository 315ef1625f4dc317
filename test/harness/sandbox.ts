import type { Sandbox } from '../../sandbox/server';

export type { Sandbox } from '../../sandbox/server';
export { startSandbox } from '../../sandbox/server';

/** The credential a test uses against a sandbox, with any field overridden. */
export function credentialsFor(sandbox: Sandbox, overrides: Record<string, unknown> = {}) {
	return {
		token: sandbox.token,
		locationId: sandbox.locationId,
		apiVersion: '2021-04-15',
		baseUrl: sandbox.url,
		...overrides,
	};
}
