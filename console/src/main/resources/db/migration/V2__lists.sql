-- CampusGate console state, version 2: block lists imported through the console, and the
-- custom entries admins add to a category. Same dialect rules as V1.

-- Each successful UT1 import. The newest row is the set in force (also after a restart); the
-- copy the console keeps is stored_path, relative to the installation folder.
CREATE TABLE list_imports (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source          VARCHAR(1000) NOT NULL,                 -- server path or uploaded file name
    stored_path     VARCHAR(1000) NOT NULL,
    category_count  INTEGER       NOT NULL,
    entry_count     BIGINT        NOT NULL,
    imported_by     VARCHAR(64)   NOT NULL,
    imported_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT list_imports_counts CHECK (category_count >= 0 AND entry_count >= 0)
);

-- Domains and URL prefixes added to a category on top of what the imported lists hold,
-- district-wide. The entry is stored canonical, so one site cannot be added twice.
CREATE TABLE list_custom_entries (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    category    VARCHAR(64)   NOT NULL,
    kind        VARCHAR(10)   NOT NULL,
    entry       VARCHAR(1000) NOT NULL,
    created_by  VARCHAR(64)   NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT list_custom_entries_kind CHECK (kind IN ('domain', 'url')),
    CONSTRAINT list_custom_entries_unique UNIQUE (category, kind, entry)
);
