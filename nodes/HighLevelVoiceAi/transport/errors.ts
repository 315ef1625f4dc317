import type { IDataObject } from 'n8n-workflow';

import type { RateLimitHeaders } from './rateLimit';

/**
 * How the transport reacts to a failed attempt: `burst` waits for the rate-limit window,
 * `transient` backs off and tries again (reads only: a write whose outcome is unknown is never
 * repeated), `never` reports at once.
 */
export type RetryKind = 'burst' | 'transient' | 'never';

/** The OAuth scopes HighLevel checks; each request names the one it needs. */
export type Scope =
	| 'voice-ai-dashboard.readonly'
	| 'voice-ai-agents.readonly'
	| 'voice-ai-agents.write'
	| 'voice-ai-agent-goals.readonly'
	| 'voice-ai-agent-goals.write'
	| 'conversations/message.readonly';

/** How HighLevel names each scope in its Private Integration screen. */
export const SCOPE_LABELS: Record<Scope, string> = {
	'voice-ai-dashboard.readonly': 'View Voice AI Dashboard',
	'voice-ai-agents.readonly': 'View Voice AI Agents',
	'voice-ai-agents.write': 'Edit Voice AI Agents',
	'voice-ai-agent-goals.readonly': 'View Voice AI Agent Goals',
	'voice-ai-agent-goals.write': 'Edit Voice AI Agent Goals',
	'conversations/message.readonly': 'View Conversation Messages',
};

export interface ApiFailure {
	/** What happened, in plain words; becomes the NodeApiError's message. */
	message: string;
	/** How to fix it; becomes the NodeApiError's description. */
	description: string;
	httpCode?: string;
	retry: RetryKind;
	/**
	 * What a caller may treat as an answer rather than a failure: the subject does not exist, or
	 * the answer is larger than the request allows (a call without a recording, or a long one).
	 */
	reason?: 'notFound' | 'tooLarge';
}

/** What the request was about, so messages can say "call log 123" instead of "resource". */
export interface RequestSubject {
	/** e.g. "call log" */
	noun: string;
	id?: string;
}

/** What a request needs to be described: its subject and the scope it needs. */
export interface RequestDescription {
	subject: RequestSubject;
	scope: Scope;
}

/**
 * Text from the server (or an id it echoes) made safe to show: control characters and the
 * bidirectional overrides that can make a message read differently than it is are escaped, and
 * the length is bounded.
 */
