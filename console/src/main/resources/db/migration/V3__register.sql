-- CampusGate console state, version 3: the learning-app register (dual registration, RULES.md
-- §1-§2). Same dialect rules as V1.
-- Filings are append-only: a change (an edit, a status change, a confirmation, a withdrawal) is
-- a new version row, so a past decision can be re-evaluated with the versions then in force.
-- Sets of values (features, aliases, scope, fingerprints) are JSON arrays as text: portable, read
-- whole by the console, never queried inside.

-- The app catalogue: what an app is and how its traffic is recognised. Changed in place; the
-- admin log keeps every before/after.
CREATE TABLE register_apps (
    id             VARCHAR(64)  NOT NULL PRIMARY KEY,
    name           VARCHAR(200) NOT NULL,
    kind           VARCHAR(20)  NOT NULL,
    filing_number  VARCHAR(100),                 -- the provider filing it is registered under
    category       VARCHAR(30)  NOT NULL,
    features       VARCHAR(500) NOT NULL,        -- JSON array of AppFeature names
    domains        TEXT         NOT NULL,        -- JSON arrays of fingerprints
    sni_patterns   TEXT         NOT NULL,
    url_prefixes   TEXT         NOT NULL,
    ip_ranges      TEXT         NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by     VARCHAR(64)  NOT NULL,
    CONSTRAINT register_apps_kind CHECK (kind IN ('LEARNING', 'GAME', 'OTHER')),
    CONSTRAINT register_apps_id_not_blank CHECK (TRIM(id) <> '')
);
CREATE INDEX register_apps_filing ON register_apps (filing_number);

-- Every version of every provider filing (提供者备案). version numbers 1, 2, ... per filing in
-- the order they were recorded; effective_from says from when each holds.
CREATE TABLE register_provider_filings (
    filing_number     VARCHAR(100)  NOT NULL,
    version           INTEGER       NOT NULL,
    app_name          VARCHAR(200),
    aliases           VARCHAR(2000) NOT NULL,     -- JSON array
    form              VARCHAR(30)   NOT NULL,
    provider_name     VARCHAR(200),
    credit_code       VARCHAR(30),
    provider_type     VARCHAR(100),
    authority         VARCHAR(20),                -- province code or MOE
    icp_number        VARCHAR(100),
    mlps_number       VARCHAR(100),
    mlps_level        INTEGER       NOT NULL,
    category          VARCHAR(30)   NOT NULL,
    features          VARCHAR(500)  NOT NULL,     -- JSON array of AppFeature names
    training_licence  VARCHAR(100),
    status            VARCHAR(20)   NOT NULL,
    status_reason     VARCHAR(1000),
    may_refile_from   DATE,
    provincial_lists  VARCHAR(1000) NOT NULL,     -- JSON object: province code -> WHITE|GREY|BLACK
    source            VARCHAR(500),
    effective_from    TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by       VARCHAR(64)   NOT NULL,
    PRIMARY KEY (filing_number, version),
    CONSTRAINT register_provider_filings_version CHECK (version > 0),
    CONSTRAINT register_provider_filings_status
        CHECK (status IN ('ACTIVE', 'OFFLINE_PENDING', 'REVOKED', 'CANCELLED', 'BLACKLISTED')),
    CONSTRAINT register_provider_filings_level CHECK (mlps_level BETWEEN 0 AND 5),
    CONSTRAINT register_provider_filings_number_not_blank CHECK (TRIM(filing_number) <> '')
);
CREATE INDEX register_provider_filings_effective ON register_provider_filings (effective_from);

-- Every version of every school's filing of its use of an app (使用者备案); versions share id.
CREATE TABLE register_user_filings (
    id                   VARCHAR(100)  NOT NULL,
    version              INTEGER       NOT NULL,
    school_id            VARCHAR(64)   NOT NULL REFERENCES schools (id),
    app_id               VARCHAR(64)   NOT NULL REFERENCES register_apps (id),
    supervising_dept     VARCHAR(200),
    filing_number        VARCHAR(100),
    origin               VARCHAR(30)   NOT NULL,
    usage_mode           VARCHAR(30)   NOT NULL,
    charges_students     BOOLEAN       NOT NULL,
    linked_to_grades     BOOLEAN       NOT NULL,
    evidence_consultation VARCHAR(500),
    evidence_minutes     VARCHAR(500),
    evidence_agreement   VARCHAR(500),
    scope                VARCHAR(2000) NOT NULL,  -- JSON array of group names; empty = everyone
    windows              VARCHAR(500),
    status               VARCHAR(20)   NOT NULL,
    status_note          VARCHAR(1000),           -- why it was rejected or withdrawn
    confirmed_by         VARCHAR(64),
    confirmed_at         TIMESTAMP WITH TIME ZONE,
    valid_from           DATE,
    valid_to             DATE,
    effective_from       TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by          VARCHAR(64)   NOT NULL,
    PRIMARY KEY (id, version),
    CONSTRAINT register_user_filings_version CHECK (version > 0),
    CONSTRAINT register_user_filings_status
        CHECK (status IN ('DRAFT', 'SUBMITTED', 'CONFIRMED', 'WITHDRAWN', 'REJECTED')),
    CONSTRAINT register_user_filings_origin
        CHECK (origin IN ('SELF_SELECTED', 'SELF_DEVELOPED', 'SUPERIOR_REQUIRED')),
    CONSTRAINT register_user_filings_usage CHECK (usage_mode IN ('UNIFORM_REQUIRED', 'RECOMMENDED')),
    CONSTRAINT register_user_filings_validity
        CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX register_user_filings_school ON register_user_filings (school_id, app_id);

-- One row: the register's revision (every change adds one; gateways take a register only when
-- it is newer) and when the filing data was last brought up to date with the platform.
CREATE TABLE register_state (
    id               INTEGER      NOT NULL PRIMARY KEY,
    revision         BIGINT       NOT NULL,
    last_synced_at   TIMESTAMP WITH TIME ZONE,
    last_sync_source VARCHAR(500),
    changed_at       TIMESTAMP WITH TIME ZONE,
    changed_by       VARCHAR(64),
    CONSTRAINT register_state_one_row CHECK (id = 1),
    CONSTRAINT register_state_revision CHECK (revision >= 0)
);
INSERT INTO register_state (id, revision) VALUES (1, 0);
