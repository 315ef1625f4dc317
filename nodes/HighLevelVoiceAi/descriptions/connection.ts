import type { INodeProperties } from 'n8n-workflow';

/**
 * Credential fields both credential types share: where HighLevel is and which API version to
 * ask for. Out of sight unless "Advanced Settings" is on, so a first-time user sees only what
 * HighLevel gives them; n8n drops hidden fields, so the transport falls back to the defaults.
 */
export const connectionProperties: INodeProperties[] = [
	{
		displayName: 'Advanced Settings',
		name: 'advanced',
		type: 'boolean',
		default: false,
		description:
			'Whether to choose the API version or an address other than HighLevel’s own (a proxy, or the local sandbox)',
	},
	{
		displayName: 'API Version',
		name: 'apiVersion',
		type: 'options',
		default: '2021-04-15',
		options: [
			{ name: '2021-04-15 (Documented for Voice AI)', value: '2021-04-15' },
			{ name: 'V3', value: 'v3' },
		],
		description: 'Sent as the Version header on every request',
		displayOptions: { show: { advanced: [true] } },
	},
	{
		displayName: 'Base URL',
		name: 'baseUrl',
		type: 'string',
		default: 'https://services.leadconnectorhq.com',
		description: 'Change only to go through a proxy or to use a local sandbox',
		displayOptions: { show: { advanced: [true] } },
	},
];

/** The node's choice between the two credential types. */
export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{
			name: 'OAuth2 (Marketplace App)',
			value: 'oAuth2',
			description: 'Sign in with HighLevel through your own Marketplace app',
		},
		{
			name: 'Private Integration Token',
			value: 'privateIntegrationToken',
			description: 'A token from Settings > Private Integrations of the sub-account',
		},
	],
	default: 'privateIntegrationToken',
};
