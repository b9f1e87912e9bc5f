-- Execution traces and their events. A trace's id is global. Its totals are the sums of the usage events that
-- name it, added by each node's flush; its events are numbered 1, 2, ... in order of arrival.

-- Rows are updated on every batch of appended events; the free space lets those be HOT updates.
CREATE TABLE traces (
    id               text        PRIMARY KEY,
    project_id       text        NOT NULL REFERENCES projects (id),
    session_id       text        NOT NULL,
    agent_id         text,
    status           text        NOT NULL CHECK (status IN ('running', 'completed', 'error')),
    started_at       timestamptz NOT NULL,
    completed_at     timestamptz,
    created_at       timestamptz NOT NULL,
    last_activity_at timestamptz NOT NULL,
    event_count      integer     NOT NULL DEFAULT 0,
    event_bytes      bigint      NOT NULL DEFAULT 0,
    total_tokens     bigint      NOT NULL DEFAULT 0,
    total_cost_nanos bigint      NOT NULL DEFAULT 0
) WITH (fillfactor = 85);

-- Listing pages, newest first, keyed by (started_at, id); one index per filter that can be selective.
CREATE INDEX traces_project_started ON traces (project_id, started_at DESC, id DESC);
CREATE INDEX traces_project_status_started ON traces (project_id, status, started_at DESC, id DESC);
CREATE INDEX traces_project_session_started ON traces (project_id, session_id, started_at DESC, id DESC);
CREATE INDEX traces_project_agent_started ON traces (project_id, agent_id, started_at DESC, id DESC)
    WHERE agent_id IS NOT NULL;

-- Running traces only: the active sessions of the stats and the idle reaper's candidates. last_activity_at is
-- deliberately not indexed, so that the updates of every append stay HOT.
CREATE INDEX traces_running_sessions ON traces (project_id, session_id) WHERE status = 'running';

-- The traces that usage may still name, loaded into memory at start.
CREATE INDEX traces_created ON traces (created_at);

CREATE TABLE trace_events (
    trace_id    text        NOT NULL REFERENCES traces (id),
    seq         integer     NOT NULL,
    type        text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    data        json        NOT NULL,
    PRIMARY KEY (trace_id, seq)
);
