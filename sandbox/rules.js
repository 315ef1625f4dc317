'use strict';
// The rules HighLevel's spec (apps/voice-ai.json) sets on agent and action bodies, checked the way
// its NestJS server does (class-validator): every broken rule is one entry of a 422's `message[]`,
// worded as class-validator words it. Rules the spec states only in prose (translation) and the
// live-only `transferBotType` are worded as a guess.

const LANGUAGES = ['en-US', 'pt-BR', 'es', 'fr', 'de', 'it', 'nl-NL', 'multi'];
const PATIENCE_LEVELS = ['low', 'medium', 'high'];
const ACTION_TYPES = ['CALL_TRANSFER', 'DATA_EXTRACTION', 'IN_CALL_DATA_EXTRACTION', 'WORKFLOW_TRIGGER', 'SMS', 'APPOINTMENT_BOOKING', 'CUSTOM_ACTION', 'KNOWLEDGE_BASE'];
const TIMEZONE = /^[A-Za-z_]+\/[A-Za-z_]+$/;
const TRANSFER_NUMBER = /^\+[0-9]{10,15}$/;

/** Fields of AgentCreationRequestDTO besides locationId; PatchAgentDTO has exactly these. */
const AGENT_FIELDS = ['agentName', 'businessName', 'welcomeMessage', 'agentPrompt', 'voiceId', 'language', 'patienceLevel', 'maxCallDuration', 'sendUserIdleReminders', 'reminderAfterIdleTimeSeconds', 'inboundNumber', 'numberPoolId', 'callEndWorkflowIds', 'sendPostCallNotificationTo', 'agentWorkingHours', 'timezone', 'isAgentAsBackupDisabled', 'translation'];

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A tiny class-validator: each check adds its message when the value breaks it. */
function checker() {
	const errors = [];
	const check = {
		errors,
		string(key, value, { min, max, notEmpty } = {}) {
			if (typeof value !== 'string') {
				if (notEmpty) errors.push(`${key} should not be empty`);
				errors.push(`${key} must be a string`);
				return false;
			}
			if (notEmpty && value.trim() === '') errors.push(`${key} should not be empty`);
			if (min !== undefined && value.length < min) errors.push(`${key} must be longer than or equal to ${min} characters`);
			if (max !== undefined && value.length > max) errors.push(`${key} must be shorter than or equal to ${max} characters`);
			return true;
		},
		number(key, value, { min, max, integer } = {}) {
			if (typeof value !== 'number' || !Number.isFinite(value)) {
				errors.push(`${key} must be a number conforming to the specified constraints`);
				return false;
			}
			if (integer && !Number.isInteger(value)) errors.push(`${key} must be an integer number`);
			if (min !== undefined && value < min) errors.push(`${key} must not be less than ${min}`);
			if (max !== undefined && value > max) errors.push(`${key} must not be greater than ${max}`);
			return true;
		},
		boolean(key, value) {
			if (typeof value !== 'boolean') errors.push(`${key} must be a boolean value`);
		},
		oneOf(key, value, allowed) {
			if (!allowed.includes(value)) errors.push(`${key} must be one of the following values: ${allowed.join(', ')}`);
		},
		array(key, value, { min, max } = {}) {
			if (!Array.isArray(value)) {
				errors.push(`${key} must be an array`);
				return false;
			}
			if (min !== undefined && value.length < min) errors.push(`${key} must contain at least ${min} elements`);
			if (max !== undefined && value.length > max) errors.push(`${key} must contain no more than ${max} elements`);
			return true;
		},
		object(key, value) {
			if (!isObject(value)) {
				errors.push(`nested property ${key} must be either object or array`);
				return false;
			}
			return true;
		},
		push(message) {
			errors.push(message);
		},
	};
	return check;
}

/**
 * Checks an agent body: `create` (AgentCreationRequestDTO: locationId required) or `patch`
 * (PatchAgentDTO: no locationId). `current` is the agent being patched, for the translation rules
 * that depend on its language. Returns the broken rules, or [] when the body is accepted.
 */
