import type { IDataObject } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../helpers/constants';
import { apiVersion, baseUrl, requireId } from '../helpers/validation';

/** The credential fields the transport uses, validated. */
export interface ConnectionSettings {
	/** The n8n credential type the requests are authenticated with. */
	credentialType: string;
	baseUrl: string;
	locationId: string;
	apiVersion: string;
	/** Only to scrub it from anything HighLevel echoes back; never sent by this code itself. */
	token: string;
}

/** What the transport needs of any n8n context (execution, poll, webhook, load options). */
export interface CredentialSource {
	getCredentials(type: string, itemIndex?: number): Promise<IDataObject>;
}

/**
 * The one place that decides which credential type authenticates the node's requests. There is
 * one today; the OAuth2 credential adds a choice here (the node's "Authentication" parameter).
 */
export function credentialTypeFor(): string {
	return CREDENTIAL_TYPE;
}

/**
 * Reads and checks the credential once per execution; bad settings name the credential field.
 * The values checked here are the values sent (trimmed the same way), because the transport, not
 * the credential, puts the Location ID and the Version header on each request.
 */
export async function readConnectionSettings(
	context: CredentialSource,
): Promise<ConnectionSettings> {
	const credentialType = credentialTypeFor();
	const credentials = await context.getCredentials(credentialType);
	return {
		credentialType,
		baseUrl: baseUrl('Base URL (in the credential)', credentials.baseUrl),
		locationId: requireId(
			'Location ID (in the credential)',
			credentials.locationId,
			'Open the HighLevel Voice AI credential and enter the Location ID of the sub-account the token belongs to (in HighLevel: Settings > Business Profile).',
		),
		apiVersion: apiVersion('API Version (in the credential)', credentials.apiVersion),
		token: typeof credentials.token === 'string' ? credentials.token.trim() : '',
	};
}
