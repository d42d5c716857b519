-- TikTok API calls a data provider made during a step (endpoint, status, latency, items read; never a token).
ALTER TYPE "trace_kind" ADD VALUE 'api_call';
