-- Projects, their agents and API keys; usage events; per-node day counters; per-node flush progress.
-- Money is stored as whole nano-dollars (1e-9 USD) in bigint columns named *_nanos.

CREATE TABLE projects (
    num        integer GENERATED ALWAYS AS IDENTITY UNIQUE,
    id         text        PRIMARY KEY,
    name       text        NOT NULL,
    status     text        NOT NULL CHECK (status IN ('active', 'archived')),
    timezone   text        NOT NULL,
    config     jsonb       NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE TABLE agents (
    num        integer GENERATED ALWAYS AS IDENTITY UNIQUE,
    project_id text        NOT NULL REFERENCES projects (id),
    id         text        NOT NULL,
    name       text        NOT NULL,
    status     text        NOT NULL CHECK (status IN ('active', 'paused')),
    config     jsonb       NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (project_id, id)
);

CREATE TABLE project_keys (
    id         text        PRIMARY KEY,
    project_id text        NOT NULL REFERENCES projects (id),
    key_hash   bytea       NOT NULL UNIQUE,
    created_at timestamptz NOT NULL,
    revoked_at timestamptz
);

CREATE TABLE usage_events (
    project_id                  text        NOT NULL REFERENCES projects (id),
    event_id                    text        NOT NULL,
    agent_id                    text,
    session_id                  text,
    trace_id                    text,
    model                       text,
    input_tokens                bigint      NOT NULL,
    output_tokens               bigint      NOT NULL,
    cached_input_tokens         bigint      NOT NULL,
    cache_creation_input_tokens bigint      NOT NULL,
    reasoning_tokens            bigint      NOT NULL,
    given_cost_nanos            bigint,
    original_cost_nanos         bigint      NOT NULL,
    cost_nanos                  bigint      NOT NULL,
    occurred_at                 timestamptz NOT NULL,
    timestamp_given             boolean     NOT NULL,
    received_at                 timestamptz NOT NULL,
    day                         date        NOT NULL,
    fingerprint                 bigint      NOT NULL,
    node_id                     text        NOT NULL,
    seq                         bigint      NOT NULL,
    PRIMARY KEY (project_id, event_id)
);

CREATE INDEX usage_events_received_at ON usage_events (received_at);
CREATE INDEX usage_events_trace ON usage_events (trace_id) WHERE trace_id IS NOT NULL;

CREATE TABLE usage_corrections (
    node_id             text        NOT NULL,
    seq                 bigint      NOT NULL,
    project_id          text        NOT NULL,
    event_id            text        NOT NULL,
    cost_nanos          bigint      NOT NULL,
    previous_cost_nanos bigint      NOT NULL,
    reason              text        NOT NULL,
    corrected_at        timestamptz NOT NULL,
    PRIMARY KEY (node_id, seq)
);

CREATE INDEX usage_corrections_event ON usage_corrections (project_id, event_id, corrected_at);

-- What each node has counted, by day in the project's time zone. Reads sum over nodes.
CREATE TABLE project_days (
    project_id text   NOT NULL REFERENCES projects (id),
    day        date   NOT NULL,
    node_id    text   NOT NULL,
    cost_nanos bigint NOT NULL,
    tokens     bigint NOT NULL,
    requests   bigint NOT NULL,
    PRIMARY KEY (project_id, day, node_id)
);

CREATE TABLE agent_days (
    project_id text   NOT NULL,
    agent_id   text   NOT NULL,
    day        date   NOT NULL,
    node_id    text   NOT NULL,
    cost_nanos bigint NOT NULL,
    tokens     bigint NOT NULL,
    requests   bigint NOT NULL,
    PRIMARY KEY (project_id, agent_id, day, node_id),
    FOREIGN KEY (project_id, agent_id) REFERENCES agents (project_id, id)
);

-- The journal sequence number up to which a node's records are in the tables above, moved in the same
-- transaction as the rows, so that a flush is applied once.
CREATE TABLE node_flush (
    node_id     text        PRIMARY KEY,
    flushed_seq bigint      NOT NULL,
    flushed_at  timestamptz NOT NULL
);
