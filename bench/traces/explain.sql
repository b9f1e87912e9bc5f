-- EXPLAIN ANALYZE of the statements behind GET /api/v1/projects/bench/traces?limit=100, on the data of generate.sql.
-- The service asks for 101 rows to know whether another page follows.
\timing on

-- First page.
EXPLAIN (ANALYZE, BUFFERS)
SELECT id, project_id, session_id, agent_id, status, started_at, completed_at, event_count, event_bytes,
       total_tokens, total_cost_nanos, COALESCE((SELECT flushed_seq FROM node_flush WHERE node_id = 'bench'), 0)
FROM traces WHERE project_id = 'bench'
ORDER BY started_at DESC, id DESC LIMIT 101;

-- A page deep in the listing, after a cursor half-way through.
EXPLAIN (ANALYZE, BUFFERS)
SELECT id, project_id, session_id, agent_id, status, started_at, completed_at, event_count, event_bytes,
       total_tokens, total_cost_nanos, COALESCE((SELECT flushed_seq FROM node_flush WHERE node_id = 'bench'), 0)
FROM traces WHERE project_id = 'bench' AND (started_at, id) < ('2026-10-19 00:00:00Z', 'tr-0500000')
ORDER BY started_at DESC, id DESC LIMIT 101;

-- Filtered: status=error, after the same cursor.
EXPLAIN (ANALYZE, BUFFERS)
SELECT id, project_id, session_id, agent_id, status, started_at, completed_at, event_count, event_bytes,
       total_tokens, total_cost_nanos, COALESCE((SELECT flushed_seq FROM node_flush WHERE node_id = 'bench'), 0)
FROM traces WHERE project_id = 'bench' AND status = 'error'
  AND (started_at, id) < ('2026-10-19 00:00:00Z', 'tr-0500000')
ORDER BY started_at DESC, id DESC LIMIT 101;

-- Filtered: agentId and a time range.
EXPLAIN (ANALYZE, BUFFERS)
SELECT id, project_id, session_id, agent_id, status, started_at, completed_at, event_count, event_bytes,
       total_tokens, total_cost_nanos, COALESCE((SELECT flushed_seq FROM node_flush WHERE node_id = 'bench'), 0)
FROM traces WHERE project_id = 'bench' AND agent_id = 'agent-3'
  AND started_at >= '2026-10-01Z' AND started_at <= '2026-10-15Z'
ORDER BY started_at DESC, id DESC LIMIT 101;

-- The events of a page of 100 traces, in one query (the ids and counts are parameters in the service).
EXPLAIN (ANALYZE, BUFFERS)
SELECT e.trace_id, e.seq, e.type, e.occurred_at, e.data::text
FROM unnest((SELECT array_agg(id) FROM (SELECT id FROM traces WHERE project_id = 'bench'
                                        ORDER BY started_at DESC, id DESC LIMIT 100) AS page),
            array_fill(3, ARRAY[100])) AS l(id, through)
JOIN trace_events e ON e.trace_id = l.id AND e.seq <= l.through
ORDER BY e.trace_id, e.seq;

-- Active sessions for the stats.
EXPLAIN (ANALYZE, BUFFERS)
SELECT count(*) FROM (SELECT DISTINCT project_id, session_id FROM traces WHERE status = 'running') AS running;
