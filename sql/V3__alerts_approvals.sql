-- Sent budget alerts, one row per (scope, project or agent, period, threshold, budget): the row is the claim
-- that makes an alert go out once, whichever instance gets there first.
CREATE TABLE alerts (
    project_id          text        NOT NULL REFERENCES projects (id),
    scope               text        NOT NULL CHECK (scope IN ('project.daily', 'project.monthly', 'agent.daily')),
    subject_id          text        NOT NULL,
    period              text        NOT NULL,
    threshold           integer     NOT NULL,
    budget_nanos        bigint      NOT NULL,
    agent_id            text,
    session_id          text,
    current_spend_nanos bigint      NOT NULL,
    percent             integer     NOT NULL,
    sent_at             timestamptz NOT NULL,
    node_id             text        NOT NULL,
    PRIMARY KEY (project_id, scope, subject_id, period, threshold, budget_nanos)
);

CREATE INDEX alerts_by_period ON alerts (project_id, period, sent_at);

-- Requests to raise one limit for one period; an approved one is a grant.
CREATE TABLE approvals (
    id              text        PRIMARY KEY,
    project_id      text        NOT NULL REFERENCES projects (id),
    agent_id        text,
    scope           text        NOT NULL CHECK (scope IN ('project.daily', 'project.monthly', 'agent.daily')),
    period          text        NOT NULL,
    requested_nanos bigint      NOT NULL CHECK (requested_nanos > 0),
    reason          text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    created_at      timestamptz NOT NULL,
    decided_at      timestamptz
);

CREATE INDEX approvals_by_project ON approvals (project_id, created_at);
CREATE INDEX approvals_pending ON approvals (status) WHERE status = 'pending';
