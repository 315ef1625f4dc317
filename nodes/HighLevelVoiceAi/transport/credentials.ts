import type { IDataObject } from 'n8n-workflow';

import {
	CREDENTIAL_TYPE,
	DEFAULT_API_VERSION,
	DEFAULT_BASE_URL,
	MARKETPLACE_APP_CREDENTIAL_TYPE,
} from '../helpers/constants';
import { apiVersion, baseUrl, oneOf, requireId } from '../helpers/validation';

export type Authentication = 'privateIntegrationToken' | 'oAuth2';

/** The connection as the transport needs it, from either credential type, validated. */
export interface ConnectionSettings {
	/** The n8n credential type the requests are authenticated with. */
	credentialType: string;
	baseUrl: string;
	locationId: string;
	apiVersion: string;
	/**
	 * Secrets of the connection (token, OAuth2 access and refresh tokens, client secret): only to
	 * scrub them from anything HighLevel echoes back; never sent by this code itself.
	 */
	secrets: string[];
}

/** What the transport needs of any n8n context (execution, poll, webhook, load options). */
export interface CredentialSource {
	getCredentials(type: string, itemIndex?: number): Promise<IDataObject>;
}

/** The one place that maps the node's "Authentication" choice to a credential type. */
export function credentialTypeFor(authentication: Authentication): string {
	return authentication === 'oAuth2' ? MARKETPLACE_APP_CREDENTIAL_TYPE : CREDENTIAL_TYPE;
}

export function readAuthentication(value: unknown): Authentication {
	return oneOf<Authentication>('Authentication', value ?? 'privateIntegrationToken', [
		'privateIntegrationToken',
		'oAuth2',
	]);
}

const credentialName = (authentication: Authentication) =>
	authentication === 'oAuth2'
		? 'HighLevel Voice AI OAuth2 credential'
		: 'HighLevel Voice AI credential';

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

/**
 * Reads and checks the credential once per execution; bad settings name the credential field.
 * The values checked here are the values sent (trimmed the same way), because the transport, not
 * the credential, puts the Location ID and the Version header on each request. Fields n8n hides
 * (Advanced Settings off) arrive missing and fall back to HighLevel's defaults.
 */
export async function readConnectionSettings(
	context: CredentialSource,
	authentication: Authentication = 'privateIntegrationToken',
): Promise<ConnectionSettings> {
	const credentialType = credentialTypeFor(authentication);
	const credentials = await context.getCredentials(credentialType);
	// n8n always sends `advanced`; data without it (older saves, direct calls) counts as advanced
	// when it carries a Base URL.
	const advanced =
		credentials.advanced === true ||
		(credentials.advanced === undefined && credentials.baseUrl !== undefined);
	const tokenData = (credentials.oauthTokenData ?? {}) as IDataObject;
	const locationId =
		authentication === 'oAuth2' && text(credentials.locationId) === ''
			? tokenData.locationId
			: credentials.locationId;
	return {
		credentialType,
		baseUrl: baseUrl(
			'Base URL (in the credential)',
			advanced ? credentials.baseUrl : DEFAULT_BASE_URL,
		),
		locationId: requireId(
			'Location ID (in the credential)',
			locationId,
			authentication === 'oAuth2'
				? `HighLevel did not name the sub-account when the ${credentialName(authentication)} was connected (the app may target an agency). Enter the sub-account's Location ID in the credential (in HighLevel: Settings > Business Profile), or reconnect through a Sub-Account app.`
				: `Open the ${credentialName(authentication)} and enter the Location ID of the sub-account the token belongs to (in HighLevel: Settings > Business Profile).`,
		),
		apiVersion: apiVersion(
			'API Version (in the credential)',
			advanced ? (credentials.apiVersion ?? DEFAULT_API_VERSION) : DEFAULT_API_VERSION,
		),
		secrets: [
			credentials.token,
			tokenData.access_token,
			tokenData.refresh_token,
			credentials.clientSecret,
		]
			.map(text)
			.filter((secret) => secret.length >= 4),
	};
}
