'use strict';
// The HighLevel Voice AI Webhook Trigger inside a real, running n8n (`n8n start`): the example
// workflow examples/webhook-call-end-to-items.json is created and activated through n8n's REST API
// with a test Ed25519 key as its Public Key, then deliveries signed with that key are POSTed to its
// Production URL, as HighLevel would send them, and n8n's executions are read back.
// Called by test/e2e/run.js once n8n is up; `test` is run.js's reporter.

const assert = require('assert/strict');
const { generateKeyPairSync, randomUUID, sign } = require('crypto');
const fs = require('fs');
const path = require('path');

const TRIGGER_TYPE = 'n8n-nodes-highlevel-voice-ai.highLevelVoiceAiWebhookTrigger';
const EXAMPLE = 'webhook-call-end-to-items.json';
/** The secret a Custom Action carries in the delivery; it must not reach n8n's run data. */
const CUSTOM_ACTION_SECRET = 'sk_live_e2e_webhook_secret';

/** A VoiceAiCallEnd delivery in HighLevel's flat envelope, sent now. */
function callEnd(callId) {
	return {
		type: 'VoiceAiCallEnd',
		locationId: 'e2eLocation000000001',
		appId: '6878cec452e7c8d29d4dd3d0',
		versionId: '6878cec452e7c8d29d4dd3d1',
		timestamp: new Date().toISOString(),
		webhookId: randomUUID(),
		id: callId,
		agentId: 'e2eAgent0000000000000001',
		contactId: 'e2eContact00000000000001',
		fromNumber: '+15550100',
		createdAt: new Date(Date.now() - 200_000).toISOString(),
		duration: 187,
		summary: 'The caller booked a visit and asked for a text.',
		transcript: 'bot:Hello\nhuman:I would like to book a visit.',
		translation: { transcript: 'Hola', language: 'es' },
		extractedData: { email: 'caller@example.com' },
		messageId: 'e2eMessage00000000000001',
		trialCall: false,
		executedCallActions: [
			{
				_id: 'e2eAction000000000000001',
				actionType: 'SMS',
				actionName: 'Text the caller',
				actionParameters: { message: 'See you Tuesday' },
				executedAt: new Date(Date.now() - 100_000).toISOString(),
			},
			{
				_id: 'e2eAction000000000000002',
				actionType: 'APPOINTMENT_BOOKING',
				actionName: 'Book a visit',
				actionParameters: { calendarId: 'e2eCalendar' },
			},
			{
				_id: 'e2eAction000000000000003',
				actionType: 'CUSTOM_ACTION',
				actionName: 'Tell the CRM',
				actionParameters: {
					apiDetails: {
						url: 'https://crm.example.com/calls',
						authenticationValue: `Bearer ${CUSTOM_ACTION_SECRET}`,
					},
				},
			},
			{ _id: 'e2eAction000000000000004', actionType: 'KNOWLEDGE_BASE', actionName: 'FAQ' },
		],
	};
}

