-- CampusGate console state, version 1.
-- One dialect for both databases: PostgreSQL, and H2 in PostgreSQL mode
-- (MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH). Keep to what both accept:
-- no expression or partial indexes, no jsonb, no RETURNING, no MERGE/ON CONFLICT.
-- Times are TIMESTAMP WITH TIME ZONE and written in UTC by the DAOs.
-- Who did something (author, actor, created_by) is kept as the account's name, not a foreign key,
-- so history stays readable after an account is removed.

-- A school, identified by the short id the gateway config and every AccessEvent carry.
CREATE TABLE schools (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT schools_id_not_blank CHECK (TRIM(id) <> '')
);

-- People who log in to the console. The role decides what they see; only a school-admin is tied
-- to a school, district-wide roles are not, a responder may be either.
CREATE TABLE console_accounts (
    id                   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username             VARCHAR(64)  NOT NULL,
    password_hash        VARCHAR(255) NOT NULL,             -- Argon2 PHC string ($argon2id$...)
    role                 VARCHAR(20)  NOT NULL,
    school_id            VARCHAR(64)  REFERENCES schools (id),
    must_change_password BOOLEAN      NOT NULL DEFAULT TRUE,
    failed_logins        INTEGER      NOT NULL DEFAULT 0,
    locked_until         TIMESTAMP WITH TIME ZONE,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT console_accounts_username_unique UNIQUE (username),
    -- lower case only, so "Admin" and "admin" cannot both exist (no expression index in H2)
    CONSTRAINT console_accounts_username_lower CHECK (username = LOWER(username) AND TRIM(username) <> ''),
    CONSTRAINT console_accounts_role CHECK (role IN ('district-admin', 'school-admin', 'inspector', 'responder')),
    CONSTRAINT console_accounts_role_school CHECK (
        (role = 'school-admin' AND school_id IS NOT NULL)
        OR (role IN ('district-admin', 'inspector') AND school_id IS NULL)
        OR role = 'responder'),
    CONSTRAINT console_accounts_failed_logins CHECK (failed_logins >= 0)
);
CREATE INDEX console_accounts_school ON console_accounts (school_id);

-- API tokens: only a hash of the secret is stored; a revoked token stays for the record.
CREATE TABLE api_tokens (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash  VARCHAR(128) NOT NULL,
    name        VARCHAR(100) NOT NULL,
    role        VARCHAR(20)  NOT NULL,
    school_id   VARCHAR(64)  REFERENCES schools (id),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT api_tokens_hash_unique UNIQUE (token_hash),
    CONSTRAINT api_tokens_role CHECK (role IN ('district-admin', 'school-admin', 'inspector', 'responder')),
    CONSTRAINT api_tokens_role_school CHECK (
        (role = 'school-admin' AND school_id IS NOT NULL)
        OR (role IN ('district-admin', 'inspector') AND school_id IS NULL)
        OR role = 'responder'),
    CONSTRAINT api_tokens_revoked_after_created CHECK (revoked_at IS NULL OR revoked_at >= created_at)
);
CREATE INDEX api_tokens_school ON api_tokens (school_id);

-- A school's people, as the gateway identifies them (proxy login, RADIUS, IP binding).
-- (school_id, id) is unique so that memberships and bindings can insist on the same school.
CREATE TABLE users (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    school_id     VARCHAR(64)  NOT NULL REFERENCES schools (id),
    login         VARCHAR(128) NOT NULL,
    display_name  VARCHAR(200) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT users_login_unique UNIQUE (school_id, login),
    CONSTRAINT users_school_id_unique UNIQUE (school_id, id),
    CONSTRAINT users_login_not_blank CHECK (TRIM(login) <> '')
);

CREATE TABLE groups (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    school_id   VARCHAR(64)  NOT NULL REFERENCES schools (id),
    name        VARCHAR(100) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT groups_name_unique UNIQUE (school_id, name),
    CONSTRAINT groups_school_id_unique UNIQUE (school_id, id),
    CONSTRAINT groups_name_not_blank CHECK (TRIM(name) <> '')
);

