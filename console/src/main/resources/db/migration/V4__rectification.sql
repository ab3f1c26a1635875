-- CampusGate console state, version 4: rectification items (RULES.md §6). Same dialect rules as
-- V1. Each finding of a monthly report becomes one item; (month, school, kind, subject) is unique
-- so making a report twice raises nothing twice. School null: a district item. Status changes
-- are made in place; the admin log keeps every before/after (action rectification.*).
CREATE TABLE rectification_items (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    report_month CHAR(7)      NOT NULL,               -- the month whose report raised it, yyyy-MM
    school_id   VARCHAR(64),                          -- no foreign key: items outlive a school
    kind        VARCHAR(40)   NOT NULL,               -- FindingKind name
    subject     VARCHAR(255)  NOT NULL,
    summary     VARCHAR(1000) NOT NULL,
    owner       VARCHAR(100)  NOT NULL,
    deadline    DATE          NOT NULL,
    status      VARCHAR(12)   NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by  VARCHAR(64)   NOT NULL,
    note        VARCHAR(1000),
    closed_at   TIMESTAMP WITH TIME ZONE,             -- when it was last closed; null while not
    -- NULLs are distinct in a UNIQUE constraint, so district items (school null) use '' here
    school_key  VARCHAR(64)   NOT NULL,
    CONSTRAINT rectification_items_unique UNIQUE (report_month, school_key, kind, subject),
    CONSTRAINT rectification_items_status CHECK (status IN ('OPEN', 'RECTIFIED', 'CLOSED')),
    CONSTRAINT rectification_items_school_key CHECK (school_key = COALESCE(school_id, '')),
    CONSTRAINT rectification_items_month CHECK (report_month LIKE '____-__'),
    CONSTRAINT rectification_items_owner_not_blank CHECK (TRIM(owner) <> ''),
    CONSTRAINT rectification_items_closed CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL))
);
CREATE INDEX rectification_items_school ON rectification_items (school_key, report_month);
CREATE INDEX rectification_items_month ON rectification_items (report_month, status);