module.exports = async function webhookEndToEnd({ n8n, runtime, instance, test }) {
	const legacyActivation = Number(n8n.N8N_VERSION.split('.')[0]) < 2;
	// n8n's REST API returns run data in n8n's own `flatted` encoding: read it with n8n's copy.
	const flatted = require(
		require.resolve('flatted', { paths: [path.dirname(fs.realpathSync(runtime.n8nBin))] }),
	);
	const keys = generateKeyPairSync('ed25519');
	const forger = generateKeyPairSync('ed25519');
	const example = JSON.parse(fs.readFileSync(path.join(n8n.EXAMPLES_DIR, EXAMPLE), 'utf8'));
	const triggerNode = example.nodes.find((node) => node.type === TRIGGER_TYPE);
	const productionUrl = `${instance.url}/webhook/${triggerNode.webhookId}/highlevel-voice-ai`;
	let cookie;
	let workflowId;

	const rest = async (method, route, body) => {
		const response = await fetch(`${instance.url}${route}`, {
			method,
			headers: { cookie, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok)
			throw new Error(`${method} ${route}: HTTP ${response.status} ${text.slice(0, 1000)}`);
		return JSON.parse(text).data;
	};

	const signatureOf = (bytes, privateKey = keys.privateKey) =>
		sign(null, Buffer.from(bytes), privateKey).toString('base64');

	/** POSTs the bytes as HighLevel does: signed by the test key unless `signature` says otherwise. */
	const post = async (rawBody, signature = signatureOf(rawBody)) => {
		const headers = { 'content-type': 'application/json' };
		if (signature !== null) headers['x-ghl-signature'] = signature;
		const response = await fetch(productionUrl, { method: 'POST', headers, body: rawBody });
		return { status: response.status, text: await response.text() };
	};

	/**
	 * n8n registers a production webhook shortly after the activation call returns. An unsigned
	 * empty POST is answered 404 until then, and 401 by the trigger after (which changes nothing).
	 */
	const registered = async (timeoutMs = 30_000) => {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const probe = await post('', null);
			if (probe.status !== 404) return probe;
			if (Date.now() > deadline)
				throw new Error(`the webhook is still not registered: ${probe.text}`);
			await n8n.sleep(250);
		}
	};

	const executions = async () => {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const { results } = await rest('GET', `/rest/executions?filter=${filter}`);
		return results.sort((a, b) => Number(a.id) - Number(b.id));
	};

	/** Waits until `count` executions of the workflow exist and none is still running. */
	const settledExecutions = async (count, timeoutMs = 60_000) => {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const list = await executions();
			const settled = list.every((run) => !['new', 'running', 'waiting'].includes(run.status));
			if (list.length >= count && settled) return list;
			if (Date.now() > deadline)
				throw new Error(`expected ${count} settled executions, found ${JSON.stringify(list)}`);
			await n8n.sleep(250);
		}
	};

	const runDataOf = async (executionId) => {
		const execution = await rest('GET', `/rest/executions/${executionId}`);
		return flatted.parse(execution.data).resultData.runData;
	};
	const itemsOf = (runData, nodeName, output = 0) =>
		(runData[nodeName]?.[0]?.data?.main?.[output] || []).map((item) => item.json);

	const first = callEnd('e2eCall00000000000000001');
	const firstBytes = JSON.stringify(first);

	await test('webhook trigger: the example workflow activates with a test Public Key', async () => {
		cookie = await n8n.login(instance);
		triggerNode.parameters.options = {
			publicKey: keys.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
		};
		const created = await rest('POST', '/rest/workflows', {
			name: `e2e: ${example.name}`,
			nodes: example.nodes,
			connections: example.connections,
			settings: example.settings,
			// n8n 1.x stores `active` with the workflow (and insists on it); 2.x publishes versions.
			...(legacyActivation && { active: false }),
		});
		workflowId = created.id;
		if (legacyActivation) {
			const activated = await rest('PATCH', `/rest/workflows/${workflowId}`, {
				active: true,
				versionId: created.versionId,
			});
			assert.equal(activated.active, true, 'the workflow is not active');
		} else {
			const activated = await rest('POST', `/rest/workflows/${workflowId}/activate`, {
				versionId: created.versionId,
			});
			assert.ok(activated.activeVersionId, 'the workflow has no active version');
		}
		const probe = await registered();
		assert.equal(probe.status, 401, probe.text);
		assert.deepEqual(await executions(), []);
	});

	await test('webhook trigger: a signed delivery starts exactly one execution, one item per action', async () => {
		const answer = await post(firstBytes);
		assert.equal(answer.status, 200, answer.text);
		assert.equal(answer.text, 'Workflow was started');
		const list = await settledExecutions(1);
		assert.equal(list.length, 1);
		assert.equal(list[0].status, 'success');
		assert.equal(list[0].mode, 'webhook');

		const runData = await runDataOf(list[0].id);
		const items = itemsOf(runData, triggerNode.name);
		assert.deepEqual(
			items.map((item) => [item.actionId, item.actionType]),
			first.executedCallActions.map((action) => [action._id, action.actionType]),
		);
		for (const item of items) {
			assert.equal(item.callId, first.id);
			assert.equal(item.agentId, first.agentId);
			assert.equal(item.locationId, first.locationId);
			assert.deepEqual(item.webhook, {
				type: 'VoiceAiCallEnd',
				webhookId: first.webhookId,
				timestamp: first.timestamp,
				appId: first.appId,
				versionId: first.versionId,
				locationId: first.locationId,
			});
		}
		assert.equal(items[2].actionParameters.apiDetails.authenticationValue, '[REDACTED]');
		assert.ok(
			!JSON.stringify(runData).includes(CUSTOM_ACTION_SECRET),
			'the Custom Action secret is in the run data',
		);
		// The Switch gave each branch its own action, and the knowledge-base lookup to the fallback.
		assert.deepEqual(
			[0, 1, 2, 3].map((output) =>
				itemsOf(runData, 'Route by Action Type', output).map((item) => item.actionType),
			),
			[['SMS'], ['APPOINTMENT_BOOKING'], ['CUSTOM_ACTION'], ['KNOWLEDGE_BASE']],
		);
	});

	await test('webhook trigger: the same delivery again is acknowledged (200) and starts nothing', async () => {
		const answer = await post(firstBytes);
		assert.equal(answer.status, 200, answer.text);
		assert.match(answer.text, /^Not started\. .*already received/);
	});

	await test('webhook trigger: a forged or unsigned delivery gets 401 and starts nothing', async () => {
		const forged = callEnd('e2eCall00000000000000002');
		const forgedBytes = JSON.stringify(forged);
		const byOtherKey = await post(forgedBytes, signatureOf(forgedBytes, forger.privateKey));
		assert.equal(byOtherKey.status, 401);
		assert.match(byOtherKey.text, /X-GHL-Signature does not match the body/);
		const unsigned = await post(forgedBytes, null);
		assert.equal(unsigned.status, 401);
		assert.match(unsigned.text, /no X-GHL-Signature header/);
		// HighLevel's signature of the first delivery, over bytes changed on the way.
		const tampered = await post(
			forgedBytes.replace('"duration":187', '"duration":1870'),
			signatureOf(forgedBytes),
		);
		assert.equal(tampered.status, 401);
		assert.match(tampered.text, /does not match the body/);
	});

	await test('webhook trigger: a new delivery is only the second execution (nothing else ran)', async () => {
		const next = callEnd('e2eCall00000000000000003');
		const answer = await post(JSON.stringify(next));
		assert.equal(answer.status, 200, answer.text);
		// Requests are handled in order, so by the time this run settles, any run started by the
		// replay or the forged deliveries above would be listed too.
		const list = await settledExecutions(2);
		assert.equal(list.length, 2, JSON.stringify(list));
		const items = itemsOf(await runDataOf(list[1].id), triggerNode.name);
		assert.deepEqual([...new Set(items.map((item) => item.callId))], [next.id]);
		assert.deepEqual([...new Set(items.map((item) => item.webhook.webhookId))], [next.webhookId]);
	});
};
