-- The plugin marketplace (published plugins, their tags, where they are installed) and the accounting of AI
-- runs (each user's credit balance and what each run used). Times are epoch milliseconds; credits are stored
-- in micro-credits (millionths), so that sums stay exact integers.

-- One row per plugin name: the latest version published. A plugin is a wasm module with its manifest, or a
-- prompt template (manifest only, module NULL).
CREATE TABLE plugins (
    name         TEXT    PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 64),
    version      TEXT    NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN ('wasm', 'prompt')),
    description  TEXT    NOT NULL,
    author       TEXT    NOT NULL,
    license      TEXT    NOT NULL,
    category     TEXT    NOT NULL,
    -- the manifest as published (JSON, UTF-8)
    manifest     BLOB    NOT NULL,
    module       BLOB,
    -- the subject who published it first: only they may publish new versions or unpublish
    publisher    TEXT    NOT NULL,
    published_at INTEGER NOT NULL
);

CREATE INDEX plugins_by_category ON plugins (category, name);

CREATE TABLE plugin_tags (
    plugin TEXT NOT NULL REFERENCES plugins (name) ON DELETE CASCADE,
    tag    TEXT NOT NULL,
    PRIMARY KEY (plugin, tag)
);

CREATE INDEX plugin_tags_by_tag ON plugin_tags (tag, plugin);

-- A plugin installed on one document, or on every document of the server (document = '').
CREATE TABLE plugin_installs (
    document     TEXT    NOT NULL,
    plugin       TEXT    NOT NULL REFERENCES plugins (name) ON DELETE CASCADE,
    installed_by TEXT    NOT NULL,
    installed_at INTEGER NOT NULL,
    PRIMARY KEY (document, plugin)
);

CREATE INDEX plugin_installs_by_plugin ON plugin_installs (plugin);

-- A user's AI credits. A user without a row has the server's configured starting balance.
CREATE TABLE ai_credits (
    subject TEXT    PRIMARY KEY,
    balance INTEGER NOT NULL
);

-- One row per AI call a plugin run made.
CREATE TABLE ai_usage (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    subject           TEXT    NOT NULL,
    document          TEXT    NOT NULL,
    plugin            TEXT    NOT NULL,
    model             TEXT    NOT NULL,
    prompt_tokens     INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL,
    cost              INTEGER NOT NULL,
    created_at        INTEGER NOT NULL
);

CREATE INDEX ai_usage_by_subject ON ai_usage (subject, id);
