'use strict';
// Deterministic Voice AI data for the sandbox: the same seed always gives the same agents, calls
// and actions, so tests, the bench, demos and screenshots can rely on exact values.

const seedCallLog = require('./fixtures/seed-call-log.json');

const LOCATION_ID = 'SANDBOXLOCATION01';
const END_OF_DATA = Date.parse('2026-11-20T18:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;

/** mulberry32: a tiny, well-distributed PRNG; good enough for fixtures and simulations. */
function seededRandom(seed) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function objectId(rand) {
	let id = '';
	for (let i = 0; i < 24; i++) id += Math.floor(rand() * 16).toString(16);
	return id;
}

const AGENTS = [
	{ id: 'agent0000000000000000001', agentName: 'Riley (Front Desk)', businessName: 'Sunrise Dental' },
	{ id: 'agent0000000000000000002', agentName: 'Morgan (Sales)', businessName: 'Sunrise Dental' },
	{ id: 'agent0000000000000000003', agentName: 'Avery (After Hours)', businessName: 'Sunrise Dental' },
	{ id: 'agent0000000000000000004', agentName: 'Jordan (Support)', businessName: 'Sunrise Dental' },
];

const FIRST_NAMES = ['Ana', 'Ben', 'Chloe', 'Diego', 'Emma', 'Farah', 'Gus', 'Hana', 'Ivan', 'Jade'];
const LAST_NAMES = ['Silva', 'Nguyen', 'Okafor', 'Smith', 'Kowalski', 'Haddad', 'Lopez', 'Berg'];

const pick = (rand, list) => list[Math.floor(rand() * list.length)];

/** One realistic action of each documented type; `index` varies ids and times. */
function makeAction(rand, type, at, caller) {
	const base = { actionId: objectId(rand), actionType: type, executedAt: new Date(at).toISOString() };
	switch (type) {
		case 'CALL_TRANSFER':
			return { ...base, actionName: 'Transfer to Front Desk', actionParameters: { triggerPrompt: 'When the caller asks for a human', transferToType: 'number', transferToValue: '+15550100200', triggerMessage: 'Let me connect you with our front desk.', hearWhisperMessage: true } };
		case 'SMS':
			return { ...base, actionName: 'Send Booking Link', actionParameters: { triggerPrompt: 'When the caller wants to book online', triggerMessage: "I'll text you our booking link.", messageBody: `Hi ${caller.first}, book your visit here: https://sunrise.example/book` } };
		case 'DATA_EXTRACTION':
			return { ...base, actionName: 'Extract Email', actionParameters: { contactFieldId: 'email', description: "Caller's email address", examples: ['name@example.com'], overwriteExistingValue: false } };
		case 'IN_CALL_DATA_EXTRACTION':
			return { ...base, actionName: 'Capture Insurance Provider', actionParameters: { contactFieldId: 'cf_insurance_provider', description: "Caller's dental insurance provider", examples: ['Delta Dental', 'Cigna'], overwriteExistingValue: true } };
		case 'WORKFLOW_TRIGGER':
			return { ...base, actionName: 'Start New Patient Nurture', actionParameters: { triggerPrompt: 'When the caller is a new patient', triggerMessage: "I'll send you our new patient information.", workflowId: 'wf00000000000000000000001' } };
		case 'APPOINTMENT_BOOKING':
			return { ...base, actionName: 'Book Cleaning', actionParameters: { calendarId: 'cal0000000000000000000001', daysOfOfferingDates: 3, slotsPerDay: 3, hoursBetweenSlots: 1 } };
		case 'CUSTOM_ACTION':
			return { ...base, actionName: 'Look Up Balance', actionParameters: { triggerPrompt: 'When the caller asks about their balance', triggerMessage: 'Let me check your balance.', apiDetails: { url: 'https://billing.sunrise.example/api/balance', method: 'GET', authenticationRequired: true, authenticationValue: 'Bearer sk_live_sandbox_billing_secret', headers: [{ key: 'Content-Type', value: 'application/json' }, { key: 'X-Api-Key', value: 'sandbox-billing-api-key' }], parameters: [{ name: 'phone', description: 'Caller phone', type: 'string', example: '+15550100999' }] }, responsePathsToExtract: ['data.balance'] } };
		case 'KNOWLEDGE_BASE':
			return { ...base, actionName: 'Answer From FAQ', actionParameters: { triggerPrompt: 'When the caller asks about prices or hours', triggerMessage: 'Let me look that up.', knowledgeBaseId: 'kb000000000000000000000001' } };
		default:
			return { ...base, actionName: 'Unknown', actionParameters: {} };
	}
}

const ACTION_TYPES = ['CALL_TRANSFER', 'SMS', 'DATA_EXTRACTION', 'IN_CALL_DATA_EXTRACTION', 'WORKFLOW_TRIGGER', 'APPOINTMENT_BOOKING', 'CUSTOM_ACTION', 'KNOWLEDGE_BASE'];

function transcript(rand, caller, turns) {
	const lines = [`bot: Thanks for calling Sunrise Dental, this is your assistant. How can I help?`, `human: Hi, this is ${caller.first} ${caller.last}.`];
	const topics = ['I would like to book a cleaning.', 'What are your opening hours on Saturday?', 'Do you take Delta Dental?', 'How much is a whitening session?', 'Can I talk to someone at the front desk?'];
	for (let i = 0; i < turns; i++) {
		lines.push(`human: ${pick(rand, topics)}`);
		lines.push(`bot: Of course. ${pick(rand, ['Let me check that for you.', 'We are open 8 to 2 on Saturdays.', 'Yes, we accept most major plans.', 'I can help with that right away.'])}`);
	}
	lines.push('bot: Is there anything else I can help with?', 'human: No, that is all. Thanks!');
	return lines.join('\n');
}

/**
 * Builds the sandbox's call logs, newest first. Every 11th call has no actions, one in 7 is a
 * trial call, every 50th has a long transcript, and every action type appears.
 */
function generateCallLogs({ count = 240, seed = 42, days = 21, longTranscriptEvery = 50 } = {}) {
	const rand = seededRandom(seed);
	const calls = [];
	const span = days * DAY;
	for (let i = 0; i < count; i++) {
		const createdAt = END_OF_DATA - Math.floor((i / Math.max(count, 1)) * span) - Math.floor(rand() * 600000);
		const agent = AGENTS[i % AGENTS.length];
		const caller = { first: pick(rand, FIRST_NAMES), last: pick(rand, LAST_NAMES) };
		const duration = 30 + Math.floor(rand() * 570);
		const actions = [];
		if (i % 11 !== 5) {
			const n = 1 + Math.floor(rand() * 4);
			for (let k = 0; k < n; k++) {
				// Rotate through the types so every one of them shows up early in the data.
				const type = ACTION_TYPES[(i + k * 3) % ACTION_TYPES.length];
				actions.push(makeAction(rand, type, createdAt + (k + 1) * 20000, caller));
			}
		}
		const long = longTranscriptEvery > 0 && i % longTranscriptEvery === 7;
		calls.push({
			id: `call${String(i).padStart(20, '0')}`,
			agentId: agent.id,
			isAgentDeleted: false,
			contactId: `contact${String(i % 97).padStart(17, '0')}`,
			fromNumber: `+1555${String(1000000 + Math.floor(rand() * 8999999)).slice(0, 7)}`,
			createdAt: new Date(createdAt).toISOString(),
			duration,
			trialCall: i % 7 === 3,
			executedCallActions: actions,
			summary: `${caller.first} ${caller.last} called ${agent.agentName.split(' ')[0]}; ${actions.length ? `the agent ran ${actions.length} action(s).` : 'no action was needed.'}`,
			transcript: transcript(rand, caller, long ? 400 : 2 + Math.floor(rand() * 4)),
			translation: { enabled: false },
			extractedData: { customerName: `${caller.first} ${caller.last}`, email: `${caller.first.toLowerCase()}.${caller.last.toLowerCase()}@example.com` },
			messageId: `msg${String(i).padStart(21, '0')}`,
		});
	}
	return calls;
}

/**
 * Call logs in the odd shapes HighLevel is known to send, under fixed ids, for tests and demos.
 */
function oddCallLogs() {
	const base = { agentId: AGENTS[0].id, isAgentDeleted: false, createdAt: '2026-11-19T09:00:00.000Z', duration: 42, trialCall: false, summary: 'Odd shape', transcript: 'bot: Hi\nhuman: Bye', contactId: 'contact00000000000000001', fromNumber: '+15550100111' };
	return [
		{ ...base, id: 'oddNullActions', executedCallActions: null },
		{ ...base, id: 'oddMissingActions' },
		{ ...base, id: 'oddNoActions', executedCallActions: [] },
		{ ...base, id: 'oddUnderscoreId', executedCallActions: [{ _id: 'act_underscore_1', actionType: 'SMS', actionName: 'Webhook-style id', description: 'Has _id and description', actionParameters: { triggerPrompt: 'p', triggerMessage: 'm', messageBody: 'b' }, executedAt: '2026-11-19T09:00:10.000Z', triggerReceivedAt: '2026-11-19T09:00:09.000Z' }] },
		{ ...base, id: 'oddMixedEntries', executedCallActions: [null, 'not-an-action', { actionId: 'act_future_1', actionType: 'FUTURE_ACTION_TYPE', actionName: 'Something new' }, { actionId: 'act_noparams_1', actionType: 'KNOWLEDGE_BASE', actionName: 'No parameters' }, 7] },
	];
}

/** Every field of HighLevel's agent response (GetAgentResponseDTO, without `actions`). */
function fullAgent(agent, index) {
	const first = agent.agentName.split(' ')[0];
	return {
		id: agent.id,
		locationId: LOCATION_ID,
		agentName: agent.agentName,
		businessName: agent.businessName,
		welcomeMessage: `Thanks for calling ${agent.businessName}, this is ${first}. How can I help?`,
		agentPrompt: `You are ${first}, a friendly receptionist for ${agent.businessName}. Answer questions, book visits and transfer to a human when asked.`,
		voiceId: VOICE_IDS[index % VOICE_IDS.length],
		language: index % 5 === 2 ? 'es' : 'en-US',
		patienceLevel: ['high', 'medium', 'low'][index % 3],
		maxCallDuration: 300 + (index % 4) * 60,
		sendUserIdleReminders: index % 2 === 0,
		reminderAfterIdleTimeSeconds: 8,
		inboundNumber: index < 9 ? `+1555010${String(index + 1).padStart(4, '0')}` : null,
		numberPoolId: null,
		callEndWorkflowIds: index === 0 ? ['wf00000000000000000000001'] : [],
		sendPostCallNotificationTo: { admins: true, allUsers: false, contactAssignedUser: index === 0, specificUsers: [], customEmails: index === 0 ? ['frontdesk@sunrise.example'] : [] },
		agentWorkingHours: index === 2 ? [] : [1, 2, 3, 4, 5].map((dayOfTheWeek) => ({ dayOfTheWeek, intervals: [{ startHour: 8, startMinute: 0, endHour: index === 1 ? 12 : 18, endMinute: 30 }] })),
		timezone: 'America/New_York',
		isAgentAsBackupDisabled: false,
		translation: index % 5 === 2 ? { enabled: true, language: 'en-US' } : { enabled: false },
	};
}

/** ElevenLabs `providerVoiceId`s: 20 characters, as HighLevel's voiceId really is. */
const VOICE_IDS = ['21m00Tcm4TlvDq8ikWAM', 'EXAVITQu4vr4xnSDxMaL', 'ErXwobaYiN019PkySvjV'];

/** The agents' configured actions (what `GET /voice-ai/agents/{id}` lists), by agent index. */
const AGENT_ACTIONS = [
	[
		{ actionType: 'CALL_TRANSFER', name: 'Transfer to Front Desk', actionParameters: { triggerPrompt: 'When the caller asks for a human', transferToType: 'number', transferToValue: '+15550100200', triggerMessage: 'Let me connect you with our front desk.', hearWhisperMessage: true } },
		{ actionType: 'SMS', name: 'Send Booking Link', actionParameters: { triggerPrompt: 'When the caller wants to book online', triggerMessage: "I'll text you our booking link.", messageBody: 'Book your visit here: https://sunrise.example/book' } },
		{ actionType: 'CUSTOM_ACTION', name: 'Look Up Balance', actionParameters: { triggerPrompt: 'When the caller asks about their balance', triggerMessage: 'Let me check your balance.', apiDetails: { url: 'https://billing.sunrise.example/api/balance', method: 'GET', authenticationRequired: true, authenticationValue: 'Bearer sk_live_sandbox_billing_secret', headers: [{ key: 'X-Api-Key', value: 'sandbox-billing-api-key' }], parameters: [{ name: 'phone', description: 'Caller phone', type: 'string', example: '+15550100999' }] }, selectedPaths: ['data.balance'] } },
	],
	[
		{ actionType: 'DATA_EXTRACTION', name: 'Extract Email', actionParameters: { contactFieldId: 'email', description: "Caller's email address", examples: ['name@example.com'], overwriteExistingValue: false } },
		{ actionType: 'APPOINTMENT_BOOKING', name: 'Book Cleaning', actionParameters: { calendarId: 'cal0000000000000000000001', daysOfOfferingDates: 3, slotsPerDay: 3, hoursBetweenSlots: 1 } },
	],
	[
		{ actionType: 'KNOWLEDGE_BASE', name: 'Answer From FAQ', actionParameters: { triggerPrompt: 'When the caller asks about prices or hours', knowledgeBaseId: 'kb000000000000000000000001' } },
		{ actionType: 'WORKFLOW_TRIGGER', name: 'Start New Patient Nurture', actionParameters: { triggerPrompt: 'When the caller is a new patient', triggerMessage: "I'll send you our new patient information.", workflowId: 'wf00000000000000000000001' } },
	],
	[
		{ actionType: 'IN_CALL_DATA_EXTRACTION', name: 'Capture Insurance Provider', actionParameters: { contactFieldId: 'cf_insurance_provider', description: "Caller's dental insurance provider", examples: ['Delta Dental', 'Cigna'], overwriteExistingValue: true } },
	],
];

/**
 * The location's agents (HighLevel's full shape) and their actions. The first four answer the
 * generated calls; `agentCount` adds plainly named ones so that lists need more than one page.
 */
function generateAgents({ agentCount = AGENTS.length } = {}) {
	const named = [...AGENTS];
	for (let i = AGENTS.length; i < agentCount; i++) {
		named.push({ id: `agent${String(i + 1).padStart(19, '0')}`, agentName: `Agent ${String(i + 1).padStart(3, '0')}`, businessName: 'Sunrise Dental' });
	}
	const agents = named.slice(0, Math.max(agentCount, 0)).map(fullAgent);
	const actions = [];
	agents.forEach((agent, index) => {
		for (const action of AGENT_ACTIONS[index] || []) {
			actions.push({ id: `action${String(actions.length + 1).padStart(18, '0')}`, agentId: agent.id, ...JSON.parse(JSON.stringify(action)) });
		}
	});
	return { agents, actions };
}

function generateDataset(options = {}) {
	const callLogs = [...generateCallLogs(options), seedCallLog, ...oddCallLogs()];
	return { locationId: LOCATION_ID, ...generateAgents(options), callLogs };
}

module.exports = { seededRandom, generateDataset, generateCallLogs, generateAgents, oddCallLogs, seedCallLog, LOCATION_ID, AGENTS, ACTION_TYPES };
