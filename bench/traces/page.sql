-- pgbench script: the page query the service sends for a page of 100 after a cursor half-way through.
SELECT id, project_id, session_id, agent_id, status, started_at, completed_at, event_count, event_bytes,
       total_tokens, total_cost_nanos, COALESCE((SELECT flushed_seq FROM node_flush WHERE node_id = 'bench'), 0)
FROM traces WHERE project_id = 'bench' AND (started_at, id) < ('2026-10-19 00:00:00Z', 'tr-0500000')
ORDER BY started_at DESC, id DESC LIMIT 101;
