import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { Sandbox, SandboxOptions } from '../../sandbox/server';
import { signedInCredential } from '../../sandbox/oauth';
import { startSandbox } from '../../sandbox/server';

export type { Sandbox } from '../../sandbox/server';
export { startSandbox };

/** The call in HighLevel's documentation (sandbox/fixtures/seed-call-log.json). */
export const SEED_CALL_ID = '507f1f77bcf86cd799439011';

/** Its 8 executed actions, in the order HighLevel returns them. */
export const SEED_ACTION_ORDER = [
	'CALL_TRANSFER',
	'SMS',
	'DATA_EXTRACTION',
	'WORKFLOW_TRIGGER',
	'APPOINTMENT_BOOKING',
	'CUSTOM_ACTION',
	'IN_CALL_DATA_EXTRACTION',
	'KNOWLEDGE_BASE',
];

/**
 * One sandbox for a test file: started before its tests, closed after, and reset (counters,
 * recorded requests, rate-limit windows, scripted faults) before each test.
 */
export function useSandbox(options?: SandboxOptions): () => Sandbox {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox(options);
	});
	afterAll(async () => {
		await sandbox.close();
	});
	beforeEach(() => sandbox.reset());
	return () => sandbox;
}

/** The credential a test uses against a sandbox, with any field overridden. */
export function credentialsFor(sandbox: Sandbox, overrides: Record<string, unknown> = {}) {
	return {
		token: sandbox.token,
		locationId: sandbox.locationId,
		advanced: true,
		apiVersion: '2021-04-15',
		baseUrl: sandbox.url,
		...overrides,
	};
}

/** An OAuth2 credential connected to the sandbox's Marketplace app, as after a finished sign-in. */
export function oauth2CredentialsFor(sandbox: Sandbox, overrides: Record<string, unknown> = {}) {
	return { ...signedInCredential(sandbox), ...overrides } as ICredentialDataDecryptedObject & {
		oauthTokenData: Record<string, unknown>;
	};
}
