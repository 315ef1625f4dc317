import type { IDataObject } from 'n8n-workflow';

import type { RateLimitHeaders } from './rateLimit';

/** How the transport reacts to a failed attempt. */
export type RetryKind = 'burst' | 'transient' | 'never';

export interface ApiFailure {
	/** What happened, in plain words; becomes the NodeApiError's message. */
	message: string;
	/** How to fix it; becomes the NodeApiError's description. */
	description: string;
	httpCode?: string;
	retry: RetryKind;
}

/** What the request was about, so messages can say "call log 123" instead of "resource". */
export interface RequestSubject {
	/** e.g. "call log" */
	noun: string;
	id?: string;
}

/** HighLevel error bodies are NestJS-style: `message` is a string or, on 422, a list of strings. */
export function apiMessage(body: unknown): string {
	if (body && typeof body === 'object' && !Array.isArray(body)) {
		const { message, error } = body as IDataObject;
		if (Array.isArray(message)) {
			// JSON.stringify, not String(): an entry like {"toString":null} makes String() throw.
			return message
				.map((part) => (typeof part === 'string' ? part : JSON.stringify(part)))
				.join('; ');
		}
		if (typeof message === 'string' && message) return message;
		if (typeof error === 'string' && error) return error;
	}
	if (typeof body === 'string') {
		const text = body.trim();
		// A proxy's error page: its title says more than 200 characters of markup.
		if (text.startsWith('<')) return /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim() ?? '';
		return text.slice(0, 200);
	}
	return '';
}

function formatInterval(ms: number): string {
	return ms >= 1000 ? `${Math.round(ms / 1000)} seconds` : `${ms} ms`;
}

function traceSuffix(body: unknown): string {
	const traceId = body && typeof body === 'object' ? (body as IDataObject).traceId : undefined;
	return typeof traceId === 'string' && traceId ? ` (HighLevel trace ID: ${traceId})` : '';
}

function subjectName(subject: RequestSubject): string {
	return subject.id ? `${subject.noun} ${subject.id}` : `the ${subject.noun}`;
}

/** Maps an HTTP answer that is not a success to what the user should read and whether to retry. */
export function describeHttpFailure(
	status: number,
	body: unknown,
	rateLimit: RateLimitHeaders,
	subject: RequestSubject,
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
				`HighLevel allows ${rateLimit.max ?? 100} requests per ${formatInterval(rateLimit.intervalMs ?? 10000)} per location, shared with every other app and workflow using it. The node waits and retries up to "Max Retries" times; lower "Max Concurrent Requests" or spread the workflow's runs. ${quoted}${trace}`.trim(),
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
				message: 'The token is missing the voice-ai-dashboard.readonly scope',
				description:
					`In HighLevel, edit the Private Integration (Settings > Private Integrations) and add the scope "View Voice AI Dashboard" (voice-ai-dashboard.readonly), then paste the new token into the credential. ${quoted}${trace}`.trim(),
			};
		}
		return {
			httpCode,
			retry: 'never',
			message: 'HighLevel rejected the token: it is invalid, expired or revoked',
			description:
				`Create a new Private Integration Token for this sub-account (Settings > Private Integrations) and paste it into the credential. ${quoted}${trace}`.trim(),
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
				`The token may lack a scope such as voice-ai-dashboard.readonly, or the location may not have Voice AI. ${quoted}${trace}`.trim(),
		};
	}
	if (
		status === 404 ||
		(status === 400 && /not\s*found|no .* found|does not exist|invalid .*id/.test(lower))
	) {
		return {
			httpCode,
			retry: 'never',
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
			message: `HighLevel failed to handle the request (HTTP ${status})`,
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
				message: 'The request to HighLevel failed before an answer arrived',
				description: 'Check the network or proxy settings of this n8n instance.',
			};
	}
}

/** A 2xx whose body is not the JSON object HighLevel sends: a proxy page, an empty or cut-off body. */
export function describeUnreadableBody(body: unknown, contentType: string | undefined): ApiFailure {
	const text = typeof body === 'string' ? body.trim() : '';
	if (body === undefined || body === null || (typeof body === 'string' && text === '')) {
		return {
			retry: 'never',
			message: 'HighLevel answered with an empty body',
			description:
				'Check "Base URL" in the credential; a proxy in between may be dropping the answer.',
		};
	}
	if ((contentType ?? '').includes('html') || text.startsWith('<')) {
		return {
			retry: 'never',
			message: 'HighLevel answered with a web page instead of data',
			description:
				'Check "Base URL" in the credential: it should be https://services.leadconnectorhq.com (or your proxy to it), not a website address.',
		};
	}
	return {
		retry: 'never',
		message: 'HighLevel answered with data that is not valid JSON',
		description:
			'The answer may have been cut off on the way. Try again; if it persists, check any proxy between n8n and HighLevel.',
	};
}

/** Valid JSON, but not what the endpoint documents (HighLevel's AI endpoints have regressed before). */
export function describeUnexpectedShape(subject: RequestSubject): ApiFailure {
	return {
		retry: 'never',
		message: `HighLevel's answer does not contain ${subjectName(subject)}`,
		description:
			'The answer was valid JSON but not in the documented shape. Check "Base URL" in the credential; if it is right, HighLevel may have changed its API.',
	};
}
