/** A case's events are the stream `case-<case id>`: the one place that spelling is written. */
export const CASE_STREAM_PREFIX = 'case-';

export const caseStream = (caseId: string): string => `${CASE_STREAM_PREFIX}${caseId}`;

export const isCaseStream = (stream: string): boolean => stream.startsWith(CASE_STREAM_PREFIX);

/** The case id of a case stream; null for any other stream. */
export const caseIdOfStream = (stream: string): string | null => (isCaseStream(stream) ? stream.slice(CASE_STREAM_PREFIX.length) : null);
