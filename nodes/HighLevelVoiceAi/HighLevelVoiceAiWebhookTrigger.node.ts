import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { callLogFieldsProperties, outputModeProperty } from './descriptions/callLogOutput';
import { NODE_VERSIONS } from './descriptions/versions';
import {
	deliveryFilterProperties,
	setupNotice,
	webhookOptions,
} from './descriptions/webhookTrigger';
import { checkWebhookSettings, receiveCallEnd } from './trigger/webhook';

/** HighLevel's path segment; n8n puts the node's webhook id before it, so URLs never collide. */
const WEBHOOK_PATH = 'highlevel-voice-ai';

export class HighLevelVoiceAiWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HighLevel Voice AI Webhook Trigger',
		name: 'highLevelVoiceAiWebhookTrigger',
		icon: { light: 'file:highLevelVoiceAi.svg', dark: 'file:highLevelVoiceAi.dark.svg' },
		group: ['trigger'],
		version: NODE_VERSIONS,
		subtitle: 'Voice AI call ended',
		description:
			'Starts the workflow the moment a HighLevel Voice AI call ends, from the VoiceAiCallEnd webhook of your Marketplace app',
		defaults: { name: 'HighLevel Voice AI Webhook Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// No credential: the trigger calls no HighLevel API. Signatures are checked with a public key.
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// The body n8n answers a started run with; without it, n8n 1.x and 2.x send "firstEntryJson".
				responseData: 'Workflow was started',
				path: WEBHOOK_PATH,
			},
		],
		eventTriggerDescription: 'Waiting for HighLevel to send an ended call to the Test URL',
		activationMessage:
			'Ended Voice AI calls now start this workflow, once the Production URL is entered against VoiceAiCallEnd in your Marketplace app.',
		properties: [
			setupNotice,
			outputModeProperty('actions'),
			// The webhook's items also name the call's location, and carry the delivery's envelope.
			...callLogFieldsProperties(['locationId', 'webhook']),
			...deliveryFilterProperties,
			webhookOptions,
		],
	};

	/**
	 * HighLevel has no API to subscribe or unsubscribe a URL: the user enters it in the Marketplace
	 * app. So nothing is looked up, registered or removed; `create` only checks the settings.
	 */
	webhookMethods = {
		default: {
			// Nothing registered remotely can be found, so n8n always runs `create` on activation.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await checkWebhookSettings.call(this);
			},
			// HighLevel keeps sending until the URL is removed from the app; n8n answers those with 404.
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveCallEnd.call(this);
	}
}