function validateAgent(body, mode, current) {
	const check = checker();
	const allowed = mode === 'create' ? ['locationId', ...AGENT_FIELDS] : AGENT_FIELDS;
	// HighLevel's ValidationPipe forbids what the DTO does not declare.
	for (const key of Object.keys(body)) if (!allowed.includes(key)) check.push(`property ${key} should not exist`);
	if (mode === 'create') check.string('locationId', body.locationId, { notEmpty: true });
	const has = (key) => body[key] !== undefined;
	if (has('agentName')) check.string('agentName', body.agentName, { min: 1, max: 40 });
	if (has('businessName')) check.string('businessName', body.businessName, { min: 1 });
	if (has('welcomeMessage')) check.string('welcomeMessage', body.welcomeMessage, { min: 1, max: 190 });
	for (const key of ['agentPrompt', 'voiceId']) if (has(key)) check.string(key, body[key]);
	for (const key of ['inboundNumber', 'numberPoolId']) if (has(key) && body[key] !== null) check.string(key, body[key]);
	if (has('language')) check.oneOf('language', body.language, LANGUAGES);
	if (has('patienceLevel')) check.oneOf('patienceLevel', body.patienceLevel, PATIENCE_LEVELS);
	if (has('maxCallDuration')) check.number('maxCallDuration', body.maxCallDuration, { min: 180, max: 900 });
	if (has('reminderAfterIdleTimeSeconds')) check.number('reminderAfterIdleTimeSeconds', body.reminderAfterIdleTimeSeconds, { min: 1, max: 20 });
	for (const key of ['sendUserIdleReminders', 'isAgentAsBackupDisabled']) if (has(key)) check.boolean(key, body[key]);
	if (has('callEndWorkflowIds') && check.array('callEndWorkflowIds', body.callEndWorkflowIds, { max: 10 })) {
		body.callEndWorkflowIds.forEach((id, index) => check.string(`callEndWorkflowIds.${index}`, id));
	}
	if (has('timezone') && check.string('timezone', body.timezone) && !TIMEZONE.test(body.timezone)) {
		check.push(`timezone must match ${TIMEZONE} regular expression`);
	}
	if (has('sendPostCallNotificationTo') && check.object('sendPostCallNotificationTo', body.sendPostCallNotificationTo)) {
		const notify = body.sendPostCallNotificationTo;
		for (const key of ['admins', 'allUsers', 'contactAssignedUser']) check.boolean(`sendPostCallNotificationTo.${key}`, notify[key]);
		for (const key of ['specificUsers', 'customEmails']) {
			if (check.array(`sendPostCallNotificationTo.${key}`, notify[key])) notify[key].forEach((entry, index) => check.string(`sendPostCallNotificationTo.${key}.${index}`, entry));
		}
	}
	if (has('agentWorkingHours') && check.array('agentWorkingHours', body.agentWorkingHours)) {
		body.agentWorkingHours.forEach((day, index) => {
			const at = `agentWorkingHours.${index}`;
			if (!check.object(at, day)) return;
			check.number(`${at}.dayOfTheWeek`, day.dayOfTheWeek, { min: 1, max: 7, integer: true });
			if (!check.array(`${at}.intervals`, day.intervals)) return;
			day.intervals.forEach((interval, slot) => {
				const where = `${at}.intervals.${slot}`;
				if (!check.object(where, interval)) return;
				for (const key of ['startHour', 'endHour']) check.number(`${where}.${key}`, interval[key], { min: 0, max: 23, integer: true });
				for (const key of ['startMinute', 'endMinute']) check.number(`${where}.${key}`, interval[key], { min: 0, max: 59, integer: true });
			});
		});
	}
	if (has('translation') && check.object('translation', body.translation)) {
		const { enabled, language } = body.translation;
		check.boolean('translation.enabled', enabled);
		if (language !== undefined) check.string('translation.language', language);
		const agentLanguage = body.language ?? current?.language ?? 'en-US';
		if (enabled === true) {
			if (agentLanguage === 'en-US') check.push('translation can only be enabled when the agent language is not en-US');
			if (language === undefined || language === '') check.push('translation.language is required when translation is enabled');
			else if (language !== agentLanguage && language !== 'en-US') check.push('translation.language must be the agent language or en-US');
		}
	}
	return check.errors;
}