export function printable(text: string, maxLength = 300): string {
	const escaped = text.slice(0, maxLength + 1).replace(
		// eslint-disable-next-line no-control-regex
		/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
		(char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);
	return escaped.length > maxLength ? `${escaped.slice(0, maxLength)}…` : escaped;
}

/** HighLevel error bodies are NestJS-style: `message` is a string or, on 422, a list of strings. */
export function apiMessage(body: unknown): string {
	if (body && typeof body === 'object' && !Array.isArray(body)) {
		const { message, error } = body as IDataObject;
		if (Array.isArray(message)) {
			// JSON.stringify, not String(): an entry like {"toString":null} makes String() throw.
			return printable(
				message
					.slice(0, 20)
					.map((part) => (typeof part === 'string' ? part : JSON.stringify(part)))
					.join('; '),
				1000,
			);
		}
		if (typeof message === 'string' && message) return printable(message);
		if (typeof error === 'string' && error) return printable(error);
	}
	if (typeof body === 'string') {
		const text = body.slice(0, 4096).trim();
		// A proxy's error page: its title says more than 200 characters of markup.
		if (text.startsWith('<'))
			return printable(/<title[^>]{0,200}>([^<]{0,200})<\/title>/i.exec(text)?.[1]?.trim() ?? '');
		return printable(text, 200);
	}
	return '';
}

function formatInterval(ms: number): string {
	return ms >= 1000 ? `${Math.round(ms / 1000)} seconds` : `${ms} ms`;
}

function traceSuffix(body: unknown): string {
	const traceId = body && typeof body === 'object' ? (body as IDataObject).traceId : undefined;
	return typeof traceId === 'string' && traceId
		? ` (HighLevel trace ID: ${printable(traceId, 80)})`
		: '';
}

function subjectName(subject: RequestSubject): string {
	return subject.id ? `${subject.noun} ${printable(subject.id, 130)}` : `the ${subject.noun}`;
}

/** Maps an HTTP answer that is not a success to what the user should read and whether to retry. */
export function describeHttpFailure(
	status: number,
	body: unknown,
	rateLimit: RateLimitHeaders,
	{ subject, scope }: RequestDescription,
): ApiFailure {
	const said = apiMessage(body);
	const quoted = said ? `HighLevel said: "${said}"` : '';
	const trace = traceSuffix(body);
	const httpCode = String(status);
	const lower = said.toLowerCase();

	if (status === 429) {
		if (rateLimit.dailyRemaining === 0) {
			return {
				httpCode,
				retry: 'never',
				message: `The daily HighLevel API quota for this location is spent${rateLimit.dailyLimit ? ` (${rateLimit.dailyLimit} requests per day)` : ''}`,
				description:
					`HighLevel allows a fixed number of API requests per location per day. Wait until the quota resets, or reduce how often this workflow runs. ${quoted}${trace}`.trim(),
			};
		}
		return {
			httpCode,
			retry: 'burst',
			message: 'HighLevel kept refusing requests because of its rate limit',
			description:
				`HighLevel allows ${rateLimit.max ?? 100} requests per ${formatInterval(rateLimit.intervalMs ?? 10000)} per location, shared with every other app and workflow using it. The node waited for its turn for up to "Max Wait for Rate Limit (Ms)"; raise that, lower "Max Concurrent Requests", or spread the workflow's runs. ${quoted}${trace}`.trim(),
		};
	}
	if (status === 401) {
		if (lower.includes('version')) {
			return {
				httpCode,
				retry: 'never',
				message: 'HighLevel rejected the API Version header',
				description:
					`Set "API Version" in the credential to 2021-04-15 (or v3). ${quoted}${trace}`.trim(),
			};
		}
		if (lower.includes('scope')) {
			return {
				httpCode,
				retry: 'never',
				message: `The token is missing the ${scope} scope`,
				description:
					`In HighLevel, edit the Private Integration (Settings > Private Integrations) and add the scope "${SCOPE_LABELS[scope]}" (${scope}), then paste the new token into the credential; an OAuth2 credential needs the scope in its Scope field and a reconnect. ${quoted}${trace}`.trim(),
			};
		}
		return {
			httpCode,
			retry: 'never',
			message: 'HighLevel rejected the token: it is invalid, expired or revoked',
			description:
				`Create a new Private Integration Token for this sub-account (Settings > Private Integrations) and paste it into the credential; with the OAuth2 credential, reconnect it. ${quoted}${trace}`.trim(),
		};
	}
	if (status === 403) {
		if (lower.includes('location')) {
			return {
				httpCode,
				retry: 'never',
				message: 'The token has no access to this location',
				description:
					`Check "Location ID" in the credential: it must be the sub-account the token was created in (Settings > Business Profile shows it). ${quoted}${trace}`.trim(),
			};
		}
		return {
			httpCode,
			retry: 'never',
			message: 'HighLevel refused access to this resource',
			description:
				`This request needs the ${scope} scope ("${SCOPE_LABELS[scope]}"); add it to the Private Integration (Settings > Private Integrations) and paste the new token, or to the OAuth2 credential's Scope field and your Marketplace app, then reconnect; or check that the location has Voice AI. ${quoted}${trace}`.trim(),
		};
	}
	if (
		status === 404 ||
		(status === 400 && /not\s*found|no .* found|does not exist|invalid .*id/.test(lower))
	) {
		return {
			httpCode,
			retry: 'never',
			reason: 'notFound',
			message: `HighLevel has no ${subjectName(subject)} in this location`,
			description:
				`Check the id, and that it belongs to the location set in the credential. ${quoted}${trace}`.trim(),
		};
	}
	if (status === 422 || status === 400) {
		return {
			httpCode,
			retry: 'never',
			message: `HighLevel could not process the request for ${subjectName(subject)}${said ? `: ${said}` : ''}`,
			description: `Check the node's parameters against what HighLevel accepts.${trace}`.trim(),
		};
	}
	if (status === 502 || status === 503 || status === 504) {
		return {
			httpCode,
			retry: 'transient',
			message: `HighLevel is temporarily unavailable (HTTP ${status})`,
			description:
				`HighLevel's servers could not serve the request. The node retries this up to "Max Retries" times; if it persists, try again in a few minutes. ${quoted}${trace}`.trim(),
		};
	}
	if (status >= 500) {
		return {
			httpCode,
			retry: 'never',
			message: `HighLevel answered with a server error (HTTP ${status})`,
			description:
				`This is on HighLevel's side. Try again later; if it persists, contact HighLevel support with the trace ID. ${quoted}${trace}`.trim(),
		};
	}
	return {
		httpCode,
		retry: 'never',
		message: `HighLevel answered with an unexpected HTTP ${status}`,
		description: `${quoted}${trace}`.trim() || 'Check the Base URL in the credential.',
	};
}

/** Low-level failures before any HTTP status: connection reset, refused, timed out, DNS. */
export function describeNetworkFailure(code: string | undefined, timeoutMs: number): ApiFailure {
	switch (code) {
		case 'ECONNABORTED':
		case 'ETIMEDOUT':
		case 'ESOCKETTIMEDOUT':
		case 'UND_ERR_HEADERS_TIMEOUT':
		case 'UND_ERR_BODY_TIMEOUT':
			return {
				retry: 'transient',
				message: `HighLevel did not answer within ${timeoutMs} ms`,
				description:
					'The node retries this up to "Max Retries" times. Raise "Timeout" in the node options if calls with long transcripts need more time.',
			};
		case 'ECONNRESET':
		case 'EPIPE':
		case 'UND_ERR_SOCKET':
			return {
				retry: 'transient',
				message: 'The connection to HighLevel was closed before it answered',
				description:
					'The node retries this up to "Max Retries" times. If it keeps happening, check any proxy between n8n and HighLevel.',
			};
		case 'ECONNREFUSED':
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return {
				retry: 'never',
				message: 'n8n could not reach HighLevel',
				description:
					'Check "Base URL" in the credential and the network or proxy settings of this n8n instance.',
			};
		default:
			return {
				retry: 'never',
				message: 'The request to HighLevel ended before an answer arrived',
				description: 'Check the network or proxy settings of this n8n instance.',
			};
	}
}

/**
 * A 2xx whose body is not the JSON object HighLevel sends. An empty or cut-off body is what a
 * dropped connection looks like, so a read tries again; a web page means a wrong address.
 */
export function describeUnreadableBody(text: string, contentType: string | undefined): ApiFailure {
	const trimmed = text.trim();
	if (trimmed === '') {
		return {
			retry: 'transient',
			message: 'HighLevel answered with an empty body',
			description:
				'The node retries this up to "Max Retries" times. If it persists, check "Base URL" in the credential; a proxy in between may be dropping the answer.',
		};
	}
	if ((contentType ?? '').includes('html') || trimmed.startsWith('<')) {
		return {
			retry: 'never',
			message: 'HighLevel answered with a web page instead of data',
			description:
				'Check "Base URL" in the credential: it should be https://services.leadconnectorhq.com (or your proxy to it), not a website address.',
		};
	}
	return {
		retry: 'transient',
		message: 'HighLevel answered with data that is not valid JSON',
		description:
			'The answer may have been cut off on the way; the node retries this up to "Max Retries" times. If it persists, check any proxy between n8n and HighLevel.',
	};
}

/** The body stopped before its end: the connection broke, or fewer bytes came than announced. */
export function describeCutBody(received: number): ApiFailure {
	return {
		retry: 'transient',
		message: "HighLevel's answer was cut off before its end",
		description: `The connection closed after ${received} bytes of the answer. The node retries this up to "Max Retries" times; if it keeps happening, check any proxy between n8n and HighLevel.`,
	};
}

/** The decompressed body passed the size limit; reading stopped there. */
export function describeTooLarge(limitBytes: number): ApiFailure {
	const megabytes = Math.round(limitBytes / 1024 / 1024);
	return {
		retry: 'never',
		reason: 'tooLarge',
		message: `HighLevel's answer is too large: more than ${megabytes} MB`,
		description:
			'The node stops reading answers this large so a faulty or hostile server cannot exhaust n8n\'s memory. For lists, lower "Limit" or narrow the filters; otherwise check "Base URL" in the credential.',
	};
}

/** Valid JSON nested deeper than any HighLevel document: refused before anything walks it. */
export function describeTooDeep(maxDepth: number): ApiFailure {
	return {
		retry: 'never',
		message: `HighLevel's answer is nested more than ${maxDepth} levels deep`,
		description:
			'No HighLevel answer is shaped like this, so it was not processed. Check "Base URL" in the credential.',
	};
}

/** n8n could not renew the OAuth2 access token: only a new sign-in helps. */
export function describeReconnect(): ApiFailure {
	return {
		retry: 'never',
		httpCode: '401',
		message: 'HighLevel no longer accepts this OAuth2 connection: reconnect the credential',
		description:
			'Renewing the access token was refused: the app may have been uninstalled from the sub-account, or its access revoked or expired. Open the HighLevel Voice AI OAuth2 credential and click "Reconnect" (sign in again).',
	};
}

/** HighLevel's API never redirects; following one could carry the token to another server. */
export function describeRedirect(
	status: number,
	location: string | undefined,
	requestUrl: string,
): ApiFailure {
	let target: URL | undefined;
	try {
		target = location ? new URL(location, requestUrl) : undefined;
	} catch {
		target = undefined;
	}
	const httpCode = String(status);
	if (target && target.href === new URL(requestUrl).href) {
		return {
			httpCode,
			retry: 'never',
			message: "HighLevel's address redirects to itself",
			description:
				'The address answered with a redirect loop, so nothing was read. Check "Base URL" in the credential and any proxy in between.',
		};
	}
	const where = target ? printable(target.host || target.protocol, 120) : 'an unreadable address';
	return {
		httpCode,
		retry: 'never',
		message: `HighLevel's address answered with a redirect to ${where}`,
		description:
			'HighLevel\'s API does not redirect, so the node does not follow redirects: following one could send your token to another server. Check "Base URL" in the credential (https://services.leadconnectorhq.com, or your proxy).',
	};
}

/**
 * A write (create, update, delete) whose answer never came or was unreadable: HighLevel may or may
 * not have applied it. Repeating it could create something twice, so it is reported instead.
 */
export function describeUnknownOutcome(failure: ApiFailure, subject: RequestSubject): ApiFailure {
	return {
		...failure,
		retry: 'never',
		description:
			`${failure.description.replace(/The node retries this up to "Max Retries" times[.;]? ?/, '')} HighLevel may or may not have applied the change to ${subjectName(subject)}: the node did not repeat it, so nothing is done twice. Check in HighLevel before running it again.`.trim(),
	};
}

/**
 * Valid JSON, but not what the endpoint documents (HighLevel's AI endpoints have regressed
 * before). `problem` says what is wrong when it is more specific than a missing subject.
 */
export function describeUnexpectedShape(subject: RequestSubject, problem?: string): ApiFailure {
	return {
		retry: 'never',
		message: problem
			? `HighLevel's answer for ${subjectName(subject)} ${printable(problem, 200)}`
			: `HighLevel's answer does not contain ${subjectName(subject)}`,
		description:
			'The answer was valid JSON but not in the documented shape. Check "Base URL" in the credential; if it is right, HighLevel may have changed its API.',
	};
}
