import type { INodeProperties } from 'n8n-workflow';

import type { ParameterReader } from '../helpers/interfaces';
import { idList } from '../helpers/validation';
import { callLogOutputOptions } from './callLogOutput';

/**
 * The parameters of the VoiceAiCallEnd webhook trigger (the trigger's logic reads them in
 * trigger/webhook.ts). The delivery filters have one reader, `readDeliveryFilters`, beside their
 * fields, so that an agent picker can replace the Agent IDs text field here and nowhere else.
 */

export const setupNotice: INodeProperties = {
	displayName:
		'Set up once in HighLevel: copy the Production URL from this node (Webhook URLs, above), open your Marketplace app → Advanced Settings → Webhooks, paste it against the VoiceAiCallEnd event (the app needs the scope voice-ai-dashboard.readonly), and install the app on the sub-account. One URL serves every location that installs the app. Then activate this workflow. A Private Integration Token receives no webhooks: without a Marketplace app, use the polling trigger.',
	name: 'setupNotice',
	type: 'notice',
	default: '',
};

export const deliveryFilterProperties: INodeProperties[] = [
	{
		displayName: 'Location IDs',
		name: 'locationIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 3jJ0coeqWCZMAosyGQ6K, ve9EPM428h8vShlRW1KT',
		description:
			'Only calls of these sub-accounts, comma-separated. Leave empty for every location that installs the app. Other calls are acknowledged and start nothing.',
	},
	{
		displayName: 'Agent IDs',
		name: 'agentIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 6878cec452e7c8d29d4dd3d9',
		description:
			'Only calls answered by these Voice AI agents, comma-separated. Leave empty for every agent. Other calls are acknowledged and start nothing.',
	},
];

export interface DeliveryFilters {
	locationIds: string[];
	agentIds: string[];
}

/** The only place that reads the filters; empty lists filter nothing. */
export function readDeliveryFilters(parameter: ParameterReader): DeliveryFilters {
	return {
		locationIds: idList('Location IDs', parameter('locationIds', '')),
		agentIds: idList('Agent IDs', parameter('agentIds', '')),
	};
}

/**
 * A trigger cannot fail a call HighLevel has already delivered (its retry would be a duplicate),
 * so "Stop With an Error" is not offered here; the other output options are the node's own.
 */
const triggerOutputOptions: INodeProperties[] = callLogOutputOptions.map((option) =>
	option.name === 'whenNoActions'
		? {
				...option,
				options: (option.options ?? []).filter(
					(choice) => !('value' in choice && choice.value === 'error'),
				),
			}
		: option,
);

const securityOptions: INodeProperties[] = [
	{
		displayName: 'Public Key',
		name: 'publicKey',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: 'e.g. -----BEGIN PUBLIC KEY----- …',
		description:
			'The Ed25519 key that checks the X-GHL-Signature of each delivery. Leave empty for the key HighLevel publishes (built in). Paste a new key here when HighLevel announces a rotation: the PEM block, or the raw 32-byte key as hex or base64.',
	},
	{
		displayName: 'Skip Signature Verification',
		name: 'skipSignatureVerification',
		type: 'boolean',
		default: false,
		description:
			'Whether to accept deliveries without checking their signature, for local tests with hand-made requests only. Warning: with this on, anyone who knows the URL can start this workflow with made-up calls.',
	},
	{
		displayName: 'Timestamp Tolerance (Minutes)',
		name: 'timestampToleranceMinutes',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 1440 },
		default: 5,
		description:
			'How far the delivery’s timestamp may be from this server’s clock, before or after. Older deliveries are acknowledged and start nothing, so a captured delivery cannot be replayed later. Raise it if HighLevel’s retries after an outage of n8n should still start the workflow.',
	},
];

/** The Options collection: output options and signature options, sorted as the editor lists them. */
export const webhookOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [...triggerOutputOptions, ...securityOptions].sort((a, b) =>
		a.displayName.localeCompare(b.displayName),
	),
};