/** The rules of one `actionParameters` sub-schema (the spec's oneOf keyed by actionType). */
function checkActionParameters(check, type, params, options) {
	const at = (key) => `actionParameters.${key}`;
	const text = (key) => check.string(at(key), params[key], { notEmpty: true });
	switch (type) {
		case 'CALL_TRANSFER':
			text('triggerPrompt');
			text('triggerMessage');
			check.oneOf(at('transferToType'), params.transferToType, ['number']);
			if (check.string(at('transferToValue'), params.transferToValue) && !TRANSFER_NUMBER.test(params.transferToValue)) {
				check.push(`${at('transferToValue')} must match ${TRANSFER_NUMBER} regular expression`);
			}
			if (options.requireTransferBotType) check.oneOf(at('transferBotType'), params.transferBotType, ['Default', 'Custom']);
			break;
		case 'DATA_EXTRACTION':
		case 'IN_CALL_DATA_EXTRACTION':
			text('contactFieldId');
			text('description');
			if (check.array(at('examples'), params.examples, { min: 1, max: 5 })) params.examples.forEach((example, index) => check.string(at(`examples.${index}`), example));
			if (params.overwriteExistingValue !== undefined) check.boolean(at('overwriteExistingValue'), params.overwriteExistingValue);
			break;
		case 'WORKFLOW_TRIGGER':
			text('triggerPrompt');
			text('triggerMessage');
			text('workflowId');
			break;
		case 'SMS':
			text('triggerPrompt');
			text('triggerMessage');
			text('messageBody');
			break;
		case 'APPOINTMENT_BOOKING':
			text('calendarId');
			for (const key of ['daysOfOfferingDates', 'slotsPerDay', 'hoursBetweenSlots']) check.number(at(key), params[key]);
			break;
		case 'CUSTOM_ACTION': {
			text('triggerPrompt');
			text('triggerMessage');
			if (!check.object(at('apiDetails'), params.apiDetails)) break;
			const api = params.apiDetails;
			if (check.string(at('apiDetails.url'), api.url, { notEmpty: true }) && !/^https?:\/\/[^\s/]+/.test(api.url)) check.push(`${at('apiDetails.url')} must be a URL address`);
			check.oneOf(at('apiDetails.method'), api.method, ['POST', 'GET']);
			if (api.authenticationRequired !== undefined) check.boolean(at('apiDetails.authenticationRequired'), api.authenticationRequired);
			if (api.headers !== undefined && check.array(at('apiDetails.headers'), api.headers)) {
				api.headers.forEach((row, index) => {
					if (!check.object(at(`apiDetails.headers.${index}`), row)) return;
					check.string(at(`apiDetails.headers.${index}.key`), row.key, { notEmpty: true });
					check.string(at(`apiDetails.headers.${index}.value`), row.value, { notEmpty: true });
				});
			}
			if (api.parameters !== undefined && check.array(at('apiDetails.parameters'), api.parameters)) {
				api.parameters.forEach((row, index) => {
					if (check.object(at(`apiDetails.parameters.${index}`), row)) check.string(at(`apiDetails.parameters.${index}.name`), row.name, { notEmpty: true });
				});
			}
			const paths = params.selectedPaths ?? [];
			if (check.array(at('selectedPaths'), paths)) {
				if (api.method === 'GET' && paths.length === 0) check.push(`${at('selectedPaths')} must contain at least 1 elements for a GET API`);
				if (api.method === 'POST' && paths.length > 0) check.push(`${at('selectedPaths')} must be empty for a POST API`);
			}
			break;
		}
		case 'KNOWLEDGE_BASE':
			text('triggerPrompt');
			text('knowledgeBaseId');
			break;
		default:
			break;
	}
}

/** Checks a CreateSingleActionDTO / UpdateSingleActionDTO body (the same five required fields). */
function validateAction(body, options = {}) {
	const check = checker();
	for (const key of Object.keys(body)) {
		if (!['agentId', 'locationId', 'actionType', 'name', 'actionParameters'].includes(key)) check.push(`property ${key} should not exist`);
	}
	for (const key of ['agentId', 'locationId', 'name']) check.string(key, body[key], { notEmpty: true });
	check.oneOf('actionType', body.actionType, ACTION_TYPES);
	if (check.object('actionParameters', body.actionParameters) && ACTION_TYPES.includes(body.actionType)) {
		checkActionParameters(check, body.actionType, body.actionParameters, options);
	}
	return check.errors;
}

module.exports = { validateAgent, validateAction, LANGUAGES, PATIENCE_LEVELS, ACTION_TYPES, AGENT_FIELDS };