CREATE TABLE user_groups (
    school_id  VARCHAR(64) NOT NULL,
    user_id    BIGINT      NOT NULL,
    group_id   BIGINT      NOT NULL,
    PRIMARY KEY (user_id, group_id),
    CONSTRAINT user_groups_user FOREIGN KEY (school_id, user_id)
        REFERENCES users (school_id, id) ON DELETE CASCADE,
    CONSTRAINT user_groups_group FOREIGN KEY (school_id, group_id)
        REFERENCES groups (school_id, id) ON DELETE CASCADE
);
CREATE INDEX user_groups_group ON user_groups (group_id);

-- Who sits behind an address: a CIDR bound to exactly one user or one group of the school.
-- The CIDR is stored as text, as given; the API validates and normalises it before it gets here.
CREATE TABLE ip_bindings (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    school_id   VARCHAR(64)  NOT NULL REFERENCES schools (id),
    cidr        VARCHAR(64)  NOT NULL,
    user_id     BIGINT,
    group_id    BIGINT,
    created_by  VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ip_bindings_cidr_unique UNIQUE (school_id, cidr),
    CONSTRAINT ip_bindings_one_subject CHECK ((user_id IS NULL) <> (group_id IS NULL)),
    CONSTRAINT ip_bindings_user FOREIGN KEY (school_id, user_id)
        REFERENCES users (school_id, id) ON DELETE CASCADE,
    CONSTRAINT ip_bindings_group FOREIGN KEY (school_id, group_id)
        REFERENCES groups (school_id, id) ON DELETE CASCADE
);
CREATE INDEX ip_bindings_user ON ip_bindings (user_id);
CREATE INDEX ip_bindings_group ON ip_bindings (group_id);

-- A school's policy document and its history. Versions are never changed or removed; publishing
-- adds one and moves current_version, rolling back publishes an old text again.
CREATE TABLE policies (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    school_id        VARCHAR(64)  NOT NULL REFERENCES schools (id),
    name             VARCHAR(100) NOT NULL,
    current_version  INTEGER,                                -- null until the first publish
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT policies_name_unique UNIQUE (school_id, name)
);

CREATE TABLE policy_versions (
    policy_id   BIGINT       NOT NULL REFERENCES policies (id),
    version     INTEGER      NOT NULL,
    document    TEXT         NOT NULL,                       -- the policy YAML, exactly as published
    author      VARCHAR(64)  NOT NULL,
    comment     VARCHAR(1000),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (policy_id, version),
    CONSTRAINT policy_versions_positive CHECK (version > 0)
);

-- The pointer can only name a version of the same policy.
ALTER TABLE policies ADD CONSTRAINT policies_current_version
    FOREIGN KEY (id, current_version) REFERENCES policy_versions (policy_id, version);

-- What was imported into each block or category list, and when. School null: district-wide.
CREATE TABLE list_metadata (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name               VARCHAR(200)  NOT NULL,
    school_id          VARCHAR(64)   REFERENCES schools (id),
    source             VARCHAR(1000) NOT NULL,               -- path or URL it came from
    domain_count       INTEGER       NOT NULL,
    url_count          INTEGER       NOT NULL,
    expression_count   INTEGER       NOT NULL,
    imported_by        VARCHAR(64)   NOT NULL,
    imported_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT list_metadata_name_unique UNIQUE (name),
    CONSTRAINT list_metadata_counts CHECK (domain_count >= 0 AND url_count >= 0 AND expression_count >= 0)
);

-- Every change an admin makes, append-only. The id gives the order; school_id has no foreign key
-- so entries outlive a removed school. before/after are JSON text (portable; not queried inside).
CREATE TABLE admin_actions (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at           TIMESTAMP WITH TIME ZONE NOT NULL,
    actor        VARCHAR(64)  NOT NULL,
    action       VARCHAR(64)  NOT NULL,
    target       VARCHAR(255) NOT NULL,
    school_id    VARCHAR(64),
    before_json  TEXT,
    after_json   TEXT
);
CREATE INDEX admin_actions_at ON admin_actions (at);
CREATE INDEX admin_actions_school ON admin_actions (school_id, id);
CREATE INDEX admin_actions_actor ON admin_actions (actor, id);
