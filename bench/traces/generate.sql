-- Run against a scratch database that the service has migrated and that holds project "bench" (see BENCHMARKS.md).
-- One million traces in project 'bench' over the 90 days before 2026-12-03, 10 per session, 10 agents,
-- 1.5% error, 0.5% running, each with 3 events.
INSERT INTO traces (id, project_id, session_id, agent_id, status, started_at, completed_at, created_at,
                    last_activity_at, event_count, event_bytes, total_tokens, total_cost_nanos)
SELECT 'tr-' || lpad(g::text, 7, '0'), 'bench', 'sess-' || (g / 10), 'agent-' || (g % 10),
       CASE WHEN g % 200 = 0 THEN 'running' WHEN g % 67 = 0 THEN 'error' ELSE 'completed' END,
       ts, CASE WHEN g % 200 = 0 THEN NULL ELSE ts + interval '30 seconds' END, ts, ts + interval '30 seconds',
       3, 120, g % 5000, (g % 5000) * 1000
FROM generate_series(1, 1000000) AS g,
     LATERAL (SELECT timestamptz '2026-09-04 00:00:00Z' + g * interval '7.776 seconds' AS ts) AS t;

INSERT INTO trace_events (trace_id, seq, type, occurred_at, data)
SELECT t.id, s, (ARRAY['llm_call', 'tool_call', 'result'])[s], t.started_at + s * interval '5 seconds',
       json_build_object('step', s, 'tool', 'search', 'ms', 120 + s)
FROM traces AS t, generate_series(1, 3) AS s;

VACUUM ANALYZE traces;
VACUUM ANALYZE trace_events;
